/**
 * Checks `MathesarOnKubernetes` props before anything is built: the settings' single-prop rules and the
 * cross-field rules (the same ones the published module carries as validations), then what only a
 * construct can get wrong — its props have shapes the module's variables do not.
 */
import {
  DEFAULT_MATHESAR_VERSION,
  EMAIL_RULE,
  MathesarInputError,
  checkProp,
  checkSsoVersion,
  isToken,
} from "../mathesar";
import { checkCrossFieldRules, checkSettings } from "../terraform/wiring";
import { KUBERNETES_RULES } from "./cross-field-rules";
import type { MathesarOnKubernetesProps } from "./props";
import { KUBERNETES_SETTINGS } from "./settings";

/** Throws a {@link MathesarInputError} for the first bad prop. */
export function validateKubernetesProps(props: MathesarOnKubernetesProps): void {
  // Construct-only shapes first: the module's variables cannot express them.
  const { existing, inCluster } = props.database ?? {};
  if (inCluster !== undefined && !isToken(inCluster.evaluationOnly) && inCluster.evaluationOnly !== true) {
    throw new MathesarInputError(
      "Invalid database.inCluster: set evaluationOnly: true to acknowledge it has no backups.",
    );
  }
  if (existing) {
    // The module's type requires the host; a construct's object may leave it out or blank.
    if (
      existing.host === undefined ||
      existing.host === null ||
      (!isToken(existing.host) && existing.host.trim() === "")
    ) {
      throw new MathesarInputError(
        "Invalid database.existing.host: must be set — without a host Mathesar silently starts a throwaway database inside its container.",
      );
    }
    const ca = existing.caCertificate;
    if (ca !== undefined && ca.configMapName === undefined && ca.secretName === undefined) {
      throw new MathesarInputError(
        "Invalid database.existing.caCertificate: give configMapName or secretName (one of them).",
      );
    }
    // The module's password is a sensitive variable; a construct's could be a literal in code.
    if (existing.password !== undefined && !isToken(existing.password)) {
      throw new MathesarInputError(
        "Invalid database.existing.password: must be a reference to a secret (e.g. a sensitive TerraformVariable), not a literal string in code.",
      );
    }
  }
  checkSettings(KUBERNETES_SETTINGS, props);
  // An empty e-mail is "none" (OPTIONAL_EMAIL_RULE in the settings); a given one must be an address.
  if (props.admin?.email) checkProp("admin.email", props.admin.email, EMAIL_RULE);
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0 (the module: withSsoVersionCheck).
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, {
    sso: props.sso,
    requireSsoLogin: props.sso?.requireSsoLogin,
  });
  checkCrossFieldRules(KUBERNETES_RULES, props);
}
