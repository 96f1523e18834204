/**
 * Variables both runtime modules (cloud-run and vm) take: the image, the database connection, the secrets and
 * the first admin — and how they become the runtime settings of the constructs.
 */
import type { TerraformVariable } from "cdktf";
import {
  DATABASE_LOGIN_RULE,
  NO_DATABASE_CA,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_WITH_CA_RULE,
} from "../../../modules/mathesar";
import {
  GOOGLE_DATABASE_HOST_RULE,
  GoogleRuntimeSettings,
  NETWORK_ID_RULE,
  SECRET_ID_RULE,
  SUBNETWORK_ID_RULE,
} from "../../../modules/google";
import { VariableSpec, isSet } from "../../../modules/terraform";
import { GOOGLE_VARIABLES } from "../variables";

const secretId = (description: string): VariableSpec => ({ type: "string", description, rule: SECRET_ID_RULE });

/** The shared runtime variables. */
export const RUNTIME_VARIABLES = {
  name: GOOGLE_VARIABLES.name,
  project: GOOGLE_VARIABLES.project,
  region: GOOGLE_VARIABLES.region,
  network_id: { type: "string", description: "Network Mathesar reaches its database through.", rule: NETWORK_ID_RULE },
  subnetwork_id: { type: "string", description: "Subnetwork in region.", rule: SUBNETWORK_ID_RULE },
  image: { type: "string", description: "Full image reference registry/repository:tag." },
  domain_name: GOOGLE_VARIABLES.domain_name,
  web_concurrency: { type: "number", description: "Gunicorn workers per instance." },
  database_host: {
    type: "string",
    description: "Host of Mathesar's internal database. Required: without it Mathesar starts a throwaway database.",
    rule: GOOGLE_DATABASE_HOST_RULE,
  },
  database_port: { type: "number", description: "PostgreSQL port.", default: 5432, rule: PORT_RULE },
  database_name: {
    type: "string",
    description: "Mathesar's internal database.",
    default: "mathesar",
    rule: POSTGRES_IDENTIFIER_RULE,
  },
  database_user: {
    type: "string",
    description: "Role Mathesar logs in as (a pooler login may contain a dot).",
    default: "mathesar",
    rule: DATABASE_LOGIN_RULE,
  },
  database_password_secret_id: secretId("Secret holding database_user's password."),
  database_sslmode: {
    type: "string",
    description:
      "TLS mode, set as libpq's PGSSLMODE (require for every managed database; verify-ca/verify-full need database_ca_certificate).",
    default: "require",
    rule: SSL_MODE_WITH_CA_RULE,
  },
  database_ca_certificate: {
    type: "string",
    description: `The database server's CA certificate(s), PEM, written to a file at start and named by PGSSLROOTCERT; "${NO_DATABASE_CA}": none.`,
    default: NO_DATABASE_CA,
  },
  secret_key_secret_id: secretId("Secret holding SECRET_KEY."),
  admin_enabled: GOOGLE_VARIABLES.admin_enabled,
  admin_username: GOOGLE_VARIABLES.admin_username,
  admin_email: GOOGLE_VARIABLES.admin_email,
  admin_password_secret_id: secretId("Secret holding the first admin's password."),
  sso_config_secret_id: GOOGLE_VARIABLES.sso_config_secret_id,
  require_sso_login: GOOGLE_VARIABLES.require_sso_login,
  labels: GOOGLE_VARIABLES.labels,
} satisfies Record<string, VariableSpec>;

/** The constructs' runtime settings from those variables. */
export function runtimeSettings(
  vars: Record<keyof typeof RUNTIME_VARIABLES, TerraformVariable>,
): GoogleRuntimeSettings {
  return {
    name: vars.name.stringValue,
    project: vars.project.stringValue,
    image: vars.image.stringValue,
    domainName: vars.domain_name.stringValue,
    webConcurrency: vars.web_concurrency.numberValue,
    database: {
      host: vars.database_host.stringValue,
      port: vars.database_port.numberValue,
      name: vars.database_name.stringValue,
      user: vars.database_user.stringValue,
      passwordSecretId: vars.database_password_secret_id.stringValue,
      sslMode: vars.database_sslmode.stringValue,
      caCertificate: vars.database_ca_certificate.stringValue,
    },
    secretKeySecretId: vars.secret_key_secret_id.stringValue,
    admin: {
      enabled: vars.admin_enabled.stringValue,
      username: vars.admin_username.stringValue,
      email: vars.admin_email.stringValue,
      passwordSecretId: vars.admin_password_secret_id.stringValue,
    },
    ssoConfig: { secretId: vars.sso_config_secret_id.stringValue, when: isSet(vars.sso_config_secret_id.stringValue) },
    requireSsoLogin: vars.require_sso_login.stringValue,
    labels: vars.labels.value,
  };
}
