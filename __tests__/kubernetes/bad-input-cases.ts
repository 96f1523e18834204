/**
 * One table of bad Kubernetes inputs, written as construct props: __tests__/kubernetes/bad-input.test.ts
 * builds MathesarOnKubernetes with each, __tests__/terraform/kubernetes-values.test.ts plans the published
 * module with the same inputs turned into its variables through the settings table. Each expected message
 * names settings through `name`, so one line states the construct's words and the module's.
 */
import { getPath, variableOf } from "../../modules/terraform/wiring";
import { KUBERNETES_SETTINGS, type MathesarOnKubernetesProps } from "../../modules/kubernetes";

/** Stands for a password reference: a sensitive TerraformVariable in the construct, a value in the module. */
export const PASSWORD = "<password reference>";

/** A bad input and the message both flavours give for it. */
export interface BadInputCase {
  /** What is wrong. */
  readonly what: string;
  /** The input, as construct props (hostile values typed loosely on purpose). */
  readonly props: Record<string, unknown>;
  /** A part of the error, naming settings with `name` (the prop path, or the variable). */
  readonly message: (name: (prop: string) => string) => string;
  /** Why the module cannot be given this input (its variables' types rule it out): construct only. */
  readonly constructOnly?: string;
}

const existing = { host: "db.example.org", passwordSecretName: "mathesar-database" };
const withExisting = (fields: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  database: { existing: { ...existing, ...fields } },
  ...rest,
});
const ok = (rest: Record<string, unknown>) => ({ database: { existing }, ...rest });

