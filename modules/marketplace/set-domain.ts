/**
 * `mathesar-set-domain data.example.org`: the one command that moves Mathesar from the Droplet's address to a
 * domain with a public certificate. It refuses a value that is not a host name, and a domain whose DNS does
 * not point at this Droplet yet (the certificate authority would refuse it too); then it writes the domain
 * to `.env`, removes the IP-phase override and restarts the stack, and Caddy obtains the certificate.
 */
import { DOMAIN_NAME_RULE } from "../mathesar";
import { COMPOSE_BUNDLE } from "./compose-bundle";
import { DO_METADATA_URL, FIRST_BOOT_OVERRIDES } from "./first-boot";
import { HELPER_FILES, MARKETPLACE_PATHS } from "./paths";
import {
  ENV_VALUE_FUNCTION,
  IPV4_FUNCTION,
  PUBLIC_IPV4_FUNCTION,
  SET_ENV_FUNCTION,
  rulePattern,
  scriptHeader,
} from "./shell";

/** The script. */
export function renderSetDomainScript(): string {
  const o = FIRST_BOOT_OVERRIDES;
  const b = COMPOSE_BUNDLE;
  // The contract's host-name rule (RE2 and bash's ERE agree on it: no look-arounds, no back-references).
  const pattern = rulePattern(DOMAIN_NAME_RULE).replace("^(?:", "^(");
  return [
    ...scriptHeader([
      "Usage: mathesar-set-domain DOMAIN [--skip-dns-check]",
      "Serves Mathesar at DOMAIN with a certificate from a public CA (Let's Encrypt), instead of the IP address.",
      "Point DOMAIN's DNS A record at this Droplet first.",
    ]),
    "",
    `bundle="\${${o.bundle}:-${MARKETPLACE_PATHS.bundle}}"`,
    `metadata="\${${o.metadata}:-${DO_METADATA_URL}}"`,
    "",
    ...ENV_VALUE_FUNCTION,
    ...SET_ENV_FUNCTION,
    ...IPV4_FUNCTION,
    ...PUBLIC_IPV4_FUNCTION,
    "",
    'domain="${1:-}"',
    `if ! [[ "$domain" =~ ${pattern} ]] || [ "\${#domain}" -gt 253 ]; then`,
    `  echo "mathesar-set-domain: \\"$domain\\" must be ${DOMAIN_NAME_RULE.allowed}." >&2`,
    '  echo "Usage: mathesar-set-domain DOMAIN [--skip-dns-check]" >&2',
    "  exit 2",
    "fi",
    'cd "$bundle"',
    `if [ ! -f ${b.envFile} ]; then`,
    `  echo "mathesar-set-domain: $bundle/${b.envFile} is missing: the first boot has not finished" >&2`,
    "  exit 1",
    "fi",
    "",
    'if [ "${2:-}" != "--skip-dns-check" ]; then',
    '  ip="$(public_ipv4 "$metadata" || true)"',
    '  resolved="$(getent ahostsv4 "$domain" | awk \'NR == 1 {print $1}\' || true)"',
    '  if [ -z "$ip" ] || [ "$resolved" != "$ip" ]; then',
    '    echo "mathesar-set-domain: $domain resolves to \\"${resolved:-nothing}\\", not to this Droplet (${ip:-unknown})." >&2',
    '    echo "Create a DNS A record for $domain pointing at ${ip:-this Droplet}, wait for it to appear, then run this again." >&2',
    "    exit 1",
    "  fi",
    "fi",
    "",
    `set_env ${b.domainVariable} "$domain" ${b.envFile}`,
    `rm -f ${HELPER_FILES.ipOverride}`,
    "docker compose up -d",
    'echo "mathesar-set-domain: Caddy is obtaining a certificate for $domain; open https://$domain/ in a minute."',
    "",
  ].join("\n");
}
