/**
 * The message of the day (shown at every login, over SSH and in the Droplet Console): where Mathesar
 * answers, the admin's username, and the password, shown once; afterwards only where it is kept.
 */
import { PROJECT_REPOSITORY_URL } from "../project";
import { COMPOSE_BUNDLE } from "./compose-bundle";
import { FIRST_BOOT_OVERRIDES } from "./first-boot";
import { ADMIN_PASSWORD_FILE, MARKETPLACE_PATHS, PASSWORD_SHOWN_MARKER } from "./paths";
import { ENV_VALUE_FUNCTION, scriptHeader } from "./shell";

/** The guide's address, printed by the message of the day. */
export const MOTD_GUIDE_URL = `${PROJECT_REPOSITORY_URL}/blob/main/docs/digitalocean-marketplace.md`;

/** Variable that moves the marker into a sandbox (tests). */
export const MOTD_MARKER_OVERRIDE = "MATHESAR_PASSWORD_SHOWN_MARKER";

/** The MOTD script (run as root by pam_motd through run-parts). */
export function renderMotdScript(): string {
  const o = FIRST_BOOT_OVERRIDES;
  const b = COMPOSE_BUNDLE;
  return [
    ...scriptHeader(["Message of the day of the Mathesar Marketplace image."]),
    "",
    `bundle="\${${o.bundle}:-${MARKETPLACE_PATHS.bundle}}"`,
    `password_file="\${${o.passwordFile}:-${ADMIN_PASSWORD_FILE}}"`,
    `marker="\${${MOTD_MARKER_OVERRIDE}:-${PASSWORD_SHOWN_MARKER}}"`,
    "",
    ...ENV_VALUE_FUNCTION,
    "",
    'echo "********************************************************************************"',
    'echo "Mathesar on this Droplet. Firewall (ufw): only ports 22, 80 and 443 are open."',
    `if [ ! -f "$bundle/${b.envFile}" ]; then`,
    '  echo "Mathesar is still being set up (first boot). Log out and in again in a minute."',
    "else",
    `  domain="$(env_value ${b.domainVariable} "$bundle/${b.envFile}")"`,
    `  username="$(env_value ${b.adminUsernameVariable} "$bundle/${b.envFile}")"`,
    '  echo "  Open:      https://$domain/"',
    '  echo "  Username:  ${username:-admin}"',
    '  if [ -f "$password_file" ] && [ ! -e "$marker" ]; then',
    '    echo "  Password:  $(cat "$password_file")"',
    '    echo "  (shown this once; it stays in $password_file, readable by root only)"',
    '    touch "$marker"',
    "  else",
    '    echo "  Password:  run: cat $password_file"',
    "  fi",
    `  if [ -f "$bundle/docker-compose.override.yml" ]; then`,
    '    echo "  Your browser warns about the certificate until you give Mathesar a domain:"',
    '    echo "  point a DNS A record at this Droplet, then run: mathesar-set-domain data.example.org"',
    "  fi",
    '  echo "  Logs: cd $bundle && docker compose logs -f mathesar"',
    "fi",
    // A link Blair can open: a repository-relative path means nothing on a Droplet.
    `echo "Guide: ${MOTD_GUIDE_URL}"`,
    'echo "********************************************************************************"',
    "",
  ].join("\n");
}
