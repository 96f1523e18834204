/**
 * The first boot of each Droplet created from the image (cloud-init runs it once per instance): this
 * Droplet's own secrets and first admin, never the image's. It runs the bundle's own secret generator
 * (SECRET_KEY, the admin password, the database password: random, once), serves on the Droplet's IP address
 * with Caddy's own certificate until a domain is set (`mathesar-set-domain`), keeps the admin password in a
 * root-only file for the message of the day, and starts Mathesar, whose bootstrap creates the admin before
 * the web server answers. It refuses to run twice: a `.env` that exists is never regenerated.
 */
import { COMPOSE_BUNDLE } from "./compose-bundle";
import { ADMIN_PASSWORD_FILE, HELPER_FILES, MARKETPLACE_PATHS } from "./paths";
import { ENV_VALUE_FUNCTION, IPV4_FUNCTION, PUBLIC_IPV4_FUNCTION, SET_ENV_FUNCTION, scriptHeader } from "./shell";

/** DigitalOcean's metadata service, reachable from every Droplet. */
export const DO_METADATA_URL = "http://169.254.169.254/metadata/v1";

/**
 * Variables that move the script's paths into a sandbox (the tests run it for real); unset on a Droplet.
 */
export const FIRST_BOOT_OVERRIDES = {
  bundle: "MATHESAR_BUNDLE_DIR",
  helpers: "MATHESAR_HELPERS_DIR",
  passwordFile: "MATHESAR_ADMIN_PASSWORD_FILE",
  sshHold: "MATHESAR_SSH_HOLD_FILE",
  metadata: "MATHESAR_METADATA_URL",
} as const;

/** The first-boot script. */
export function renderFirstBootScript(): string {
  const o = FIRST_BOOT_OVERRIDES;
  const b = COMPOSE_BUNDLE;
  return [
    ...scriptHeader([
      "First boot of a Droplet made from the Mathesar Marketplace image: this Droplet's secrets and first admin.",
    ]),
    "",
    `bundle="\${${o.bundle}:-${MARKETPLACE_PATHS.bundle}}"`,
    `helpers="\${${o.helpers}:-${MARKETPLACE_PATHS.helpers}}"`,
    `password_file="\${${o.passwordFile}:-${ADMIN_PASSWORD_FILE}}"`,
    `ssh_hold="\${${o.sshHold}:-${MARKETPLACE_PATHS.sshHold}}"`,
    `metadata="\${${o.metadata}:-${DO_METADATA_URL}}"`,
    "umask 077",
    "",
    ...ENV_VALUE_FUNCTION,
    ...SET_ENV_FUNCTION,
    ...IPV4_FUNCTION,
    ...PUBLIC_IPV4_FUNCTION,
    "",
    "# Whatever happens, let root log in again (the image held root's SSH sessions until now).",
    "release_ssh() {",
    '  rm -f "$ssh_hold"',
    "  systemctl reload ssh >/dev/null 2>&1 || true",
    "}",
    "trap release_ssh EXIT",
    "",
    'cd "$bundle"',
    `if [ -e ${b.envFile} ]; then`,
    `  echo "mathesar-first-boot: $bundle/${b.envFile} exists: this Droplet's secrets were made before; refusing to regenerate them." >&2`,
    "  exit 0",
    "fi",
    "",
    'if ! ip="$(public_ipv4 "$metadata")"; then',
    '  echo "mathesar-first-boot: cannot find this Droplet\'s public IPv4 address" >&2',
    "  exit 1",
    "fi",
    "",
    "# The bundle's generator: .env from .env.example, every secret random and filled once (mode 600).",
    `if ! output="$(bash ${b.generateSecrets} 2>&1)"; then`,
    "  printf '%s\\n' \"$output\" >&2",
    "  exit 1",
    "fi",
    `chmod 600 ${b.envFile}`,
    "# Until a domain points here: the Droplet's address, with Caddy's own certificate (mathesar-set-domain ends this).",
    `set_env ${b.domainVariable} "$ip" ${b.envFile}`,
    `cp "$helpers/${HELPER_FILES.ipOverride}" ${HELPER_FILES.ipOverride}`,
    "",
    "# The admin password, for root only: the message of the day shows it once.",
    `admin_password="$(env_value ${b.adminPasswordVariable} ${b.envFile})"`,
    'if [ "${#admin_password}" -lt 12 ]; then',
    `  echo "mathesar-first-boot: the bundle's generator left ${b.adminPasswordVariable} empty or short" >&2`,
    "  exit 1",
    "fi",
    'printf \'%s\\n\' "$admin_password" > "$password_file"',
    'chmod 600 "$password_file"',
    "",
    "# Start: the bootstrap migrates and creates the admin before the web server answers. cloud-init may run this",
    "# while Docker is still starting: wait for it (up to two minutes).",
    "for _ in $(seq 60); do",
    "  if docker info >/dev/null 2>&1; then break; fi",
    "  sleep 2",
    "done",
    "if ! docker compose up -d; then",
    '  echo "mathesar-first-boot: the secrets are made, but the services did not start; start them with: cd $bundle && docker compose up -d" >&2',
    "  exit 1",
    "fi",
    'echo "mathesar-first-boot: Mathesar is starting at https://$ip/ (log in as root to see the admin password)."',
    "",
  ].join("\n");
}

/** The cloud-init per-instance hook: runs the first-boot script and keeps its output for root. */
export function renderPerInstanceHook(): string {
  return [
    ...scriptHeader(["cloud-init runs this once per Droplet."]),
    `bash ${MARKETPLACE_PATHS.helpers}/${HELPER_FILES.firstBoot}`,
    "",
  ].join("\n");
}
