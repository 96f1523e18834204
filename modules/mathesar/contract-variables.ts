/**
 * Terraform variables of the shared contract that mean the same on every target (docs/architecture.md, decision "One
 * contract"), declared once so their names, defaults, descriptions and validations never drift apart.
 * Targets add their own (and may restate a contract variable where their cloud gives it another meaning).
 */
import {
  ADMIN_USERNAME_RULE,
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DOMAIN_NAME_RULE,
  MATHESAR_VERSION_RULE,
  NAME_RULE,
  OPTIONAL_EMAIL_RULE,
  ssoVersionValidation,
  type InputRule,
} from "./index";
import type { VariableSpec } from "../terraform/module-stack";

const v = (spec: VariableSpec): VariableSpec => spec;

/** The contract's variables, by name. */
export const CONTRACT_VARIABLES = {
  name: v({
    type: "string",
    description: "Prefix for every resource name: 2 to 20 lowercase letters, digits or hyphens.",
    default: CONTRACT_DEFAULTS.name,
    rule: NAME_RULE,
  }),
  domain_name: v({
    type: "string",
    description: "Host name Mathesar is served at, e.g. mathesar.example.org; the certificate is issued for it.",
    rule: DOMAIN_NAME_RULE,
  }),
  mathesar_version: v({
    type: "string",
    description: "Mathesar release (image tag) to run. Never 'latest': upgrades are explicit.",
    default: DEFAULT_MATHESAR_VERSION,
    rule: MATHESAR_VERSION_RULE,
  }),
  admin_enabled: v({
    type: "bool",
    description:
      "Create the first admin at deploy time. False leaves /complete_installation/ open to whoever comes first.",
    default: true,
  }),
  admin_username: v({
    type: "string",
    description: "Username of the first admin.",
    default: CONTRACT_DEFAULTS.adminUsername,
    rule: ADMIN_USERNAME_RULE,
  }),
  admin_email: v({
    type: "string",
    description: "E-mail stored on the first admin's account (Mathesar sends no mail).",
    default: CONTRACT_DEFAULTS.adminEmail,
    rule: OPTIONAL_EMAIL_RULE,
  }),
  require_sso_login: v({
    type: "bool",
    description: "Hide the password form and require Mathesar's SSO.",
    default: false,
  }),
} as const;

/** The `name` variable of a target whose clouds allow `maxLength` characters (its rule from `nameRule`). */
export function nameVariable(
  rule: InputRule<string>,
  maxLength: number,
  what = "Prefix for every resource name",
): VariableSpec {
  return {
    ...CONTRACT_VARIABLES.name,
    description: `${what}: 2 to ${maxLength} lowercase letters, digits or hyphens.`,
    rule,
  };
}

/**
 * `spec` with one more validation: the SSO variable `variable` is refused when `mathesar_version` is older than
 * 0.11.0 (cross-variable, Terraform >= 1.9). `enabled` is the expression true when the variable asks for SSO
 * (`var.require_sso_login`, or `var.<secret> != null`). Same words as the construct's check.
 */
export function withSsoVersionCheck(
  variable: string,
  spec: VariableSpec,
  enabled = `var.${variable} != null`,
): VariableSpec {
  return { ...spec, validations: [...(spec.validations ?? []), ssoVersionValidation(variable, enabled)] };
}