/** Every bad input. */
export const BAD_INPUT_CASES: BadInputCase[] = [
  {
    what: "no database",
    props: {},
    message: (n) => `Invalid ${n("database.inCluster.evaluationOnly")}: give exactly one of ${n("database.existing")}`,
  },
  {
    what: "both databases",
    props: { database: { existing, inCluster: { evaluationOnly: true } } },
    message: (n) => `Invalid ${n("database.inCluster.evaluationOnly")}: give exactly one of ${n("database.existing")}`,
  },
  {
    what: "no password at all",
    props: { database: { existing: { host: "db.example.org" } } },
    message: (n) =>
      `Invalid ${n("database.existing.password")}: give exactly one of ${n("database.existing.passwordSecretName")}`,
  },
  {
    what: "a Secret name and a password",
    props: withExisting({ password: PASSWORD }),
    message: (n) =>
      `Invalid ${n("database.existing.password")}: give exactly one of ${n("database.existing.passwordSecretName")}`,
  },
  {
    what: "a literal password",
    props: { database: { existing: { host: "db", password: "hunter2" } } },
    message: () => "Invalid database.existing.password: must be a reference to a secret",
    constructOnly: "the module's password is a sensitive variable, never a literal in code",
  },
  {
    what: "an empty host",
    props: withExisting({ host: "" }),
    message: (n) => `Invalid ${n("database.existing.host")}`,
  },
  {
    what: "a host with a scheme",
    props: withExisting({ host: "postgres://db.example.org" }),
    message: (n) => `Invalid ${n("database.existing.host")} "postgres://db.example.org": must be a host name`,
  },
  {
    what: "port 0",
    props: withExisting({ port: 0 }),
    message: (n) => `Invalid ${n("database.existing.port")} 0: must be a whole number from 1 to 65535`,
  },
  {
    what: "port 70000",
    props: withExisting({ port: 70000 }),
    message: (n) => `Invalid ${n("database.existing.port")} 70000`,
  },
  {
    what: "an upper-case database name",
    props: withExisting({ databaseName: "Mathesar" }),
    message: (n) =>
      `Invalid ${n("database.existing.databaseName")} "Mathesar": must be a lowercase PostgreSQL identifier`,
  },
  {
    what: "the postgres database (the chart refuses it at install)",
    props: withExisting({ databaseName: "postgres" }),
    message: (n) =>
      `Invalid ${n("database.existing.databaseName")} "postgres": Mathesar's internal database must be its own`,
  },
  {
    what: "the template1 database",
    props: withExisting({ databaseName: "template1" }),
    message: (n) => `Invalid ${n("database.existing.databaseName")} "template1"`,
  },
  {
    what: "a user with a space",
    props: withExisting({ user: "math esar" }),
    message: (n) => `Invalid ${n("database.existing.user")} "math esar"`,
  },
  {
    what: "sslmode allow",
    props: withExisting({ sslMode: "allow" }),
    message: (n) => `Invalid ${n("database.existing.sslMode")} "allow": must be one of "disable", "prefer", "require"`,
  },
  {
    what: "verify-full without a CA",
    props: withExisting({ sslMode: "verify-full" }),
    message: (n) =>
      `Invalid ${n("database.existing.sslMode")} "verify-full": needs ` +
      `${n("database.existing.caCertificate.configMapName")} or ${n("database.existing.caCertificate.secretName")}`,
  },
  {
    what: "a CA in a ConfigMap and a Secret",
    props: withExisting({ sslMode: "verify-ca", caCertificate: { configMapName: "a", secretName: "b" } }),
    message: (n) => `Invalid ${n("database.existing.caCertificate.configMapName")}: give`,
  },
  {
    what: "a CA object naming nothing",
    props: withExisting({ sslMode: "verify-ca", caCertificate: { key: "ca.pem" } }),
    message: () => "Invalid database.existing.caCertificate: give configMapName or secretName",
    constructOnly: "the module's CA fields are flat (ca_config_map, ca_secret): there is no CA object to leave empty",
  },
  {
    what: "a password Secret name with capitals",
    props: withExisting({ passwordSecretName: "Mathesar_DB" }),
    message: (n) =>
      `Invalid ${n("database.existing.passwordSecretName")} "Mathesar_DB": must be a Kubernetes object name`,
  },
  {
    what: "a password key with a slash",
    props: withExisting({ passwordSecretKey: "db/password" }),
    message: (n) =>
      `Invalid ${n("database.existing.passwordSecretKey")} "db/password": must be a Secret or ConfigMap key`,
  },
  {
    what: "an empty CA key",
    props: withExisting({ sslMode: "verify-ca", caCertificate: { secretName: "ca", key: "" } }),
    message: (n) => `Invalid ${n("database.existing.caCertificate.key")} ""`,
  },
  {
    what: "an SSO key with a space",
    props: ok({ sso: { secretName: "mathesar-sso", key: "SSO CONFIG" } }),
    message: (n) => `Invalid ${n("sso.key")} "SSO CONFIG"`,
  },
  {
    what: "an admin Secret name with a dot at the end",
    props: withExisting({ adminSecretName: "db-admin." }),
    message: (n) => `Invalid ${n("database.existing.adminSecretName")} "db-admin."`,
  },
  {
    what: "a CA ConfigMap name with a slash",
    props: withExisting({ sslMode: "verify-ca", caCertificate: { configMapName: "kube-system/rds-ca" } }),
    message: (n) => `Invalid ${n("database.existing.caCertificate.configMapName")} "kube-system/rds-ca"`,
  },
  {
    what: "a pooler login with a dot beside an admin Secret (the chart refuses it only at install)",
    props: withExisting({ user: "mathesar.abcdefghij", adminSecretName: "db-admin" }),
    message: (n) =>
      `Invalid ${n("database.existing.adminSecretName")}: ${n("database.existing.user")} "mathesar.abcdefghij" has a dot`,
  },
  {
    what: "the evaluation database without the acknowledgement",
    props: { database: { inCluster: { evaluationOnly: false } } },
    message: () => "Invalid database.inCluster: set evaluationOnly: true",
    constructOnly: "the module's in_cluster_database = true is the acknowledgement",
  },
  {
    what: "replicas without shared uploads",
    props: ok({ replicas: 2 }),
    message: (n) =>
      `Invalid ${n("replicas")} 2: more than one replica needs ${n("persistence.accessMode")} "ReadWriteMany"`,
  },
  { what: "zero replicas", props: ok({ replicas: 0 }), message: (n) => `Invalid ${n("replicas")} 0: must be` },
  {
    what: "21 replicas",
    props: ok({ replicas: 21, persistence: { accessMode: "ReadWriteMany" } }),
    message: (n) => `Invalid ${n("replicas")} 21: must be a whole number from 1 to 20`,
  },
  {
    what: "half a replica",
    props: ok({ replicas: 1.5, persistence: { accessMode: "ReadWriteMany" } }),
    message: (n) => `Invalid ${n("replicas")} 1.5`,
  },
  {
    what: "latest",
    props: ok({ mathesarVersion: "latest" }),
    message: (n) => `Invalid ${n("mathesarVersion")} "latest"`,
  },
  {
    what: "an empty version",
    props: ok({ mathesarVersion: "" }),
    message: (n) => `Invalid ${n("mathesarVersion")} ""`,
  },
  {
    what: "a bad namespace",
    props: ok({ namespace: "Mathesar_NS" }),
    message: (n) => `Invalid ${n("namespace")} "Mathesar_NS": must be a Kubernetes name`,
  },
  {
    what: "a release name of 54 characters",
    props: ok({ name: `m${"a".repeat(53)}` }),
    message: (n) => `Invalid ${n("name")} "m${"a".repeat(53)}"`,
  },
  { what: "size huge", props: ok({ size: "huge" }), message: (n) => `Invalid ${n("size")} "huge": must be one of` },
  {
    what: "a bad volume size",
    props: ok({ persistence: { size: "ten gigs" } }),
    message: (n) => `Invalid ${n("persistence.size")} "ten gigs"`,
  },
  {
    what: "an unknown access mode",
    props: ok({ persistence: { accessMode: "ReadWriteSometimes" } }),
    message: (n) => `Invalid ${n("persistence.accessMode")} "ReadWriteSometimes"`,
  },
  {
    what: "a domain with a scheme",
    props: ok({ domainName: "https://data.example.org" }),
    message: (n) => `Invalid ${n("domainName")} "https://data.example.org"`,
  },
  {
    what: "a bad ingress controller namespace",
    props: ok({ ingress: { controllerNamespace: "Ingress NGINX" } }),
    message: (n) => `Invalid ${n("ingress.controllerNamespace")} "Ingress NGINX"`,
  },
  {
    what: "an admin username with a space",
    props: ok({ admin: { username: "the admin" } }),
    message: (n) => `Invalid ${n("admin.username")} "the admin"`,
  },
  {
    what: "an admin e-mail without a domain",
    props: ok({ admin: { email: "admin@" } }),
    message: (n) => `Invalid ${n("admin.email")} "admin@"`,
  },
  {
    what: "an SSO Secret name with capitals",
    props: ok({ sso: { secretName: "Mathesar-SSO" } }),
    message: (n) => `Invalid ${n("sso.secretName")} "Mathesar-SSO": must be a Kubernetes object name`,
  },
  {
    what: "SSO required without an SSO configuration",
    props: ok({ sso: { requireSsoLogin: true } }),
    message: (n) => `Invalid ${n("sso.requireSsoLogin")} true without ${n("sso.secretName")}`,
  },
  {
    what: "SSO with a release that ignores it",
    props: ok({ mathesarVersion: "0.10.0", sso: { secretName: "mathesar-sso" } }),
    message: () => `with mathesar_version "0.10.0": Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from`,
  },
];

