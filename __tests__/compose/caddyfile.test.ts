/**
 * The Compose bundle's Caddyfile for each TLS mode, checked by a real `caddy validate` (Debian's caddy 2.6;
 * the bundle runs the newer official image) with DOMAIN_NAME in the environment, as the container gets it.
 * The `files` mode loads a real certificate and key (generated with openssl), so a wrong path would fail.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CADDY_TLS_FILES, COMPOSE_TLS_MODES, composeBundleFiles, renderComposeCaddyfile } from "../../modules/compose";
import { describeWithTool, hasTool } from "../support/tools";
import { parseCompose, selfSignedCertificate } from "./support";

/** Runs `caddy <args> <file>` on `text` in a throwaway home, with the TLS files pointed at real ones. */
function caddy(args: string[], text: string, realFiles = true, domain = "mathesar.example.org") {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-compose-caddy-"));
  try {
    const tls = selfSignedCertificate(dir, domain);
    const file = join(dir, "Caddyfile");
    writeFileSync(
      file,
      realFiles
        ? text.replace(CADDY_TLS_FILES.certificate, tls.certificate).replace(CADDY_TLS_FILES.key, tls.key)
        : text,
    );
    const env = {
      ...process.env,
      HOME: dir,
      XDG_DATA_HOME: join(dir, "data"),
      XDG_CONFIG_HOME: join(dir, "config"),
      DOMAIN_NAME: domain,
    };
    const result = spawnSync("caddy", [...args, file], { encoding: "utf8", env, timeout: 60000 });
    return {
      status: result.status,
      stdout: result.stdout ?? "",
      output: `${result.stdout ?? ""}${result.stderr ?? ""}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const validate = (text: string) => caddy(["validate", "--adapter", "caddyfile", "--config"], text);

describe("Caddyfile text", () => {
  test("the site is DOMAIN_NAME from the environment, proxied to the mathesar service with HSTS and the CSP", () => {
    const text = renderComposeCaddyfile("acme");
    expect(text).toContain("{$DOMAIN_NAME} {\n\treverse_proxy mathesar:8000\n");
    expect(text).toContain(`header Content-Security-Policy "connect-src 'self'"`);
    expect(text).toContain(`header Strict-Transport-Security "max-age=31536000"`);
    expect(text).not.toMatch(/header_up|\btls\b/);
  });

  test("internal and files modes name their certificate source; the bundle mounts the files read-only", () => {
    expect(renderComposeCaddyfile("internal")).toContain("\ttls internal\n");
    expect(renderComposeCaddyfile("files")).toContain(`\ttls ${CADDY_TLS_FILES.certificate} ${CADDY_TLS_FILES.key}\n`);
    // Caddy would otherwise ask the OCSP responder named in your certificate.
    expect(renderComposeCaddyfile("files")).toContain("\tocsp_stapling off\n");
    expect(renderComposeCaddyfile("acme")).not.toContain("ocsp_stapling");
    const caddyService = parseCompose(composeBundleFiles({ tls: "files" })["docker-compose.yml"]).services.caddy;
    expect(caddyService.volumes).toEqual(
      expect.arrayContaining([
        `./certs/mathesar.crt:${CADDY_TLS_FILES.certificate}:ro`,
        `./certs/mathesar.key:${CADDY_TLS_FILES.key}:ro`,
      ]),
    );
  });
});

describeWithTool(
  "caddy and openssl",
  // openssl makes the certificate the files mode loads: without it the tier could not run either.
  hasTool("caddy", ["version"]) && hasTool("openssl", ["version"]),
  "caddy validate: the Compose bundle's Caddyfile (real Caddy)",
  () => {
    test.each(COMPOSE_TLS_MODES)("tls %s: valid", (mode) => {
      const result = validate(renderComposeCaddyfile(mode));
      expect(result.output).toContain("Valid configuration");
      expect(result.status).toBe(0);
    });

    test.each(COMPOSE_TLS_MODES)("tls %s: already formatted (caddy fmt changes nothing)", (mode) => {
      const text = renderComposeCaddyfile(mode);
      const result = caddy(["fmt"], text, false);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(text);
    });

    test("the files mode fails without its certificate (the tier loads the files)", () => {
      const text = renderComposeCaddyfile("files").replace(CADDY_TLS_FILES.certificate, "/nonexistent/mathesar.crt");
      const result = validate(text);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/nonexistent\/mathesar\.crt/);
    });

    test("a broken Caddyfile fails validation (the tier is not a no-op)", () => {
      const result = validate(renderComposeCaddyfile("acme").replace("reverse_proxy", "reverse_prox"));
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/unrecognized directive: reverse_prox/);
    });
  },
);
