/**
 * Our own check of DigitalOcean's Marketplace image rules (their img_check tool's list, read and written
 * again here), plus ours: run by Packer as the build's last
 * step, it fails the build, so no snapshot is made of an image that breaks one.
 */
import { COMPOSE_BUNDLE } from "./compose-bundle";
import { IMAGE_ROOT_OVERRIDE } from "./cleanup";
import { PER_INSTANCE_HOOK, MARKETPLACE_OPEN_PORTS } from "./install";
import { ADMIN_PASSWORD_FILE, MARKETPLACE_PATHS } from "./paths";
import { scriptHeader } from "./shell";

/** Ubuntu releases DigitalOcean's Marketplace accepts that are LTS and supported. */
export const MARKETPLACE_UBUNTU_RELEASES = ["22.04", "24.04"] as const;

/** The image check. */
export function renderImageCheckScript(): string {
  const p = MARKETPLACE_PATHS;
  return [
    ...scriptHeader(["Checks the build Droplet against DigitalOcean's Marketplace image rules; exits 1 on a failure."]),
    `root="\${${IMAGE_ROOT_OVERRIDE}:-}"`,
    "failures=0",
    'pass() { echo "[PASS] $1"; }',
    'fail() { echo "[FAIL] $1"; failures=$((failures + 1)); }',
    "",
    "# Operating system: a supported Ubuntu LTS.",
    'os_field() { awk -F= -v key="$1" \'$1 == key { gsub(/"/, "", $2); print $2 }\' "$root/etc/os-release"; }',
    'os_name="$(os_field NAME)"',
    'os_version="$(os_field VERSION_ID)"',
    'case "$os_name $os_version" in',
    `  ${MARKETPLACE_UBUNTU_RELEASES.map((r) => `"Ubuntu ${r}"`).join(" | ")}) pass "supported system: $os_name $os_version" ;;`,
    '  *) fail "unsupported system: $os_name $os_version" ;;',
    "esac",
    "",
    'if command -v cloud-init >/dev/null 2>&1; then pass "cloud-init is installed"; else fail "cloud-init is missing"; fi',
    "",
    "# Firewall: active, and nothing open but SSH, HTTP and HTTPS.",
    'ufw_status="$(ufw status 2>&1 || true)"',
    'if [ "${ufw_status%%$\'\\n\'*}" = "Status: active" ]; then pass "ufw is active"; else fail "ufw is not active"; fi',
    "open_ports=\"$(printf '%s\\n' \"$ufw_status\" | awk '/ALLOW/ {print $1}' | sed 's|/.*||' | sort -un | tr '\\n' ' ')\"",
    `if [ "$open_ports" = "${[...MARKETPLACE_OPEN_PORTS].sort((a, b) => a - b).join(" ")} " ]; then pass ` +
      `"only ports ${MARKETPLACE_OPEN_PORTS.join(", ")} are open"; else fail "open ports: $open_ports"; fi`,
    "",
    "# Security updates: none pending.",
    'pending="$(apt-get --just-print upgrade 2>/dev/null | grep -c "^Inst .*[Ss]ecurity" || true)"',
    'if [ "$pending" = "0" ]; then pass "no pending security updates"; else fail "$pending security updates are not installed"; fi',
    "",
    "# Logs: no log archives (a failure); a log with more than a line (a warning: the build's own SSH session",
    "# writes to auth.log after the cleanup, as DigitalOcean's own check allows).",
    'for log in "$root"/var/log/*; do',
    '  [ -f "$log" ] || continue',
    '  case "$log" in',
    '    *.gz | *.[0-9] | *-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9] | *.old) fail "log archive $log" ;;',
    '    *) if [ "$(wc -c < "$log")" -gt 50 ]; then echo "[WARN] log $log was written after the cleanup"; fi ;;',
    "  esac",
    "done",
    "",
    "# Accounts: no password on root or any user; no authorized keys, private keys or shell history.",
    "while IFS=: read -r name hash _; do",
    '  uid="$(awk -F: -v n="$name" \'$1 == n {print $3}\' "$root/etc/passwd")"',
    '  if [ "$name" != root ] && { [ -z "$uid" ] || [ "$uid" -lt 1000 ] || [ "$name" = nobody ]; }; then continue; fi',
    '  case "$hash" in',
    '    "!"* | "*"*) pass "$name has no password" ;;',
    '    *) fail "$name has a password" ;;',
    "  esac",
    '  home="$(awk -F: -v n="$name" \'$1 == n {print $6}\' "$root/etc/passwd")"',
    '  for file in "$root$home/.ssh/authorized_keys" "$root$home/.ssh/id_rsa" "$root$home/.ssh/id_ed25519" "$root$home/.bash_history"; do',
    '    if [ -s "$file" ]; then fail "$file is not empty"; fi',
    "  done",
    'done < "$root/etc/shadow"',
    'if compgen -G "$root/etc/ssh/ssh_host_*" >/dev/null; then fail "SSH host keys are in the image"; else pass "no SSH host keys"; fi',
    "",
    "# DigitalOcean's own agents are installed on each Droplet by DigitalOcean, never in an image.",
    'if [ -e "$root/opt/digitalocean" ]; then fail "/opt/digitalocean is in the image"; else pass "no DigitalOcean agent"; fi',
    "",
    "# Ours: no Mathesar secret, no cloud-init instance, the first boot and the MOTD in place.",
    `for secret in "$root${p.bundle}/${COMPOSE_BUNDLE.envFile}" "$root${ADMIN_PASSWORD_FILE}"; do`,
    '  if [ -e "$secret" ]; then fail "$secret is in the image"; fi',
    "done",
    'if compgen -G "$root/var/lib/cloud/instances/*" >/dev/null; then fail "cloud-init instance state is in the image"; else pass "cloud-init is clean"; fi',
    `for hook in "$root${p.perInstance}/${PER_INSTANCE_HOOK}" "$root${p.motd}" "$root${p.setDomain}"; do`,
    '  if [ -x "$hook" ]; then pass "$hook is executable"; else fail "$hook is missing or not executable"; fi',
    "done",
    `if [ -f "$root${p.sshHold}" ]; then pass "root's SSH sessions wait for the first boot"; else fail "$root${p.sshHold} is missing"; fi`,
    "",
    'if [ "$failures" -gt 0 ]; then',
    '  echo "image check: $failures failure(s); no snapshot may be made of this image" >&2',
    "  exit 1",
    "fi",
    'echo "image check: all rules pass"',
    "",
  ].join("\n");
}
