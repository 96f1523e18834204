/**
 * The Kubernetes target's settings, declared once: each root variable of terraform-kubernetes-mathesar with
 * the prop of `MathesarOnKubernetesProps` it stands for, its default (from K8S_DEFAULTS) and its input rule.
 * The root module's variables, the props its wiring reads, and the construct's single-prop checks all come
 * from this table.
 *
 * Names: a variable is the snake_case of its prop path, except the published names in
 * {@link KUBERNETES_NAME_EXCEPTIONS}, each with its reason. Props without a variable are construct-only:
 * `chartPath` (the module ships its chart), `values` (an escape hatch over the chart values), `tags`
 * (Kubernetes objects take labels from the chart).
 * The published README lists every variable with its prop (kubernetesSettingsTable).
 */
import {
  ADMIN_USERNAME_RULE,
  DOMAIN_NAME_RULE,
  IMAGE_REPOSITORY_RULE,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  SIZE_RULE,
  integerRangeRule,
  oneOfRule,
} from "../mathesar";
import { nameVariable, withSsoVersionCheck } from "../mathesar/contract-variables";
import { hclString } from "../terraform/input-rule";
import { type Setting, type SettingField, type Settings, settingsTable } from "../terraform/wiring";
import { K8S_DEFAULTS } from "./defaults";
import {
  K8S_DATA_KEY_RULE,
  K8S_NAME_RULE,
  K8S_OBJECT_NAME_RULE,
  K8S_RELEASE_NAME_MAX_LENGTH,
  K8S_RELEASE_NAME_RULE,
  QUANTITY_RULE,
} from "./rules";

/** Most web replicas the module and the construct accept. */
export const K8S_MAX_REPLICAS = 20;

/** A field of `existing_database`: its attribute, Terraform type and `optional()` default. */
interface ExistingDatabaseField extends SettingField {
  /** Terraform type of the attribute. */
  readonly type: "string" | "number";
  /** Required attribute (no `optional()`). */
  readonly required?: boolean;
  /** The `optional()` default; none: null when left out. */
  readonly default?: string | number;
}

/** `existing_database`'s attributes, by prop path under `database.existing`. */
const EXISTING_DATABASE_FIELDS: Record<string, ExistingDatabaseField> = {
  host: { attribute: "host", type: "string", required: true },
  port: { attribute: "port", type: "number", kind: "number", default: K8S_DEFAULTS.databasePort },
  databaseName: { attribute: "database_name", type: "string", default: K8S_DEFAULTS.databaseName },
  user: { attribute: "user", type: "string", default: K8S_DEFAULTS.databaseUser },
  sslMode: { attribute: "sslmode", type: "string", default: K8S_DEFAULTS.sslMode },
  passwordSecretName: { attribute: "password_secret_name", type: "string" },
  passwordSecretKey: { attribute: "password_secret_key", type: "string", default: K8S_DEFAULTS.passwordSecretKey },
  adminSecretName: { attribute: "admin_secret_name", type: "string" },
  "caCertificate.configMapName": { attribute: "ca_config_map", type: "string" },
  "caCertificate.secretName": { attribute: "ca_secret", type: "string" },
  "caCertificate.key": { attribute: "ca_key", type: "string", default: K8S_DEFAULTS.caKey },
};

/** The `existing_database` object type, its `optional()` defaults from K8S_DEFAULTS. */
function existingDatabaseType(): string {
  const attributes = Object.values(EXISTING_DATABASE_FIELDS).map((field) => {
    if (field.required) return `${field.attribute} = ${field.type}`;
    if (field.default === undefined) return `${field.attribute} = optional(${field.type})`;
    const value = typeof field.default === "string" ? hclString(field.default) : String(field.default);
    return `${field.attribute} = optional(${field.type}, ${value})`;
  });
  return `object({ ${attributes.join(", ")} })`;
}

