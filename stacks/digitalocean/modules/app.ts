/** `modules/app` of terraform-digitalocean-mathesar: Mathesar on App Platform as a module. */
import { Construct } from "constructs";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import {
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  NO_DATABASE_CA,
  SSL_MODE_WITH_CA_RULE,
} from "../../../modules/mathesar";
import { DO_APP_INSTANCE_SIZE_RULE, MathesarDoApp } from "../../../modules/digitalocean";
import { ModuleStack } from "../../../modules/terraform";
import { DO_MODULE_PROVIDERS } from "../providers";
import { DO_VARIABLES } from "../variables";

/** The App Platform app: web service, pre-deploy bootstrap job, domain, alerts. */
export class DoAppModule extends ModuleStack {
  public readonly description =
    "Mathesar on App Platform: the pinned image, secrets as encrypted SECRET variables, a pre-deploy job that migrates and creates the first admin, a custom domain with managed TLS, and alerts.";

  constructor(scope: Construct, id: string) {
    super(scope, id, { digitalocean: DO_MODULE_PROVIDERS.digitalocean });
    new DigitaloceanProvider(this, "digitalocean");
    const vars = this.variables({
      name: DO_VARIABLES.name,
      app_region: {
        type: "string",
        description: "App Platform region (nyc, ams, fra, lon, sfo, sgp, syd, tor, blr, atl).",
      },
      vpc_id: { type: "string", description: "Id of the VPC the app joins to reach the database privately." },
      image_repository: DO_VARIABLES.image_repository,
      mathesar_version: DO_VARIABLES.mathesar_version,
      instance_size: {
        type: "string",
        description: "App Platform instance size slug.",
        rule: DO_APP_INSTANCE_SIZE_RULE,
      },
      database_host: {
        type: "string",
        description: "Host of Mathesar's internal database. Required: without it Mathesar starts a throwaway database.",
        rule: DATABASE_HOST_RULE,
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
        description: "Role Mathesar logs in as.",
        default: "mathesar",
        rule: DATABASE_LOGIN_RULE,
      },
      database_password: { type: "string", description: "Password of database_user.", sensitive: true },
      database_sslmode: {
        type: "string",
        description:
          "TLS mode of the database connection, set as libpq's PGSSLMODE (require for every managed database; verify-ca/verify-full need database_ca_certificate).",
        default: "require",
        rule: SSL_MODE_WITH_CA_RULE,
      },
      database_ca_certificate: {
        type: "string",
        description: `The database server's CA certificate(s), PEM, written to a file at start and named by PGSSLROOTCERT; "${NO_DATABASE_CA}": none (verify-ca/verify-full then fail to connect).`,
        default: NO_DATABASE_CA,
      },
      database_admin_user: {
        type: "string",
        description:
          "The server's admin role; when set, the pre-deploy job grants database_user its privileges first. Empty: skip.",
        default: "",
      },
      database_admin_password: {
        type: "string",
        description: "Password of database_admin_user.",
        default: "",
        sensitive: true,
      },
      secret_key: { type: "string", description: "Django SECRET_KEY. Must never change.", sensitive: true },
      admin_enabled: DO_VARIABLES.admin_enabled,
      admin_username: DO_VARIABLES.admin_username,
      admin_email: DO_VARIABLES.admin_email,
      admin_password: { type: "string", description: "Password of the first admin.", sensitive: true },
      domain_name: DO_VARIABLES.domain_name,
      domain_zone: DO_VARIABLES.domain_zone,
      sso_config: { ...DO_VARIABLES.sso_config, default: "{}" },
      require_sso_login: DO_VARIABLES.require_sso_login,
      ignore_env_changes: DO_VARIABLES.ignore_env_changes,
    });
    const app = new MathesarDoApp(this, "App", {
      name: vars.name.stringValue,
      appRegion: vars.app_region.stringValue,
      vpcId: vars.vpc_id.stringValue,
      imageRepository: vars.image_repository.stringValue,
      imageTag: vars.mathesar_version.stringValue,
      instanceSize: vars.instance_size.stringValue,
      database: {
        host: vars.database_host.stringValue,
        port: vars.database_port.numberValue,
        name: vars.database_name.stringValue,
        user: vars.database_user.stringValue,
        password: vars.database_password.stringValue,
        sslMode: vars.database_sslmode.stringValue,
      },
      databaseCaCertificate: vars.database_ca_certificate.stringValue,
      databaseAdmin: { user: vars.database_admin_user.stringValue, password: vars.database_admin_password.stringValue },
      secretKey: vars.secret_key.stringValue,
      admin: {
        enabled: vars.admin_enabled.stringValue,
        username: vars.admin_username.stringValue,
        email: vars.admin_email.stringValue,
        password: vars.admin_password.stringValue,
      },
      domainName: vars.domain_name.stringValue,
      domainZone: vars.domain_zone.stringValue,
      ssoConfigJson: vars.sso_config.stringValue,
      requireSsoLogin: vars.require_sso_login.stringValue,
      ignoreEnvChanges: vars.ignore_env_changes.stringValue,
    });
    this.outputs({
      app_id: { value: app.appId, description: "Id of the App Platform app." },
      app_urn: { value: app.urn, description: "URN of the app (for DigitalOcean projects)." },
      live_url: { value: app.liveUrl, description: "URL the app is live at." },
      cname_target: {
        value: app.cnameTarget,
        description:
          "The app's ondigitalocean.app host name: point a CNAME at it when your DNS is not at DigitalOcean.",
      },
    });
  }
}
