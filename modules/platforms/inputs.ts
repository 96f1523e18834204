/**
 * The props every developer platform takes, and their checks. The contract's rules are reused
 * ({@link MATHESAR_VERSION_RULE}, {@link DOMAIN_NAME_RULE}, ...); each platform adds its own name and region
 * rules, with the limit and the source beside them.
 */
import {
  ADMIN_USERNAME_RULE,
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DOMAIN_NAME_RULE,
  IMAGE_REPOSITORY_RULE,
  InputRule,
  LIVENESS_PATH,
  MATHESAR_IMAGE_REPOSITORY,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  READINESS_PATH,
  checkProp,
  failInput,
  oneOfRule,
} from "../mathesar";

/** Props shared by the Railway, Fly.io, Render and Heroku generators. */
export interface PlatformProps {
  /**
   * Name of the app or service on the platform (each platform's limit applies).
   * @default "mathesar"
   */
  readonly name?: string;
  /**
   * The platform's region code.
   * @default - each platform's default region
   */
  readonly region?: string;
  /**
   * Mathesar release (image tag, optionally `@sha256:` digest); never `latest`.
   * @default DEFAULT_MATHESAR_VERSION
   */
  readonly mathesarVersion?: string;
  /**
   * Image repository (a private mirror of `mathesar/mathesar`).
   * @default "mathesar/mathesar"
   */
  readonly imageRepository?: string;
  /**
   * A custom domain, added to `ALLOWED_HOSTS` beside the platform's own host name.
   * @default - the platform's own host name only
   */
  readonly domainName?: string;
  /**
   * Path the platform health-checks: one the image answers without login ({@link LIVENESS_PATH}, served
   * without the database and before Django's Host check, or {@link READINESS_PATH}).
   * @default LIVENESS_PATH
   */
  readonly healthCheckPath?: string;
  /**
   * Username of the first admin, created headlessly before the first request.
   * @default "admin"
   */
  readonly adminUsername?: string;
  /**
   * E-mail of the first admin (only stored).
   * @default ""
   */
  readonly adminEmail?: string;
}

/** Props with defaults applied. */
export type ResolvedPlatformProps = Required<Omit<PlatformProps, "domainName">> & { readonly domainName?: string };

/** The health paths the image serves without login. */
export const HEALTH_PATH_RULE = oneOfRule(
  [LIVENESS_PATH, READINESS_PATH],
  "a path the Mathesar image serves without login:",
);

/** What a platform gives {@link resolvePlatformProps}. */
export interface PlatformRules {
  /** The platform's name rule. */
  readonly name: InputRule<string>;
  /** The platform's region rule, or what to say when its files take no region (a given region is refused). */
  readonly region: InputRule<string> | { readonly notApplicable: string };
  /** The platform's default region ("" where none applies). */
  readonly defaultRegion: string;
}

/** Checks every prop (null included) and applies the defaults; throws a {@link MathesarInputError} naming prop, value and rule. */
export function resolvePlatformProps(props: PlatformProps, rules: PlatformRules): ResolvedPlatformProps {
  for (const [key, value] of Object.entries(props)) {
    if (value === null) failInput(`Invalid ${key} null: leave it out for the default, or give a value.`);
  }
  const resolved = {
    name: props.name ?? CONTRACT_DEFAULTS.name,
    region: props.region ?? rules.defaultRegion,
    mathesarVersion: props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION,
    imageRepository: props.imageRepository ?? MATHESAR_IMAGE_REPOSITORY,
    domainName: props.domainName,
    healthCheckPath: props.healthCheckPath ?? LIVENESS_PATH,
    adminUsername: props.adminUsername ?? CONTRACT_DEFAULTS.adminUsername,
    adminEmail: props.adminEmail ?? CONTRACT_DEFAULTS.adminEmail,
  };
  checkProp("name", resolved.name, rules.name);
  if ("notApplicable" in rules.region) {
    if (props.region !== undefined)
      failInput(`Invalid region ${JSON.stringify(props.region)}: must be ${rules.region.notApplicable}.`);
  } else checkProp("region", resolved.region, rules.region);
  checkProp("mathesarVersion", resolved.mathesarVersion, MATHESAR_VERSION_RULE);
  checkProp("imageRepository", resolved.imageRepository, IMAGE_REPOSITORY_RULE);
  checkProp("domainName", resolved.domainName, DOMAIN_NAME_RULE);
  checkProp("healthCheckPath", resolved.healthCheckPath, HEALTH_PATH_RULE);
  checkProp("adminUsername", resolved.adminUsername, ADMIN_USERNAME_RULE);
  checkProp("adminEmail", resolved.adminEmail, OPTIONAL_EMAIL_RULE);
  return resolved;
}

/** `ALLOWED_HOSTS` entries: the platform's own host name(s), then the custom domain. */
export function allowedHosts(platformHosts: readonly string[], domainName?: string): string[] {
  return [...platformHosts, ...(domainName ? [domainName] : [])];
}
