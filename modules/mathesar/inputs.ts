/**
 * The input rules of the shared contract (docs/architecture.md, decision "One contract"). Targets add their own (regions,
 * instance sizes) in their folders; these hold everywhere.
 */
import { MATHESAR_SIZES } from "./sizes";
import { InputRule, integerRangeRule, oneOfRule, patternRule } from "../terraform/input-rule";

/**
 * A name prefix of 2 to `maxLength` lowercase letters, digits or hyphens. Each target passes the longest
 * prefix its clouds allow: the shortest resource-name limit minus the longest suffix the target appends
 * (`limitedBy` says which, e.g. "AWS IAM role name prefixes: 38 with -execution-").
 */
export function nameRule(maxLength: number, limitedBy?: string): InputRule<string> {
  if (!Number.isInteger(maxLength) || maxLength < 2)
    throw new Error(`nameRule needs a whole maxLength of at least 2, not ${maxLength}`);
  return patternRule(
    `[a-z][a-z0-9-]{0,${maxLength - 2}}[a-z0-9]`,
    `2 to ${maxLength} lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen` +
      (limitedBy ? ` (${limitedBy})` : ""),
  );
}

/** The contract's default name rule (2 to 20 characters); every target passes its own {@link nameRule}. */
export const NAME_RULE = nameRule(20);

/** A DNS host name, lowercase, with at least two labels. */
export const DOMAIN_NAME_RULE = patternRule(
  "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]",
  "a lowercase DNS host name such as mathesar.example.org (at most 253 characters)",
  253,
);

/** An image digest as registries print it: `sha256:` and 64 lowercase hex digits. */
export const IMAGE_DIGEST_PATTERN = "sha256:[0-9a-f]{64}";

/**
 * A released Mathesar version, optionally pinned to one image by digest (`0.11.0@sha256:<64 hex>`): the tag
 * says which release, the digest makes the pull immutable. `latest` and empty strings are rejected on purpose.
 */
export const MATHESAR_VERSION_RULE = patternRule(
  `[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?(@${IMAGE_DIGEST_PATTERN})?`,
  'a pinned Mathesar release such as "0.11.0", optionally with its image digest ("0.11.0@sha256:" and 64 lowercase hex digits); never "latest" or empty',
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
export const OPTIONAL_EMAIL_RULE = patternRule(
  "|[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
  "empty or an e-mail address such as admin@example.org",
);

/** A Django `SECRET_KEY` the bootstrap accepts (its content is secret: messages never show it). */
export const SECRET_KEY_RULE = patternRule(
  "[^\\s]{50,}",
  "at least 50 characters without spaces (what the bootstrap requires)",
);

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

/**
 * The sslmodes every target accepts. Mathesar documents these three for `POSTGRES_SSLMODE`, but ignores the
 * variable (0.8.0–0.11.0 overwrite the OPTIONS that carry it), so targets also set libpq's own `PGSSLMODE`.
 */
export const SSL_MODES = ["disable", "prefer", "require"] as const;
/** One of {@link SSL_MODES}. */
export type PostgresSslMode = (typeof SSL_MODES)[number];
/** Allowed sslmodes where no CA certificate can be given. */
export const SSL_MODE_RULE = oneOfRule(SSL_MODES);

/**
 * Modes that verify the server's certificate. Only libpq reads them (through `PGSSLMODE` and the CA file in
 * `PGSSLROOTCERT`); Mathesar's own settings never validate `POSTGRES_SSLMODE`. `verify-ca` checks the chain
 * (enough for a per-instance private CA such as Cloud SQL's, whose certificates do not name the IP address),
 * `verify-full` also the host name.
 */
export const VERIFIED_SSL_MODES = ["verify-ca", "verify-full"] as const;
/** One of {@link VERIFIED_SSL_MODES}. */
export type VerifiedSslMode = (typeof VERIFIED_SSL_MODES)[number];
/** Every sslmode a target that takes the server's CA certificate accepts. */
export const SSL_MODES_WITH_CA = [...SSL_MODES, ...VERIFIED_SSL_MODES] as const;
/** One of {@link SSL_MODES_WITH_CA}. */
export type PostgresSslModeWithCa = (typeof SSL_MODES_WITH_CA)[number];
/** Allowed sslmodes where the target takes the server's CA certificate. */
export const SSL_MODE_WITH_CA_RULE = oneOfRule(SSL_MODES_WITH_CA);
/** Whether a (known) sslmode verifies the server's certificate and so needs a CA file. */
export function isVerifiedSslMode(mode: string): mode is VerifiedSslMode {
  return (VERIFIED_SSL_MODES as readonly string[]).includes(mode);
}

/** A PEM certificate (or bundle) of the database server's CA: public data, but it must parse as PEM. */
export const CA_CERTIFICATE_RULE = patternRule(
  "\\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----(\\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----)*\\s*",
  "one or more PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)",
);
