/**
 * Which Mathesar release reads which setting. Versions are compared as numbers (0.10.9 < 0.11.0 < 1.0.0),
 * with the image digest of a pinned version (`0.11.0@sha256:...`) left out and a pre-release below its
 * release (0.11.0-rc.1 < 0.11.0), in TypeScript and in the same way in Terraform.
 */
import { failInput, isToken } from "../terraform/input-rule";

/** A parsed Mathesar version. */
export interface MathesarVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The pre-release label (`rc.1`), or undefined for a release. */
  readonly preRelease?: string;
}

/** The first release that reads `SSO_CONFIG_DICT` and `REQUIRE_SSO_LOGIN` (0.10.x reads `OIDC_CONFIG_DICT` only). */
export const SSO_MIN_VERSION = "0.11.0";

const VERSION = /^([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([0-9A-Za-z.]+))?(?:@sha256:[0-9a-f]{64})?$/;

/** Parses `X.Y.Z[-pre][@sha256:...]`; undefined when the text is not such a version. */
export function parseMathesarVersion(version: string): MathesarVersion | undefined {
  const match = VERSION.exec(version);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), preRelease: match[4] };
}

/** Whether `version` is `minimum` or later. Undefined when either is not a version. */
export function isAtLeastVersion(version: string, minimum: string): boolean | undefined {
  const a = parseMathesarVersion(version);
  const b = parseMathesarVersion(minimum);
  if (!a || !b) return undefined;
  for (const key of ["major", "minor", "patch"] as const) {
    if (a[key] !== b[key]) return a[key] > b[key];
  }
  // Same X.Y.Z: a pre-release comes before its release.
  return a.preRelease === undefined || b.preRelease !== undefined;
}

/**
 * Terraform expression (without `${}`) true when the version in `ref` is {@link SSO_MIN_VERSION} or later,
 * compared like {@link isAtLeastVersion}. An unparsable version counts as recent: its own rule reports it.
 */
export function atLeastVersionCondition(ref: string, minimum: string): string {
  const min = parseMathesarVersion(minimum);
  if (!min || min.preRelease !== undefined) throw new Error(`atLeastVersionCondition needs a release, not ${minimum}`);
  const parts = `regex("^([0-9]+)[.]([0-9]+)[.]([0-9]+)(-[^@]+)?", ${ref})`;
  const n = (i: number) => `tonumber(${parts}[${i}])`;
  const release = `${parts}[3] == null`;
  const greater =
    `${n(0)} > ${min.major} || (${n(0)} == ${min.major} && (${n(1)} > ${min.minor} || (${n(1)} == ${min.minor} && ` +
    `(${n(2)} > ${min.patch} || (${n(2)} == ${min.patch} && ${release})))))`;
  return `try(${greater}, true)`;
}

/** The words every target uses when SSO is asked of a release that ignores it. */
export function ssoVersionMessage(setting: string, version: string): string {
  return (
    `Invalid ${setting} with mathesar_version ${version}: Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from ` +
    `${SSO_MIN_VERSION} (0.10.x reads OIDC_CONFIG_DICT only, so SSO would silently stay off). Pin ${SSO_MIN_VERSION} or later, or leave ${setting} unset.`
  );
}

/**
 * Refuses `sso` / `requireSsoLogin` for a pinned version older than {@link SSO_MIN_VERSION} (construction-time
 * check; the Terraform side is {@link ssoVersionValidation}). Tokens are left to Terraform.
 */
export function checkSsoVersion(version: string, settings: { sso?: unknown; requireSsoLogin?: unknown }): void {
  if (isToken(version)) return;
  const uses =
    settings.sso !== undefined && settings.sso !== null
      ? "sso"
      : settings.requireSsoLogin === true
        ? "sso.requireSsoLogin"
        : undefined;
  if (uses === undefined) return;
  if (isAtLeastVersion(version, SSO_MIN_VERSION) === false) failInput(ssoVersionMessage(uses, JSON.stringify(version)));
}

/**
 * A Terraform `validation` block for an SSO variable (`ssoRef` is `var.<name>`; `enabled` the expression that
 * is true when it asks for SSO): refused when `var.mathesar_version` (or `versionRef`) is older than 0.11.0.
 * Cross-variable validation needs Terraform >= 1.9.
 */
export function ssoVersionValidation(
  variable: string,
  enabled: string,
  versionRef = "var.mathesar_version",
): { condition: string; errorMessage: string } {
  return {
    condition: `\${!(${enabled}) || ${atLeastVersionCondition(versionRef, SSO_MIN_VERSION)}}`,
    errorMessage: ssoVersionMessage(variable, `\${jsonencode(${versionRef})}`),
  };
}
