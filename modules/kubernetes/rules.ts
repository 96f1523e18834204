/** Input rules of single Kubernetes values (names, quantities), shared by the settings and the cross-field rules. */
import { nameRule, patternRule } from "../mathesar";

/** A Kubernetes object name (DNS-1123 label). */
export const K8S_NAME_RULE = patternRule(
  "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?",
  "a Kubernetes name: lowercase letters, digits and hyphens, at most 63 characters",
);
/**
 * The name of a Secret or ConfigMap (DNS-1123 subdomain: dots allowed, 253 characters), what the chart's
 * schema accepts for them; namespaces are labels ({@link K8S_NAME_RULE}).
 */
export const K8S_OBJECT_NAME_RULE = patternRule(
  "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?",
  "a Kubernetes object name: lowercase letters, digits, '-' and '.', at most 253 characters",
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
  return (
    `Invalid ${what} ${shown}: Mathesar's internal database must be its own, never ` +
    `${RESERVED_DATABASE_NAMES.join(", ")} (it creates its tables there). Create one, e.g. mathesar.`
  );
}

/** A Kubernetes quantity such as 10Gi. */
export const QUANTITY_RULE = patternRule(
  "[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?",
  'a Kubernetes quantity such as "10Gi"',
);

/** A key of a Secret or ConfigMap (Kubernetes: letters, digits, `-`, `_`, `.`; at most 253 characters). */
export const K8S_DATA_KEY_RULE = patternRule(
  "[-._a-zA-Z0-9]+",
  "a Secret or ConfigMap key: letters, digits, '-', '_' or '.', at most 253 characters",
  253,
);
