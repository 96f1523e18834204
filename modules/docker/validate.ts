/** Checks `MathesarOnDockerHost` props before anything is built; every error names prop, value and rule. */
import {
  CA_CERTIFICATE_RULE,
  DEFAULT_MATHESAR_VERSION,
  checkSsoVersion,
  EMAIL_RULE,
  MathesarInputError,
  checkProp,
  isToken,
  validateExistingDatabase,
} from "../mathesar";
import { checkCrossFieldRules, checkSettings } from "../terraform/wiring";
import { DOCKER_CROSS_FIELD_RULES } from "./cross-field-rules";
import type { MathesarOnDockerHostProps } from "./props";
import { DOCKER_SETTINGS } from "./settings";

/** Throws a {@link MathesarInputError} for the first bad prop. */
export function validateDockerHostProps(props: MathesarOnDockerHostProps): void {
  // Every single-prop rule of the settings table: the same rules as the module's variables.
  checkSettings(DOCKER_SETTINGS, props);
  if (props.admin?.email) checkProp("admin.email", props.admin.email, EMAIL_RULE);
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0.
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, {
    sso: props.sso,
    requireSsoLogin: props.sso?.requireSsoLogin,
  });
  for (const [prop, value] of [
    ["secretKey", props.secretKey],
    ["tlsPrivateKey", props.tlsPrivateKey],
    ["sso.configJson", props.sso?.configJson],
  ] as const) {
    if (value !== undefined && !isToken(value)) {
      throw new MathesarInputError(
        `Invalid ${prop}: must be a reference to a secret (a sensitive TerraformVariable set from TF_VAR_…), not a literal in code.`,
      );
    }
  }
  checkCrossFieldRules(DOCKER_CROSS_FIELD_RULES, props);
  const { evaluation, existing } = props.database ?? {};
  if (evaluation && existing) {
    throw new MathesarInputError("Invalid database: give either database.evaluation or database.existing, not both.");
  }
  if (existing) {
    validateExistingDatabase("database.existing", existing, { hasCaCertificate: existing.caCertificate !== undefined });
    checkProp("database.existing.caCertificate", existing.caCertificate, CA_CERTIFICATE_RULE);
    if (!isToken(existing.password)) {
      throw new MathesarInputError(
        "Invalid database.existing.password: must be a reference to a secret (e.g. a sensitive " +
          "TerraformVariable set from TF_VAR_…), not a literal string in code.",
      );
    }
  }
}