const existingDatabase: Setting = {
  prop: "database.existing",
  type: existingDatabaseType(),
  description:
    "The PostgreSQL Mathesar's internal database lives on. The password: password_secret_name, a Secret " +
    "already in the namespace, or existing_database_password (the module then creates <name>-database). " +
    "admin_secret_name (keys username/password) lets the bootstrap create the role. sslmode becomes " +
    "libpq's PGSSLMODE; verify-ca/verify-full need the server's CA certificate (PEM) in ca_config_map or " +
    "ca_secret (key ca_key), mounted read-only. See docs/existing-database.md and docs/supabase.md. Null " +
    "only with in_cluster_database.",
  default: null,
  fields: Object.fromEntries(
    Object.entries(EXISTING_DATABASE_FIELDS).map(([prop, { attribute, kind }]) => [prop, { attribute, kind }]),
  ),
};

/**
 * Variables (and `existing_database` attributes) whose name is not the snake_case of their prop path: the
 * names were published before the props and a rename would break every caller, or a shared or outside name wins.
 */
export const KUBERNETES_NAME_EXCEPTIONS: Readonly<Record<string, string>> = {
  existing_database: "every target's module names its bring-your-own database existing_database",
  existing_database_password: "every target's module names the password of existing_database so",
  "existing_database.sslmode": "libpq's own word (PGSSLMODE, sslmode=), as in every target's existing_database",
  "existing_database.ca_config_map": "existing_database is flat; the prop nests the CA in caCertificate",
  "existing_database.ca_secret": "existing_database is flat; the prop nests the CA in caCertificate",
  "existing_database.ca_key": "existing_database is flat; the prop nests the CA in caCertificate",
  in_cluster_database: "a bool in the module; the construct's inCluster object carries the acknowledgement",
  storage_class: "published before persistence.storageClass",
  cluster_issuer: "published before ingress.clusterIssuer (cert-manager's own word)",
  require_sso_login: "the contract's variable, the same in every target (REQUIRE_SSO_LOGIN)",
};

