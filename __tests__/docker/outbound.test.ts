/**
 * "No call home" in the default configuration of the Docker host target, in both flavours (issue 12, air-gapped):
 * the switches docs/docker.md lists under "What Mathesar sends out" are set. The web container gets the Compose
 * bundle's local.py, word for word (its report URLs point at the loopback discard port), and Caddy sends the
 * Content-Security-Policy that stops the admin's browser asking api.github.com for releases, in every TLS mode.
 * The construct's Terraform JSON and the published module's (the configuration dist/ is rendered from) are both read.
 */
import { TerraformStack, Testing } from "cdktf";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MathesarOnDockerHost, type MathesarOnDockerHostProps } from "../../modules/docker";
import { CONTENT_SECURITY_POLICY, LOCAL_SETTINGS_PATH, renderLocalSettings } from "../../modules/compose/outbound";
import { distModuleJsonFiles } from "../support/dist-modules";
import { sensitiveVariable } from "../support/synth";

type Json = Record<string, any>;

const CSP_HEADER = `Content-Security-Policy "${CONTENT_SECURITY_POLICY}"`;
const MODULE = "terraform-docker-mathesar/modules";

function synth(build: (stack: TerraformStack) => MathesarOnDockerHostProps): Json {
  const stack = new TerraformStack(Testing.app(), "docker");
  new DockerProvider(stack, "docker");
  new RandomProvider(stack, "random");
  new MathesarOnDockerHost(stack, "Mathesar", build(stack));
  return JSON.parse(Testing.synth(stack));
}

const TLS_MODES: [string, (s: TerraformStack) => MathesarOnDockerHostProps][] = [
  ["acme", () => ({})],
  ["internal", () => ({ tls: "internal" })],
  [
    "files",
    (s) => ({
      tls: "files",
      tlsCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
      tlsPrivateKey: sensitiveVariable(s, "key"),
    }),
  ],
];

describe.each(TLS_MODES)("MathesarOnDockerHost, tls %s: nothing sent out by default", (_mode, build) => {
  const containers: Record<string, Json> = synth(build).resource.docker_container;

  test("the web container gets the Compose bundle's local.py, word for word", () => {
    const local = (containers.mathesar.upload as Json[]).find((u) => u.file === LOCAL_SETTINGS_PATH);
    expect(local?.content).toBe(renderLocalSettings());
  });

  test("Caddy's Caddyfile sends connect-src 'self' (no release check against api.github.com)", () => {
    const caddyfile = (containers.caddy.upload as Json[]).find((u) => u.file === "/etc/caddy/Caddyfile");
    expect(caddyfile?.content).toContain(CSP_HEADER);
  });

  test("no environment variable tries to set the report URLs (production.py would ignore it)", () => {
    for (const container of Object.values(containers))
      expect(((container.env ?? []) as string[]).filter((e) => /^MATHESAR_.*_URL=/.test(e))).toEqual([]);
  });
});

describe("the published module: nothing sent out by default", () => {
  // Each submodule's resources as Terraform JSON text: the configuration dist/ is rendered from (support/dist-modules.ts).
  const app = distModuleJsonFiles(`${MODULE}/app`)["main.tf.json"];
  const proxy = distModuleJsonFiles(`${MODULE}/proxy`)["main.tf.json"];

  test("every container of the app module that uploads local.py uploads the Compose bundle's text", () => {
    const uploads = [
      ...app.matchAll(/"content": ("(?:[^"\\]|\\.)*"),\s*"file": "\/code\/config\/settings\/local\.py"/g),
    ];
    expect(uploads.length).toBeGreaterThan(0);
    for (const [, content] of uploads) expect(JSON.parse(content)).toBe(renderLocalSettings());
  });

  test("each TLS mode's Caddyfile (base64 in the proxy module) sends connect-src 'self'", () => {
    const caddyfiles = [...proxy.matchAll(/\\"(acme|internal|files)\\" = \\"([A-Za-z0-9+/=]{40,})\\"/g)];
    expect(caddyfiles.map((m) => m[1]).sort()).toEqual(["acme", "files", "internal"]);
    for (const [, mode, base64] of caddyfiles)
      expect([mode, Buffer.from(base64, "base64").toString("utf8")]).toEqual([
        mode,
        expect.stringContaining(CSP_HEADER),
      ]);
  });
});
