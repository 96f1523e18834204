/**
 * Build-time provisioning (runs once, on the temporary build Droplet): Docker and Compose from Ubuntu's own
 * archive, the firewall, the pinned images pulled in advance, the helpers and hooks made executable. Nothing
 * here creates a secret: every one is made on each Droplet's first boot.
 */
import { COMPOSE_BUNDLE } from "./compose-bundle";
import { HELPER_FILES, MARKETPLACE_PATHS } from "./paths";
import { ENV_VALUE_FUNCTION, scriptHeader } from "./shell";

/** Ubuntu packages the image installs (official archive: updated with the system's security updates). */
export const MARKETPLACE_APT_PACKAGES = [
  "docker.io",
  "docker-compose-v2",
  "ufw",
  "curl",
  "unattended-upgrades",
] as const;

/** The only inbound ports (TCP): SSH, HTTP (ACME and the redirect), HTTPS. */
export const MARKETPLACE_OPEN_PORTS = [22, 80, 443] as const;

/** Name of the per-instance hook. */
export const PER_INSTANCE_HOOK = "001-mathesar";

/** The install script; the Packer template passes MATHESAR_VERSION. */
export function renderInstallScript(): string {
  const b = COMPOSE_BUNDLE;
  const p = MARKETPLACE_PATHS;
  return [
    ...scriptHeader(["Build-time install of the Mathesar Marketplace image (Packer runs it on the build Droplet)."]),
    'version="${MATHESAR_VERSION:?MATHESAR_VERSION is not set}"',
    "export DEBIAN_FRONTEND=noninteractive",
    "",
    ...ENV_VALUE_FUNCTION,
    "",
    "apt-get -qq update",
    "apt-get -qqy -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold full-upgrade",
    `apt-get -qqy install --no-install-recommends ${MARKETPLACE_APT_PACKAGES.join(" ")}`,
    "systemctl enable --now docker",
    "# Security updates keep installing themselves on every Droplet (Ubuntu's default, made explicit).",
    "systemctl enable unattended-upgrades",
    "",
    "# Firewall: only SSH, HTTP and HTTPS come in.",
    "ufw default deny incoming",
    "ufw default allow outgoing",
    ...MARKETPLACE_OPEN_PORTS.map((port) => `ufw allow ${port}/tcp`),
    "ufw --force enable",
    "",
    `cd ${p.bundle}`,
    `if [ -e ${b.envFile} ]; then`,
    `  echo "install: ${p.bundle}/${b.envFile} is in the image: secrets must be made on each Droplet's first boot" >&2`,
    "  exit 1",
    "fi",
    `mathesar_image="$(env_value MATHESAR_IMAGE ${b.envExample})"`,
    'case "$mathesar_image" in',
    '  *":$version" | *":$version@sha256:"*) ;;',
    '  *) echo "install: the Compose bundle pins $mathesar_image, not Mathesar $version" >&2; exit 1 ;;',
    "esac",
    "# The pinned images, pulled now: a new Droplet starts without waiting for a registry.",
    `for name in ${b.imageVariables.join(" ")}; do`,
    `  docker pull --quiet "$(env_value "$name" ${b.envExample})"`,
    "done",
    "",
    `chmod 755 ${p.helpers}/${HELPER_FILES.firstBoot} ${p.perInstance}/${PER_INSTANCE_HOOK} ${p.motd} ${p.setDomain}`,
    `chmod 644 ${p.helpers}/${HELPER_FILES.ipCaddyfile} ${p.helpers}/${HELPER_FILES.ipOverride}`,
    "",
  ].join("\n");
}
