/**
 * "No call home" in the default configuration of every committed bundle: the switches docs/docker.md lists
 * under "What Mathesar sends out" are set. Mathesar's server-side report URLs are overridden by the mounted
 * local.py (run here by a real Python), the proxy's Content-Security-Policy stops the browser's release check,
 * and the headless bootstrap never takes the /complete_installation/ path that turns usage reports on.
 */
import { spawnSync } from "child_process";
import {
  COMMITTED_BUNDLES,
  CONTENT_SECURITY_POLICY,
  LOCAL_SETTINGS_PATH,
  NOWHERE_URL,
  OUTBOUND_URL_SETTINGS,
  composeBundleFiles,
} from "../../modules/compose";
import { ADMIN_BOOTSTRAP_SCRIPT } from "../../modules/mathesar";
import { parseCompose } from "./support";

describe.each(Object.entries(COMMITTED_BUNDLES))("%s sends nothing out by default", (_folder, options) => {
  const files = composeBundleFiles(options);
  const services = parseCompose(files["docker-compose.yml"]).services;

  test("both Mathesar containers mount local.py where production.py imports it", () => {
    for (const name of ["bootstrap", "mathesar"])
      expect(services[name].volumes).toContain(`./mathesar/local.py:${LOCAL_SETTINGS_PATH}:ro`);
    expect(LOCAL_SETTINGS_PATH).toBe("/code/config/settings/local.py");
  });

  test("local.py, run by Python, points every report URL at the loopback discard port", () => {
    const program = `${files["mathesar/local.py"]}\nimport json\nprint(json.dumps({k: v for k, v in dict(globals()).items() if k.isupper()}))\n`;
    const result = spawnSync("python3", ["-c", program], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(
      Object.fromEntries(OUTBOUND_URL_SETTINGS.map((name) => [name, NOWHERE_URL])),
    );
    expect(new URL(NOWHERE_URL).hostname).toBe("127.0.0.1");
  });

  test("the proxy adds connect-src 'self' (the admin page's request to api.github.com is blocked)", () => {
    expect(CONTENT_SECURITY_POLICY).toBe("connect-src 'self'");
    const proxy = files.Caddyfile ?? files["nginx/https.conf.template"];
    expect(proxy).toMatch(/Content-Security-Policy "connect-src 'self'"/);
  });

  test("no environment variable tries to configure the report URLs (production.py would ignore it)", () => {
    for (const service of Object.values(services) as { environment?: Record<string, string> }[])
      for (const name of OUTBOUND_URL_SETTINGS) expect(service.environment?.[name]).toBeUndefined();
  });
});

test("the bootstrap creates the admin directly: it never takes the installation form's analytics path", () => {
  expect(ADMIN_BOOTSTRAP_SCRIPT).toContain("create_superuser(");
  expect(ADMIN_BOOTSTRAP_SCRIPT).not.toMatch(/analytics|InstallationID|complete_installation|usage_stats/);
});
