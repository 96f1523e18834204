/**
 * generate-secrets.sh, the bundle's one-line secret generator: `bash generate-secrets.sh` creates `.env` from
 * `.env.example` when it is missing (mode 0600) and fills each EMPTY secret once, from the kernel's random
 * generator. A secret that has a value is never changed, so running it again is harmless: `SECRET_KEY`
 * encrypts the saved passwords of connected databases, and the evaluation database keeps the password it was
 * created with. Before that, it refuses an image reference that is not pinned and a DOMAIN_NAME that is not a
 * host name, with the rules the generator itself applies.
 */
import { DOMAIN_NAME_RULE } from "../mathesar/inputs";
import { MIN_ADMIN_PASSWORD_LENGTH, MIN_SECRET_KEY_LENGTH } from "../mathesar/admin-bootstrap";
import { ADMIN_VARIABLES } from "./environment";
import { IMAGE_VARIABLES, PINNED_IMAGE_PATTERN } from "./images";
import { EXAMPLE_DOMAIN_NAME, type ResolvedComposeOptions } from "./options";
import { ENV_VALUE_FUNCTION, scriptHeader } from "./shell";

/** A generated secret: its `.env` name and length (letters and digits: log2(62) ≈ 5.95 bits each). */
export interface GeneratedSecret {
  readonly name: string;
  readonly length: number;
}

/** Length of a generated `SECRET_KEY` (64 × 5.95 ≈ 381 bits; the bootstrap asks for 50 characters or more). */
export const SECRET_KEY_LENGTH = 64;
/** Length of generated passwords (32 × 5.95 ≈ 190 bits). */
export const PASSWORD_LENGTH = 32;

/** The secrets a bundle generates: an external database's password is the user's to set, never generated. */
export function generatedSecrets(options: ResolvedComposeOptions): GeneratedSecret[] {
  if (SECRET_KEY_LENGTH < MIN_SECRET_KEY_LENGTH || PASSWORD_LENGTH < MIN_ADMIN_PASSWORD_LENGTH)
    throw new Error("generated secrets must be at least as long as the bootstrap demands");
  return [
    { name: "SECRET_KEY", length: SECRET_KEY_LENGTH },
    { name: ADMIN_VARIABLES.password, length: PASSWORD_LENGTH },
    ...(options.database ? [] : [{ name: "POSTGRES_PASSWORD", length: PASSWORD_LENGTH }]),
  ];
}

/** The `.env` variables holding image references that the bundle uses. */
export function bundleImageVariables(options: ResolvedComposeOptions): string[] {
  return [
    IMAGE_VARIABLES.mathesar,
    ...(options.database ? [] : [IMAGE_VARIABLES.postgres]),
    ...(options.edge === "caddy" ? [IMAGE_VARIABLES.caddy] : [IMAGE_VARIABLES.nginx, IMAGE_VARIABLES.certbot]),
  ];
}

/** Renders generate-secrets.sh. */
export function renderSecretsScript(options: ResolvedComposeOptions): string {
  const secrets = generatedSecrets(options);
  return `${scriptHeader([
    "Creates .env from .env.example when it is missing, and fills each empty secret in it ONCE:",
    `${secrets.map((s) => s.name).join(", ")}. A secret that has a value is never changed (SECRET_KEY`,
    "encrypts the saved passwords of connected databases). Run it again whenever you like: it keeps them.",
    "Usage: bash generate-secrets.sh",
  ])}umask 077

${ENV_VALUE_FUNCTION}
# LENGTH random letters and digits from the kernel's generator (no pipe is closed early: head reads a fixed amount).
random_value() {
  local value
  value="$(head -c 4096 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | cut -c "1-$1")"
  if [ "\${#value}" -ne "$1" ]; then
    echo "generate-secrets: could not read $1 random characters" >&2
    exit 1
  fi
  printf '%s' "$value"
}

# Fills NAME with LENGTH random characters unless it already has a value.
fill() {
  local name="$1" length="$2" value tmp
  if [ -n "$(env_value "$name")" ]; then
    echo "generate-secrets: $name already has a value: kept"
    return
  fi
  value="$(random_value "$length")"
  tmp="$(mktemp .env.XXXXXX)"
  # Replaces the first empty assignment (NAME=, NAME="" or NAME=''), or appends one.
  awk -v name="$name" -v value="$value" '
    !done && ($0 == name "=" || $0 == name "=\\"\\"" || $0 == name "=\\047\\047") { print name "=" value; done = 1; next }
    { print }
    END { if (!done) print name "=" value }
  ' .env > "$tmp"
  mv "$tmp" .env
  echo "generate-secrets: $name generated"
}

if [ ! -f .env ]; then
  cp .env.example .env
  echo "generate-secrets: created .env from .env.example"
fi
chmod 600 .env

# The same rules as the bundle's generator: pinned images, a host name.
for name in ${bundleImageVariables(options).join(" ")}; do
  image="$(env_value "$name")"
  if [ -n "$image" ] && { ! [[ "$image" =~ ^(${PINNED_IMAGE_PATTERN})$ ]] || [[ "$image" =~ :latest(@|$) ]]; }; then
    echo "generate-secrets: $name=$image in .env is not pinned: give a tag other than latest (or a digest)" >&2
    exit 1
  fi
done
domain="$(env_value DOMAIN_NAME)"
if ! [[ "$domain" =~ ^(${DOMAIN_NAME_RULE_PATTERN})$ ]] || [ "\${#domain}" -gt 253 ]; then
  echo "generate-secrets: DOMAIN_NAME=$domain in .env must be ${DOMAIN_NAME_RULE.allowed}" >&2
  exit 1
fi

${secrets.map((s) => `fill ${s.name} ${s.length}`).join("\n")}

if [ "$domain" = "${EXAMPLE_DOMAIN_NAME}" ]; then
  echo "generate-secrets: DOMAIN_NAME is still ${EXAMPLE_DOMAIN_NAME}: set your own in .env before docker compose up -d" >&2
fi
echo "generate-secrets: done. Sign in at https://$domain/ as $(env_value ${ADMIN_VARIABLES.username}) with ${ADMIN_VARIABLES.password} from .env"
`;
}

/** DOMAIN_NAME_RULE's pattern, for bash's [[ =~ ]] (POSIX ERE reads it alike). */
export const DOMAIN_NAME_RULE_PATTERN = "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]";
