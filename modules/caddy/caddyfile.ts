/**
 * What every Caddy in front of Mathesar shares (the Google VM and the Compose bundle): the pinned image, the
 * upstream on a private Docker network, and the text of a Caddyfile with one site. A pure function, no cdktf,
 * so the result can be checked by a real `caddy validate`.
 *
 * What Mathesar needs from its proxy (docs/architecture.md, "TLS, proxies and health checks") is Caddy's
 * default behaviour: `reverse_proxy` keeps the client's Host header and sets `X-Forwarded-Proto` to the
 * scheme the client used (https; plain HTTP is redirected to HTTPS before it reaches the proxy), and it
 * drops forwarded headers sent by untrusted clients. So no `header_up` lines are needed.
 */

/** Where the Mathesar container answers on the host's private Docker network (container or service `mathesar`). */
export const CADDY_UPSTREAM = "mathesar:8000";

/**
 * The official Caddy image, pinned (Docker Hub `library/caddy`; the 2.10 series of
 * github.com/caddyserver/caddy-docker). Everything our Caddyfiles use is also understood by Caddy 2.6, the
 * version our `caddy validate` test tiers run.
 */
export const CADDY_IMAGE = "docker.io/library/caddy:2.10.2";

/** HSTS: browsers keep to HTTPS for a year once they have seen the site (Caddy already redirects HTTP). */
export const CADDY_HSTS_DIRECTIVE = `header Strict-Transport-Security "max-age=31536000"`;

/** What {@link renderCaddyfileText} needs. */
export interface CaddyfileTextInput {
  /** Lines of the global options block after `admin off` (an empty entry renders as a blank line). */
  readonly globalOptions: readonly string[];
  /** The site address (a host name, or an environment placeholder such as `{$DOMAIN_NAME}`). */
  readonly siteAddress: string;
  /** Directives of the site before `reverse_proxy` (e.g. `tls internal`). @default [] */
  readonly siteDirectivesBefore?: readonly string[];
  /** Directives of the site after the HSTS header. @default [] */
  readonly siteDirectivesAfter?: readonly string[];
}

/** Renders the Caddyfile (tab-indented, as `caddy fmt` writes it). Callers check their own values. */
export function renderCaddyfileText(input: CaddyfileTextInput): string {
  const global = [
    // Caddy is restarted, never reconfigured live: no admin endpoint.
    "admin off",
    ...input.globalOptions,
    // HTTP/3 would need UDP 443 published and admitted; browsers would try it and fall back after a delay.
    "servers {",
    "\tprotocols h1 h2",
    "}",
  ];
  const site = [
    ...(input.siteDirectivesBefore ?? []),
    `reverse_proxy ${CADDY_UPSTREAM}`,
    CADDY_HSTS_DIRECTIVE,
    ...(input.siteDirectivesAfter ?? []),
  ];
  return [
    "{",
    ...global.map((line) => (line === "" ? "" : `\t${line}`)),
    "}",
    "",
    `${input.siteAddress} {`,
    ...site.map((line) => `\t${line}`),
    "}",
    "",
  ].join("\n");
}
