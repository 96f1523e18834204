/**
 * The Caddyfile of the single-VM setup, checked by a real `caddy validate` (Debian's caddy 2.6; the VM runs
 * the newer official image, so the file keeps to directives both know) and `caddy fmt`.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CADDY_UPSTREAM, renderCaddyfile } from "../../modules/google/caddyfile";
import { describeWithTool, hasTool } from "../support/tools";

/** Runs `caddy <args> <file>` on `text` in a throwaway home (Caddy may create its storage folders). */
function caddy(args: string[], text: string): { status: number | null; output: string; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-caddy-"));
  try {
    const file = join(dir, "Caddyfile");
    writeFileSync(file, text);
    const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, "data"), XDG_CONFIG_HOME: join(dir, "config") };
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

const VARIANTS: Record<string, string> = {
  "no ACME e-mail": renderCaddyfile({ domainName: "mathesar.example.org" }),
  "with an ACME e-mail": renderCaddyfile({ domainName: "mathesar.example.org", acmeEmail: "ops@example.org" }),
  // What the module flavour's conditional line becomes after Terraform, either way.
  "module flavour, e-mail set": renderCaddyfile({
    domainName: "data.example.com",
    extraGlobalOptions: ["email ops@example.com"],
  }),
  "module flavour, no e-mail": renderCaddyfile({
    domainName: "data.example.com",
    extraGlobalOptions: ["# no ACME e-mail"],
  }),
};

describe("Caddyfile text", () => {
  test("proxies the domain to the Mathesar container and sets no forwarded headers of its own", () => {
    const text = VARIANTS["no ACME e-mail"];
    expect(text).toContain(`mathesar.example.org {\n\treverse_proxy ${CADDY_UPSTREAM}\n`);
    expect(CADDY_UPSTREAM).toBe("mathesar:8000");
    // Caddy keeps Host and sets X-Forwarded-Proto itself; overriding them would be a mistake.
    expect(text).not.toMatch(/header_up/);
  });

  test("refuses a domain or e-mail that would change the file's structure", () => {
    expect(() => renderCaddyfile({ domainName: "a.example.org {" })).toThrow(/domain name/);
    expect(() => renderCaddyfile({ domainName: "a.example.org", acmeEmail: "ops@example.org\n}" })).toThrow(
      /ACME e-mail/,
    );
  });
});

describeWithTool("caddy", hasTool("caddy", ["version"]), "caddy validate (real Caddy)", () => {
  test.each(Object.entries(VARIANTS))("%s: valid", (_name, text) => {
    const result = validate(text);
    expect(result.output).toContain("Valid configuration");
    expect(result.status).toBe(0);
  });

  test.each(Object.entries(VARIANTS))("%s: already formatted (caddy fmt changes nothing)", (_name, text) => {
    const result = caddy(["fmt"], text);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(text);
  });

  test("a broken Caddyfile fails validation (the tier is not a no-op)", () => {
    const broken = VARIANTS["with an ACME e-mail"].replace("reverse_proxy", "reverse_prox");
    const result = validate(broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/unrecognized directive: reverse_prox/);
  });
});
