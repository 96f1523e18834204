/** Checks `MathesarOnKubernetes` props before anything is built. */
import {
  ADMIN_USERNAME_RULE,
  DOMAIN_NAME_RULE,
  EMAIL_RULE,
  IMAGE_REPOSITORY_RULE,
  MATHESAR_VERSION_RULE,
  MathesarInputError,
  SIZE_RULE,
  checkProp,
  integerRangeRule,
  isToken,
  nameRule,
  patternRule,
  validateExistingDatabase,
  checkSsoVersion,
  DEFAULT_MATHESAR_VERSION,
} from "../mathesar";
import type { MathesarOnKubernetesProps } from "./props";

/** A Kubernetes object name (DNS-1123 label). */
export const K8S_NAME_RULE = patternRule(
  "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?",
  "a Kubernetes name: lowercase letters, digits and hyphens, at most 63 characters",
);
/** Longest release name: Helm allows 53 characters (objects are `<name>-<suffix>`, trimmed by the chart to 63). */
export const K8S_RELEASE_NAME_MAX_LENGTH = 53;
/** The release name and object prefix. */
export const K8S_RELEASE_NAME_RULE = nameRule(K8S_RELEASE_NAME_MAX_LENGTH, "Helm release names: 53 characters");
/**
 * Database names Mathesar's internal database may not have: the server's maintenance database (Supabase's
 * project data lives in `postgres`) and the templates. The chart refuses them too (values.schema.json).
 */
export const RESERVED_DATABASE_NAMES = ["postgres", "template0", "template1"] as const;

/** The message for a reserved internal database name (`what` names the prop or variable). */
export function reservedDatabaseNameMessage(what: string, shown: string): string {
  return `Invalid ${what} ${shown}: Mathesar's internal database must be its own, never ${RESERVED_DATABASE_NAMES.join(", ")} (it creates its tables there). Create one, e.g. mathesar.`;
}

/** A Kubernetes quantity such as 10Gi. */
export const QUANTITY_RULE = patternRule(
  "[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?",
  'a Kubernetes quantity such as "10Gi"',
);

/** Throws a {@link MathesarInputError} for the first bad prop. */
export function validateKubernetesProps(props: MathesarOnKubernetesProps): void {
  checkProp("name", props.name, K8S_RELEASE_NAME_RULE);
  checkProp("namespace", props.namespace, K8S_NAME_RULE);
  checkProp("ingress.controllerNamespace", props.ingress?.controllerNamespace, K8S_NAME_RULE);
  checkProp("domainName", props.domainName, DOMAIN_NAME_RULE);
  checkProp("mathesarVersion", props.mathesarVersion, MATHESAR_VERSION_RULE);
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0.
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, {
    sso: props.sso,
    requireSsoLogin: props.sso?.requireSsoLogin,
  });
  checkProp("imageRepository", props.imageRepository, IMAGE_REPOSITORY_RULE);
  checkProp("size", props.size, SIZE_RULE);
  checkProp("replicas", props.replicas, integerRangeRule(1, 20));
  checkProp("persistence.size", props.persistence?.size, QUANTITY_RULE);
  checkProp("admin.username", props.admin?.username, ADMIN_USERNAME_RULE);
  if (props.admin?.email) checkProp("admin.email", props.admin.email, EMAIL_RULE);
  if (props.sso) checkProp("sso.secretName", props.sso.secretName, K8S_NAME_RULE);
  if ((props.replicas ?? 1) > 1 && props.persistence?.accessMode !== "ReadWriteMany") {
    throw new MathesarInputError(
      `Invalid replicas ${props.replicas}: more than one replica needs persistence.accessMode "ReadWriteMany" — a CSV import writes the upload in one request and reads it in the next, possibly on another pod.`,
    );
  }
  const { existing, inCluster } = props.database ?? {};
  if (!existing && !inCluster) {
    throw new MathesarInputError(
      "Invalid database: on Kubernetes give database.existing (a PostgreSQL you run, e.g. a cloud target's managed database) or database.inCluster { evaluationOnly: true } (a throwaway database, no backups).",
    );
  }
  if (existing && inCluster)
    throw new MathesarInputError("Invalid database: give either database.existing or database.inCluster, not both.");
  if (existing) {
    const ca = existing.caCertificate;
    validateExistingDatabase("database.existing", existing, { hasCaCertificate: ca !== undefined });
    if (ca !== undefined && (ca.configMapName === undefined) === (ca.secretName === undefined)) {
      throw new MathesarInputError(
        "Invalid database.existing.caCertificate: give configMapName or secretName (one of them).",
      );
    }
    const databaseName = existing.databaseName;
    if (
      databaseName !== undefined &&
      !isToken(databaseName) &&
      (RESERVED_DATABASE_NAMES as readonly string[]).includes(databaseName)
    ) {
      throw new MathesarInputError(
        reservedDatabaseNameMessage("database.existing.databaseName", JSON.stringify(databaseName)),
      );
    }
    checkProp("database.existing.caCertificate.configMapName", ca?.configMapName, K8S_NAME_RULE);
    checkProp("database.existing.caCertificate.secretName", ca?.secretName, K8S_NAME_RULE);
    if (existing.passwordSecretName === undefined && existing.password === undefined) {
      throw new MathesarInputError(
        "Invalid database.existing: give passwordSecretName (a Kubernetes Secret holding the password) or password (a reference to a secret) — the password is never a plain value.",
      );
    }
    if (existing.passwordSecretName !== undefined && existing.password !== undefined) {
      throw new MathesarInputError("Invalid database.existing: give passwordSecretName or password, not both.");
    }
    if (existing.password !== undefined && !isToken(existing.password)) {
      throw new MathesarInputError(
        "Invalid database.existing.password: must be a reference to a secret (e.g. a sensitive TerraformVariable), not a literal string in code.",
      );
    }
    checkProp("database.existing.passwordSecretName", existing.passwordSecretName, K8S_NAME_RULE);
    checkProp("database.existing.adminSecretName", existing.adminSecretName, K8S_NAME_RULE);
  }
  if (inCluster && !isToken(inCluster.evaluationOnly) && inCluster.evaluationOnly !== true) {
    throw new MathesarInputError(
      "Invalid database.inCluster: set evaluationOnly: true to acknowledge it has no backups.",
    );
  }
}
