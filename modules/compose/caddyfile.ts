/**
 * The Compose bundle's Caddyfile. The site address is the environment placeholder `{$DOMAIN_NAME}`, which
 * Caddy fills from `.env` (through docker-compose.yml) when it reads the file, so the host name is set in one
 * place. The certificate comes from ACME, Caddy's internal CA, or files from the user's own CA.
 */
import { renderCaddyfileText } from "../caddy/caddyfile";
import { CONTENT_SECURITY_POLICY } from "./outbound";
import type { ComposeTlsMode } from "./options";

/** Where the `files` TLS mode's certificate and key are mounted in the Caddy container (from `certs/`). */
export const CADDY_TLS_FILES = {
  certificate: "/etc/caddy/tls/mathesar.crt",
  key: "/etc/caddy/tls/mathesar.key",
} as const;

/** The bundle-relative files the `files` TLS mode reads. */
export const TLS_FILES_IN_BUNDLE = { certificate: "certs/mathesar.crt", key: "certs/mathesar.key" } as const;

function tlsDirective(tls: ComposeTlsMode): string[] {
  switch (tls) {
    case "acme":
      return [];
    case "internal":
      // Caddy's own CA, created in its data volume: nothing is asked of any outside service.
      return ["tls internal"];
    case "files":
      return [`tls ${CADDY_TLS_FILES.certificate} ${CADDY_TLS_FILES.key}`];
  }
}

/** Renders the Caddyfile for a TLS mode. */
export function renderComposeCaddyfile(tls: ComposeTlsMode): string {
  return renderCaddyfileText({
    // With `tls internal` or certificate files, the site asks no ACME CA for anything; with files, Caddy would
    // also fetch OCSP responses from the responder your certificate names: not unless asked.
    globalOptions: tls === "files" ? ["ocsp_stapling off"] : [],
    siteAddress: "{$DOMAIN_NAME}",
    siteDirectivesBefore: tlsDirective(tls),
    // Stops the admin page's release check against api.github.com (modules/compose/outbound.ts).
    siteDirectivesAfter: [`header Content-Security-Policy "${CONTENT_SECURITY_POLICY}"`],
  });
}
