/**
 * The last step before the snapshot, doing what DigitalOcean's Marketplace requires of an image: security
 * updates installed, no temporary files, no shell history, no logs or log archives, no SSH keys (root's or the
 * host's: cloud-init makes new host keys on each Droplet), cloud-init's per-instance state removed so every
 * Droplet runs its first boot, root's SSH sessions held until the first boot has made the secrets, and the
 * free disk space zeroed. It refuses an image that holds any of Mathesar's secrets.
 */
import { COMPOSE_BUNDLE } from "./compose-bundle";
import { ADMIN_PASSWORD_FILE, MARKETPLACE_PATHS, PASSWORD_SHOWN_MARKER } from "./paths";
import { scriptHeader } from "./shell";

/** Variable that moves every path under a sandbox root (tests); empty on the build Droplet. */
export const IMAGE_ROOT_OVERRIDE = "IMAGE_ROOT";

/** What the held SSH session prints. */
export const SSH_HOLD_MESSAGE = "Mathesar is being set up on this Droplet; log in again in a minute.";

/** The cleanup script. */
export function renderCleanupScript(): string {
  const p = MARKETPLACE_PATHS;
  return [
    ...scriptHeader(["Cleans the build Droplet before DigitalOcean snapshots it (Marketplace image requirements)."]),
    `root="\${${IMAGE_ROOT_OVERRIDE}:-}"`,
    "# It empties logs and deletes SSH keys: only on Packer's build Droplet (or under a sandbox root, in tests).",
    'if [ -z "$root" ] && [ "${PACKER_BUILDER_TYPE:-}" != digitalocean ]; then',
    '  echo "cleanup: run only by Packer on the build Droplet (it deletes SSH keys and logs)" >&2',
    "  exit 1",
    "fi",
    "export DEBIAN_FRONTEND=noninteractive",
    "",
    "# No Mathesar secret may be in the image: each Droplet makes its own.",
    `for secret in "$root${p.bundle}/${COMPOSE_BUNDLE.envFile}" "$root${ADMIN_PASSWORD_FILE}" "$root${PASSWORD_SHOWN_MARKER}"; do`,
    '  if [ -e "$secret" ]; then',
    '    echo "cleanup: $secret is in the image; refusing to snapshot it" >&2',
    "    exit 1",
    "  fi",
    "done",
    "",
    "# Security updates, then the package caches.",
    "apt-get -qq update",
    "apt-get -qqy -o Dpkg::Options::=--force-confold upgrade",
    "apt-get -qqy autoremove",
    "apt-get -qqy clean",
    "",
    "# Temporary files and shell history (root and every user).",
    'mkdir -p "$root/tmp" "$root/var/tmp"',
    'chmod 1777 "$root/tmp"',
    'find "$root/tmp" "$root/var/tmp" -mindepth 1 -delete',
    'rm -f "$root/root/.bash_history" "$root"/home/*/.bash_history',
    "history -c",
    "unset HISTFILE",
    "",
    "# Logs: archives removed, every log emptied, the journal too.",
    'find "$root/var/log" -type f \\( -name "*.gz" -o -name "*.[0-9]" -o -name "*-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]" -o -name "*.old" \\) -delete',
    'find "$root/var/log" -type f -exec truncate -s 0 {} +',
    "journalctl --rotate >/dev/null 2>&1 || true",
    "journalctl --vacuum-time=1s >/dev/null 2>&1 || true",
    "",
    "# SSH keys: root's and users' authorized keys, and the host keys (cloud-init makes new ones per Droplet).",
    'rm -f "$root/root/.ssh/authorized_keys" "$root"/home/*/.ssh/authorized_keys "$root"/etc/ssh/ssh_host_*',
    'touch "$root/etc/ssh/revoked_keys"',
    'chmod 600 "$root/etc/ssh/revoked_keys"',
    "",
    "# cloud-init: forget this instance, so each Droplet runs its per-instance scripts (the first boot).",
    "# cloud-init clean deletes everything under /var/lib/cloud, the per-instance scripts (our first boot)",
    "# included (remove_artifacts in cloudinit/cmd/clean.py): they are kept aside and put back.",
    'kept="$(mktemp -d)"',
    `cp -a "$root${p.perInstance}/." "$kept/"`,
    "cloud-init clean --logs --seed",
    'rm -rf "$root"/var/lib/cloud/instances/*',
    `mkdir -p "$root${p.perInstance}"`,
    `cp -a "$kept/." "$root${p.perInstance}/"`,
    'rm -rf "$kept"',
    "",
    "# Until the first boot has made the secrets, root's SSH sessions only print a notice.",
    `mkdir -p "$root${p.sshHold.replace(/\/[^/]+$/, "")}"`,
    `printf 'Match User root\\n\\tForceCommand echo "${SSH_HOLD_MESSAGE}"\\n' > "$root${p.sshHold}"`,
    "",
    "# Zero the free space, so the snapshot holds nothing of what was deleted.",
    'dd if=/dev/zero of="$root/zerofile" bs=4M status=none 2>/dev/null || true',
    'rm -f "$root/zerofile"',
    "sync",
    "",
  ].join("\n");
}
