/**
 * The VM's user-data, checked by the real cloud-init (`cloud-init schema`, plus a top-level key check
 * against cloud-init's bundled schema, which `schema` itself skips), and the secret fetcher run for real by
 * Python against a stand-in for the metadata server and Secret Manager.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { renderCaddyfile } from "../../modules/google/caddyfile";
import { FETCH_SECRETS_SCRIPT, renderVmCloudInit, type VmCloudInitInput } from "../../modules/google/vm-cloud-init";
import { cloudConfigTopLevelKeys, cloudInitSchema, hasCloudInit, unknownTopLevelKeys } from "../support/cloud-init";
import { describeWithTool, hasTool } from "../support/tools";

const BASE: VmCloudInitInput = {
  edge: "load_balancer",
  project: "my-project",
  image: "docker.io/mathesar/mathesar:0.11.0",
  environment: {
    ALLOWED_HOSTS: "mathesar.example.org",
    GUNICORN_CMD_ARGS: "--timeout 120 --access-logfile -",
    POSTGRES_DB: "mathesar",
    POSTGRES_HOST: "10.1.2.3",
    POSTGRES_USER: "mathesar",
  },
  secretEnvironment: { SECRET_KEY: "demo-secret-key", POSTGRES_PASSWORD: "demo-database-password" },
};

const COMBINATIONS: Record<string, VmCloudInitInput> = {
  "load balancer": BASE,
  "caddy": { ...BASE, edge: "caddy", caddyfile: renderCaddyfile({ domainName: "mathesar.example.org" }) },
  "caddy with an ACME e-mail": { ...BASE, edge: "caddy", caddyfile: renderCaddyfile({ domainName: "mathesar.example.org", acmeEmail: "ops@example.org" }) },
  "no secrets, no environment": { ...BASE, environment: {}, secretEnvironment: {} },
  "values YAML and shells care about": {
    ...BASE,
    environment: {
      ...BASE.environment,
      REQUIRE_SSO_LOGIN: "false",
      COMMENTISH: "# not a comment: {json: [1, 2]} 'quoted' \"double\" & | ; *",
      EMPTY: "",
    },
    secretEnvironment: { ...BASE.secretEnvironment, SSO_CONFIG_DICT: "demo-sso", DJANGO_SUPERUSER_PASSWORD: "demo-admin" },
  },
};

describe("renderVmCloudInit (input checks)", () => {
  test("refuses secrets as plain environment, line breaks in values and bad names", () => {
    expect(() => renderVmCloudInit({ ...BASE, environment: { SECRET_KEY: "x" } })).toThrow(/secret/);
    expect(() => renderVmCloudInit({ ...BASE, environment: { A: "1\n2" } })).toThrow(/line break/);
    expect(() => renderVmCloudInit({ ...BASE, environment: { "A-B": "1" } })).toThrow(/name/);
    expect(() => renderVmCloudInit({ ...BASE, secretEnvironment: { A: "bad id" } })).toThrow(/secret id/);
    expect(() => renderVmCloudInit({ ...BASE, edge: "caddy" })).toThrow(/Caddyfile/);
  });

  test("environment values survive the YAML literal block unchanged", () => {
    const input = COMBINATIONS["values YAML and shells care about"];
    const document = parse(renderVmCloudInit(input)) as { write_files: Array<{ path: string; content: string }> };
    const env = document.write_files.find((f) => f.path === "/etc/mathesar/mathesar.env")?.content ?? "";
    for (const [name, value] of Object.entries(input.environment)) expect(env.split("\n")).toContain(`${name}=${value}`);
  });
});

describeWithTool("cloud-init", hasCloudInit(), "cloud-init schema (real cloud-init)", () => {
  let known: Set<string>;
  beforeAll(() => {
    known = cloudConfigTopLevelKeys();
  });

  test("the bundled schema was found and declares the keys we use", () => {
    expect(known.size).toBeGreaterThan(30);
    for (const key of ["write_files", "runcmd", "bootcmd", "users"]) expect(known).toContain(key);
  });

  test.each(Object.entries(COMBINATIONS))("%s: cloud-init reports a valid cloud-config", (_name, input) => {
    const result = cloudInitSchema(renderVmCloudInit(input));
    expect(result.output).toMatch(/Valid cloud-config/);
    expect(result.status).toBe(0);
  });

  test.each(Object.entries(COMBINATIONS))("%s: every top-level key is one cloud-init knows", (_name, input) => {
    const userData = renderVmCloudInit(input);
    expect(Object.keys(parse(userData) as object).sort()).toEqual(["runcmd", "write_files"]);
    expect(unknownTopLevelKeys(userData, known)).toEqual([]);
  });

  test("the key check catches an invented key that cloud-init schema lets through", () => {
    const invented = renderVmCloudInit(BASE).replace("runcmd:", "run_commands:");
    expect(cloudInitSchema(invented).status).toBe(0); // why the key check exists
    expect(unknownTopLevelKeys(invented, known)).toEqual(["run_commands"]);
  });

  test("a schema violation fails cloud-init schema (the tier is not a no-op)", () => {
    const broken = renderVmCloudInit(BASE).replace("  - path: /etc/mathesar/mathesar.env\n", "  - pathname: /etc/mathesar/mathesar.env\n");
    const result = cloudInitSchema(broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/write_files\.0/);
  });
});

/**
 * Runs FETCH_SECRETS_SCRIPT with Python, its urlopen replaced by a stand-in that answers like the metadata
 * server and Secret Manager (and checks the headers), and returns the secrets file and the requests made.
 */
