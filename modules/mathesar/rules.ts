/**
 * The input rules of the shared contract (design.md, "One contract"). Targets add their own (regions,
 * instance sizes) in their folders; these hold everywhere.
 */
import { MATHESAR_SIZES } from "./sizes";
import { InputRule, integerRangeRule, oneOfRule, patternRule } from "./validation";

/**
 * Name prefix for every resource: 2 to 20 characters so that `<name>-<suffix>` fits every cloud's
 * shortest limit (DigitalOcean apps: 32; AWS load balancers: 32).
 */
export const NAME_RULE = patternRule(
  "[a-z][a-z0-9-]{0,18}[a-z0-9]",
  "2 to 20 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen",
);

/** A DNS host name, lowercase, with at least two labels. */
export const DOMAIN_NAME_RULE = patternRule(
  "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]",
  "a lowercase DNS host name such as mathesar.example.org (at most 253 characters)",
  253,
);

/** A released Mathesar version. `latest` and empty strings are rejected on purpose. */
export const MATHESAR_VERSION_RULE = patternRule(
  "[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?",
  'a pinned Mathesar release such as "0.11.0" (never "latest" or empty)',
);

/** A container image repository without tag, e.g. a private mirror of `mathesar/mathesar`. */
export const IMAGE_REPOSITORY_RULE = patternRule(
  "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*",
  'an image repository without a tag, such as "mathesar/mathesar" or "registry.example.org/mirror/mathesar"',
);

/** One of the shared sizes. */
export const SIZE_RULE = oneOfRule(MATHESAR_SIZES);

/** PostgreSQL major versions Mathesar supports. */
export const POSTGRES_VERSION_RULE = integerRangeRule(14, 18, "(PostgreSQL major versions Mathesar supports)");

/** Username of the first admin (Mathesar's user model allows 63 characters). */
export const ADMIN_USERNAME_RULE = patternRule(
  "[A-Za-z0-9@.+_-]{1,63}",
  "1 to 63 letters, digits or @ . + - _ (Django's username characters)",
);

/** An e-mail address for the first admin (only stored, never mailed). */
export const EMAIL_RULE = patternRule("[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "an e-mail address such as admin@example.org");

/** An e-mail address, or empty for none. */
export const OPTIONAL_EMAIL_RULE = patternRule("|[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "empty or an e-mail address such as admin@example.org");

/** A Django `SECRET_KEY` the bootstrap accepts (its content is secret: messages never show it). */
export const SECRET_KEY_RULE = patternRule("[^\\s]{50,}", "at least 50 characters without spaces (what the bootstrap requires)");

/** A JSON document (Mathesar's SSO configuration). Its content is secret, so messages never show it. */
export const JSON_OBJECT_RULE: InputRule<string> = {
  allowed: "a JSON object (Mathesar's SSO_CONFIG_DICT)",
  test: (value) => {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
    } catch {
      return false;
    }
  },
  condition: (ref) => `can(keys(jsondecode(${ref})))`,
};

/** Host name or IP address of an existing PostgreSQL server. */
export const DATABASE_HOST_RULE = patternRule(
  "[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|/[A-Za-z0-9/_.:-]+",
  "a host name, an IP address or a Unix-socket directory such as /cloudsql/project:region:instance",
);

/** A PostgreSQL identifier for a database or role Mathesar uses. */
export const POSTGRES_IDENTIFIER_RULE = patternRule(
  "[a-z_][a-z0-9_]{0,62}",
  "a lowercase PostgreSQL identifier of at most 63 characters (letters, digits, underscores)",
);

/**
 * The login name Mathesar connects with: a PostgreSQL identifier, or a pooler login such as Supabase's
 * `mathesar.<project-ref>` (with a dot).
 */
export const DATABASE_LOGIN_RULE = patternRule(
  "[a-z_][a-z0-9_.]{0,62}",
  "a lowercase PostgreSQL role name of at most 63 characters (letters, digits, underscores; dots for pooler logins such as mathesar.<project-ref>)",
);

/** TCP port of an existing PostgreSQL server. */
export const PORT_RULE = integerRangeRule(1, 65535);

/** The sslmodes Mathesar supports (it rejects verify-ca and verify-full). */
export const SSL_MODES = ["disable", "prefer", "require"] as const;
/** One of {@link SSL_MODES}. */
export type PostgresSslMode = (typeof SSL_MODES)[number];
/** Allowed sslmodes. */
export const SSL_MODE_RULE = oneOfRule(SSL_MODES);
