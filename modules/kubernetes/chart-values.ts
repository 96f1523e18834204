/**
 * The chart values for the props, written once over the wiring's vocabulary: plain values for a
 * construct's known props, Terraform expressions over the module's variables (the published module's
 * `helm_release.values` is the same object, rendered by `jsonencode`).
 */
import { Fn, Op, Token } from "cdktf";
import { isToken, splitVersionDigest } from "../mathesar";
import { jsonencode } from "../terraform";
import { choose, isPresent } from "../terraform/wiring";
import { K8S_DEFAULTS } from "./defaults";
import type { K8sExistingDatabaseProps, MathesarOnKubernetesProps } from "./props";

/** Deep-merges `override` into `base` (objects only; arrays and values replace). */
export function mergeValues(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] =
      value &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      current &&
      typeof current === "object" &&
      !Array.isArray(current)
        ? mergeValues(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return result;
}

/** An optional string, or "" (the chart's "unset"). Not `coalesce(x, "")`: coalesce fails when all are empty. */
function orEmpty(value: string | undefined): string {
  return choose(
    isPresent(value),
    () => value as string,
    () => "",
  );
}

/** The chart's `image.tag` and `image.digest` for a version (`0.11.0@sha256:...` pins the digest). */
function imageTagAndDigest(version: string): { tag: string; digest: string } {
  if (!isToken(version)) {
    const { tag, digest } = splitVersionDigest(version);
    return { tag, digest: digest ?? "" };
  }
  const parts = Fn.split("@", version);
  return {
    tag: Token.asString(Fn.element(parts, 0)),
    digest: Token.asString(Fn.conditional(Op.gt(Fn.lengthOf(parts), 1), Fn.element(parts, 1), "")),
  };
}

/** The chart's `database` values for an existing server. */
function existingDatabaseValues(existing: K8sExistingDatabaseProps, name: string): Record<string, unknown> {
  const secretGiven = isPresent(existing.passwordSecretName);
  return {
    host: existing.host,
    port: existing.port ?? K8S_DEFAULTS.databasePort,
    name: existing.databaseName ?? K8S_DEFAULTS.databaseName,
    user: existing.user ?? K8S_DEFAULTS.databaseUser,
    sslMode: existing.sslMode ?? K8S_DEFAULTS.sslMode,
    // Without a Secret of the user's, the password is in the Secret the release block creates (key "password").
    existingSecret: choose(
      secretGiven,
      () => existing.passwordSecretName as string,
      // format(), not a template: cdktf warns about (and may mangle) "${...}" inside a function's arguments.
      () => (isToken(name) ? Token.asString(Fn.format("%s-database", [name])) : `${name}-database`),
    ),
    passwordKey: choose(
      secretGiven,
      () => existing.passwordSecretKey ?? K8S_DEFAULTS.passwordSecretKey,
      () => K8S_DEFAULTS.passwordSecretKey,
    ),
    adminExistingSecret: orEmpty(existing.adminSecretName),
    caCertificate: {
      configMap: orEmpty(existing.caCertificate?.configMapName),
      secret: orEmpty(existing.caCertificate?.secretName),
      key: existing.caCertificate?.key ?? K8S_DEFAULTS.caKey,
    },
  };
}

/**
 * The chart's `database` values without an existing server: the same shape (Terraform keeps `port` a number
 * only when both branches of its conditional have one shape), the host empty.
 */
const NO_EXISTING_DATABASE: Record<string, unknown> = {
  host: "",
  port: K8S_DEFAULTS.databasePort,
  name: K8S_DEFAULTS.databaseName,
  user: K8S_DEFAULTS.databaseUser,
  sslMode: K8S_DEFAULTS.sslMode,
  existingSecret: "",
  passwordKey: K8S_DEFAULTS.passwordSecretKey,
  adminExistingSecret: "",
  caCertificate: { configMap: "", secret: "", key: K8S_DEFAULTS.caKey },
};

/** The chart values for the props (what `helm install -f` would get). */
export function mathesarChartValues(props: MathesarOnKubernetesProps): Record<string, unknown> {
  const name = props.name ?? K8S_DEFAULTS.name;
  const existing = props.database?.existing;
  const values: Record<string, unknown> = {
    // The release name is the resource prefix: objects are called <name>, <name>-admin, ...
    fullnameOverride: name,
    // A version pinned by digest becomes the chart's tag and digest (`repository:tag@digest`).
    image: {
      repository: props.imageRepository ?? K8S_DEFAULTS.imageRepository,
      ...imageTagAndDigest(props.mathesarVersion ?? K8S_DEFAULTS.mathesarVersion),
    },
    size: props.size ?? K8S_DEFAULTS.size,
    replicaCount: props.replicas ?? K8S_DEFAULTS.replicas,
    admin: {
      enabled: props.admin?.enabled ?? K8S_DEFAULTS.adminEnabled,
      username: props.admin?.username ?? K8S_DEFAULTS.adminUsername,
      email: props.admin?.email ?? K8S_DEFAULTS.adminEmail,
    },
    persistence: {
      size: props.persistence?.size ?? K8S_DEFAULTS.persistenceSize,
      accessMode: props.persistence?.accessMode ?? K8S_DEFAULTS.persistenceAccessMode,
      storageClass: orEmpty(props.persistence?.storageClass),
    },
    ingress: {
      host: orEmpty(props.domainName),
      className: orEmpty(props.ingress?.className),
      certManager: { clusterIssuer: orEmpty(props.ingress?.clusterIssuer) },
    },
    networkPolicy: {
      ingressControllerNamespace: props.ingress?.controllerNamespace ?? K8S_DEFAULTS.ingressControllerNamespace,
    },
    sso: {
      existingSecret: orEmpty(props.sso?.secretName),
      key: props.sso?.key ?? K8S_DEFAULTS.ssoKey,
      requireSsoLogin: props.sso?.requireSsoLogin ?? K8S_DEFAULTS.requireSsoLogin,
    },
    postgresql: { enabled: props.database?.inCluster?.evaluationOnly ?? false },
    database: choose(
      isPresent(existing),
      () => existingDatabaseValues(existing as K8sExistingDatabaseProps, name),
      () => NO_EXISTING_DATABASE,
    ),
  };
  return mergeValues(values, props.values ?? {});
}

/**
 * The values as the release's JSON text: `jsonencode` over the object, known values as literals and
 * values Terraform decides (references, numbers, booleans, whole branches) as expressions.
 */
export function chartValuesText(values: Record<string, unknown>): string {
  return jsonencode(values);
}