/** A setting's name in the construct's words. */
export const propName = (prop: string): string => prop;

/** A setting's name in the module's words (its variable, or `variable.attribute`). */
export const variableName = (prop: string): string => variableOf(KUBERNETES_SETTINGS, prop);

/**
 * The module's variables for construct props, through the settings table: each setting's prop path read
 * from the props (an object setting's fields by their attributes); the password reference becomes
 * `password`. Props no setting binds are construct-only and refused here.
 */
export function moduleVariables(
  props: Record<string, unknown>,
  password = "stand-in-password",
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const bound = new Set<string>();
  for (const [name, setting] of Object.entries(KUBERNETES_SETTINGS)) {
    const value = getPath(props, setting.prop);
    bound.add(setting.prop);
    if (value === undefined) continue;
    if (setting.fields) {
      const object: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(setting.fields)) {
        bound.add(`${setting.prop}.${key}`);
        const fieldValue = getPath(value, key);
        if (fieldValue !== undefined) object[field.attribute] = fieldValue;
      }
      variables[name] = object;
    } else {
      variables[name] = value === PASSWORD ? password : value;
    }
  }
  // A leaf the table does not bind would silently vanish from the module's input: refuse it.
  const leaves = (value: unknown, path: string): string[] =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
      : [path];
  for (const leaf of leaves(props, "")) {
    if (!bound.has(leaf)) throw new Error(`No module variable is bound to prop ${leaf}`);
  }
  return variables;
}

/** The props with the password reference replaced by `reference` (a TerraformVariable's token). */
export function constructProps(props: Record<string, unknown>, reference: string): MathesarOnKubernetesProps {
  return JSON.parse(JSON.stringify(props), (_key, value) => (value === PASSWORD ? reference : value));
}