function runFetcher(secrets: Record<string, string>, pairs: string[]): { env: string; mode: number; calls: Array<{ url: string }>; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-fetch-"));
  try {
    const script = join(dir, "fetch-secrets.py");
    const harness = join(dir, "harness.py");
    const target = join(dir, "secrets.env");
    writeFileSync(script, FETCH_SECRETS_SCRIPT);
    writeFileSync(
      harness,
      `import base64, io, json, runpy, sys, urllib.request
secrets = json.loads(sys.argv[1])
calls_file = sys.argv[2]
calls = []
class Response(io.BytesIO):
    def __enter__(self):
        return self
    def __exit__(self, *args):
        return False
def fake_urlopen(request, timeout=None):
    url = request.full_url
    headers = dict(request.header_items())
    calls.append({"url": url, "headers": headers})
    if url == "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token":
        assert headers.get("Metadata-flavor") == "Google", headers
        return Response(json.dumps({"access_token": "token-123", "expires_in": 3599}).encode())
    prefix = "https://secretmanager.googleapis.com/v1/projects/my-project/secrets/"
    suffix = "/versions/latest:access"
    assert url.startswith(prefix) and url.endswith(suffix), url
    assert headers.get("Authorization") == "Bearer token-123", headers
    data = base64.b64encode(secrets[url[len(prefix):-len(suffix)]].encode()).decode()
    return Response(json.dumps({"name": url, "payload": {"data": data, "dataCrc32c": "0"}}).encode())
urllib.request.urlopen = fake_urlopen
script = sys.argv[3]
sys.argv = sys.argv[3:]
runpy.run_path(script, run_name="__main__")
json.dump(calls, open(calls_file, "w"))
`,
    );
    const callsFile = join(dir, "calls.json");
    const result = spawnSync("python3", [harness, JSON.stringify(secrets), callsFile, script, "my-project", target, ...pairs], { encoding: "utf8" });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) throw new Error(`fetcher failed: ${output}`);
    return { env: readFileSync(target, "utf8"), mode: statSync(target).mode & 0o777, calls: JSON.parse(readFileSync(callsFile, "utf8")), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeWithTool("python3", hasTool("python3"), "the secret fetcher (real Python, stand-in Google APIs)", () => {
  const sso = '{\r\n  "oidc": {"provider": {"client_id": "a=b c"}}\n}\n';
  const secrets = { "demo-secret-key": "k".repeat(30) + "=+/ $HOME 'q' \"d\"\n", "demo-sso": sso };

  test("writes NAME=value lines, mode 0600, from each secret's latest version", () => {
    const { env, mode, calls } = runFetcher(secrets, ["SECRET_KEY=demo-secret-key", "SSO_CONFIG_DICT=demo-sso"]);
    expect(mode).toBe(0o600);
    const lines = env.split("\n").filter(Boolean);
    expect(lines).toEqual([`SECRET_KEY=${"k".repeat(30)}=+/ $HOME 'q' "d"`, expect.stringMatching(/^SSO_CONFIG_DICT=/)]);
    expect(calls.map((c) => c.url)).toEqual([
      "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token",
      "https://secretmanager.googleapis.com/v1/projects/my-project/secrets/demo-secret-key/versions/latest:access",
      "https://secretmanager.googleapis.com/v1/projects/my-project/secrets/demo-sso/versions/latest:access",
    ]);
  });

  test("strips CR and LF so each value stays on its line, and JSON stays valid", () => {
    const { env } = runFetcher(secrets, ["SSO_CONFIG_DICT=demo-sso"]);
    const value = env.replace(/^SSO_CONFIG_DICT=/, "").replace(/\n$/, "");
    expect(value).not.toMatch(/[\r\n]/);
    expect(JSON.parse(value)).toEqual(JSON.parse(sso));
  });

  test("prints secret names, never values", () => {
    const { output } = runFetcher(secrets, ["SECRET_KEY=demo-secret-key"]);
    expect(output).toContain("read SECRET_KEY from secret demo-secret-key");
    expect(output).not.toContain("kkkk");
  });
});