/** The snake_case of a prop path: `ingress.controllerNamespace` → `ingress_controller_namespace`. */
export function snakeCaseOf(prop: string): string {
  return prop.replace(/\./g, "_").replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The root variables of terraform-kubernetes-mathesar, each bound to its prop. */
export const KUBERNETES_SETTINGS: Settings = {
  name: {
    ...nameVariable(K8S_RELEASE_NAME_RULE, K8S_RELEASE_NAME_MAX_LENGTH, "Release name and prefix of every object"),
    prop: "name",
  },
  namespace: {
    prop: "namespace",
    type: "string",
    description: "Namespace of the release.",
    default: K8S_DEFAULTS.namespace,
    rule: K8S_NAME_RULE,
  },
  create_namespace: {
    prop: "createNamespace",
    type: "bool",
    description: "Create the namespace with the Pod Security baseline level enforced.",
    default: K8S_DEFAULTS.createNamespace,
  },
  domain_name: {
    prop: "domainName",
    type: "string",
    description: "Host name of the Ingress, e.g. mathesar.example.org; null: no Ingress (port-forward).",
    default: null,
    rule: DOMAIN_NAME_RULE,
  },
  ingress_class_name: {
    prop: "ingress.className",
    type: "string",
    description: "IngressClass; null uses the cluster default.",
    default: null,
  },
  cluster_issuer: {
    prop: "ingress.clusterIssuer",
    type: "string",
    description: "cert-manager ClusterIssuer for the TLS certificate; null: provide the TLS Secret yourself.",
    default: null,
  },
  mathesar_version: {
    prop: "mathesarVersion",
    type: "string",
    description: "Mathesar release (image tag). Never 'latest'.",
    default: K8S_DEFAULTS.mathesarVersion,
    rule: MATHESAR_VERSION_RULE,
  },
  image_repository: {
    prop: "imageRepository",
    type: "string",
    description: "Image repository (a private mirror for air-gapped clusters).",
    default: K8S_DEFAULTS.imageRepository,
    rule: IMAGE_REPOSITORY_RULE,
  },
  size: {
    prop: "size",
    type: "string",
    description: "small, medium or large: CPU/memory requests and limits and gunicorn workers.",
    default: K8S_DEFAULTS.size,
    rule: SIZE_RULE,
  },
  replicas: {
    prop: "replicas",
    type: "number",
    description: "Web replicas; more than 1 needs persistence_access_mode = ReadWriteMany.",
    default: K8S_DEFAULTS.replicas,
    rule: integerRangeRule(1, K8S_MAX_REPLICAS),
  },
  persistence_size: {
    prop: "persistence.size",
    type: "string",
    description: "Size of the uploads volume.",
    default: K8S_DEFAULTS.persistenceSize,
    rule: QUANTITY_RULE,
  },
  persistence_access_mode: {
    prop: "persistence.accessMode",
    type: "string",
    description: "ReadWriteOnce (one pod) or ReadWriteMany (several).",
    default: K8S_DEFAULTS.persistenceAccessMode,
    rule: oneOfRule(["ReadWriteOnce", "ReadWriteMany"]),
  },
  storage_class: {
    prop: "persistence.storageClass",
    type: "string",
    description: "StorageClass of the uploads volume; null uses the cluster default.",
    default: null,
  },
  existing_database: existingDatabase,
  existing_database_password: {
    prop: "database.existing.password",
    type: "string",
    description:
      "Password of existing_database.user, when no password_secret_name is given: the module creates the " +
      "Secret <name>-database in the namespace (the password is then in Terraform state, marked sensitive). " +
      "Set it from a secret store (TF_VAR_existing_database_password).",
    default: null,
    sensitive: true,
  },
  ingress_controller_namespace: {
    prop: "ingress.controllerNamespace",
    type: "string",
    description: "Namespace of the ingress controller; the NetworkPolicy admits only it to Mathesar's port.",
    default: K8S_DEFAULTS.ingressControllerNamespace,
    rule: K8S_NAME_RULE,
  },
  in_cluster_database: {
    prop: "database.inCluster.evaluationOnly",
    type: "bool",
    description: "A throwaway in-cluster PostgreSQL for evaluation only (no backups).",
    default: false,
  },
  deletion_protection: {
    prop: "deletionProtection",
    type: "bool",
    description:
      "Refuse terraform destroy (and replacement) of the namespace and the release while true: deleting the " +
      "namespace deletes the Secret holding SECRET_KEY (it decrypts the saved database passwords), " +
      "uninstalling deletes the uploads volume. Back up SECRET_KEY, set false, apply, then destroy.",
    default: K8S_DEFAULTS.deletionProtection,
  },
  admin_enabled: {
    prop: "admin.enabled",
    type: "bool",
    description:
      "Create the first admin at deploy time. False leaves /complete_installation/ open to whoever comes first.",
    default: K8S_DEFAULTS.adminEnabled,
  },
  admin_username: {
    prop: "admin.username",
    type: "string",
    description: "Username of the first admin.",
    default: K8S_DEFAULTS.adminUsername,
    rule: ADMIN_USERNAME_RULE,
  },
  admin_email: {
    prop: "admin.email",
    type: "string",
    description: "E-mail stored on the first admin's account.",
    default: K8S_DEFAULTS.adminEmail,
    rule: OPTIONAL_EMAIL_RULE,
  },
  sso_secret_name: {
    ...withSsoVersionCheck("sso_secret_name", {
      type: "string",
      description: "Secret holding Mathesar's SSO configuration JSON (key SSO_CONFIG_DICT); null: password login only.",
      default: null,
      rule: K8S_OBJECT_NAME_RULE,
    }),
    prop: "sso.secretName",
  },
  sso_key: {
    prop: "sso.key",
    type: "string",
    description: "Key of the SSO configuration JSON in sso_secret_name.",
    default: K8S_DEFAULTS.ssoKey,
    rule: K8S_DATA_KEY_RULE,
  },
  require_sso_login: {
    ...withSsoVersionCheck(
      "require_sso_login",
      {
        type: "bool",
        description: "Require Mathesar's SSO for everyone (needs sso_secret_name).",
        default: K8S_DEFAULTS.requireSsoLogin,
      },
      "var.require_sso_login",
    ),
    prop: "sso.requireSsoLogin",
  },
};

/** The README's table of settings: each root variable with the TypeScript prop it is. */
export function kubernetesSettingsTable(): string {
  return settingsTable(KUBERNETES_SETTINGS, "MathesarOnKubernetes");
}
