/**
 * The Caddyfile of the single-VM setup (edge "caddy"): Caddy terminates TLS with a certificate it obtains
 * and renews itself (ACME, HTTP-01/TLS-ALPN-01 on ports 80/443) and proxies to the Mathesar container on
 * the VM's private Docker network. A pure function: no cdktf, so the text can be checked by a real
 * `caddy validate`.
 *
 * What Mathesar needs from its proxy (docs/architecture.md, "TLS, proxies and health checks") is Caddy's
 * default behaviour: `reverse_proxy` keeps the client's Host header and sets `X-Forwarded-Proto` to the
 * scheme the client used (https; plain HTTP is redirected to HTTPS before it reaches the proxy), and it
 * drops forwarded headers sent by untrusted clients. So no `header_up` lines are needed.
 */

import { renderCaddyfileText } from "../caddy/caddyfile";

/** The image, the upstream and the Caddyfile's text are shared with the Compose bundle (modules/caddy). */
export { CADDY_IMAGE, CADDY_UPSTREAM } from "../caddy/caddyfile";

/** What {@link renderCaddyfile} needs. */
export interface CaddyfileInput {
  /** The site address: the host name Mathesar is served at (its DNS A record points at the VM's static IP). */
  readonly domainName: string;
  /**
   * Contact address for the ACME account (certificate expiry notices).
   * @default - no e-mail (ACME works without one)
   */
  readonly acmeEmail?: string;
  /**
   * Raw lines added to the global options block, for values only Terraform knows (e.g. an `email` line
   * chosen by a Terraform conditional). Each entry is one line; an empty entry renders as a blank line.
   */
  readonly extraGlobalOptions?: readonly string[];
}

/** A Caddyfile token must not contain whitespace, quotes or braces (they would change the structure). */
const PLAIN_TOKEN = /^[^\s"'`{}#]+$/;

/**
 * Whether a value is a cdktf token (resolved by Terraform later). Read from cdktf's string encoding so this
 * file stays free of cdktf; Terraform-side values are checked by the module's variable validation.
 */
export function looksLikeToken(value: string): boolean {
  return /\$\{TfToken\[|#\{TfToken\[/.test(value);
}

function checkToken(what: string, value: string): void {
  if (!looksLikeToken(value) && !PLAIN_TOKEN.test(value))
    throw new Error(
      `Invalid ${what} ${JSON.stringify(value)} for the Caddyfile: no whitespace, quotes, braces or "#".`,
    );
}

/** Renders the Caddyfile (tab-indented, as `caddy fmt` writes it). */
export function renderCaddyfile(input: CaddyfileInput): string {
  checkToken("domain name", input.domainName);
  if (input.acmeEmail !== undefined) checkToken("ACME e-mail", input.acmeEmail);
  return renderCaddyfileText({
    globalOptions: [
      ...(input.acmeEmail !== undefined ? [`email ${input.acmeEmail}`] : []),
      ...(input.extraGlobalOptions ?? []),
    ],
    siteAddress: input.domainName,
  });
}
