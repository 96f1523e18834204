/** Where the Marketplace image puts things on the Droplet. */

/** The paths on the Droplet; the tests run the scripts against a sandbox by overriding them. */
export const MARKETPLACE_PATHS = {
  /** The Compose bundle (docker-compose.yml, .env once the first boot made it). */
  bundle: "/opt/mathesar",
  /** The image's own helpers (first-boot script, the IP-phase Caddyfile and Compose override). */
  helpers: "/opt/mathesar-marketplace",
  /** root's home: the first admin's password, readable by root only. */
  rootHome: "/root",
  /** cloud-init runs the scripts here once per Droplet (per instance), in name order. */
  perInstance: "/var/lib/cloud/scripts/per-instance",
  /** The message of the day, shown at every login (SSH and the Droplet Console). */
  motd: "/etc/update-motd.d/99-mathesar",
  /** The one command that switches to a domain and a public certificate. */
  setDomain: "/usr/local/bin/mathesar-set-domain",
  /** Holds root's SSH sessions while the first boot runs (removed by it). */
  sshHold: "/etc/ssh/sshd_config.d/00-mathesar-first-boot.conf",
} as const;

/** File names inside the helpers folder. */
export const HELPER_FILES = {
  firstBoot: "first-boot.sh",
  ipCaddyfile: "Caddyfile.ip",
  ipOverride: "docker-compose.override.yml",
} as const;

/** The first admin's password file (root only, mode 600). */
export const ADMIN_PASSWORD_FILE = `${MARKETPLACE_PATHS.rootHome}/mathesar-admin-password`;

/** Marker: the MOTD has shown the password once. */
export const PASSWORD_SHOWN_MARKER = `${MARKETPLACE_PATHS.rootHome}/.mathesar-admin-password-shown`;
