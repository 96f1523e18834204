/**
 * The generated SECRET_KEY survives upgrades because the template reads it back with `lookup`; when that
 * Secret is gone while the release's own Helm record is there, an upgrade must stop instead of generating a
 * new key (which would make every saved connection password unreadable). `helm template --dry-run=server
 * --is-upgrade` against a fake API server (__tests__/support/fake-kube-api.ts) runs the chart's lookups for
 * real.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CHART_DIR, FULLNAME, HELM, NAMESPACE, RELEASE, parseManifests } from "../support/helm";
import { FakeSecrets, runAsync, startFakeKubeApi } from "../support/fake-kube-api";
import { describeWithTool } from "../support/tools";
import { DB_HOST } from "./matrix";

const KEY = Buffer.from("k".repeat(10) + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").toString(
  "base64",
);
// The previous revision's Helm record. `helm template --is-upgrade` renders as revision 1 (a real upgrade is
// revision 2 or later), so the previous one is v0 here.
const RECORD = `${NAMESPACE}/sh.helm.release.v1.${RELEASE}.v0`;
const SECRET_KEY_SECRET = `${NAMESPACE}/${FULLNAME}-secret-key`;

async function render(secrets: FakeSecrets, upgrade: boolean) {
  const api = await startFakeKubeApi(secrets);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-upgrade-"));
  const values = path.join(dir, "values.json");
  fs.writeFileSync(values, JSON.stringify({ database: { host: DB_HOST } }));
  try {
    const args = [
      "template",
      RELEASE,
      CHART_DIR,
      "--namespace",
      NAMESPACE,
      "--values",
      values,
      "--dry-run=server",
      "--disable-openapi-validation",
      "--kubeconfig",
      api.kubeconfig,
    ];
    if (upgrade) args.push("--is-upgrade");
    const result = await runAsync(HELM!, args, { ...process.env, HELM_DRIVER: "secret" });
    return { ...result, requests: api.requests };
  } finally {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeWithTool("helm", HELM !== undefined, "SECRET_KEY on upgrade, against a (fake) cluster", () => {
  test("the chart's lookups reach the API server in this mode", async () => {
    const result = await render({ [RECORD]: { release: "eA==" }, [SECRET_KEY_SECRET]: { SECRET_KEY: KEY } }, true);
    expect({ stderr: result.stderr, requests: result.requests }).toEqual({ stderr: "", requests: expect.anything() });
    expect(result.requests).toContain(`GET /api/v1/namespaces/${NAMESPACE}/secrets/${FULLNAME}-secret-key`);
  });

  test("an upgrade keeps the SECRET_KEY it reads back", async () => {
    const result = await render({ [RECORD]: { release: "eA==" }, [SECRET_KEY_SECRET]: { SECRET_KEY: KEY } }, true);
    const secret = parseManifests(result.stdout).find(
      (d) => d.kind === "Secret" && d.metadata.name === `${FULLNAME}-secret-key`,
    )!;
    expect(secret.data.SECRET_KEY).toBe(KEY);
  });

  test("an upgrade that finds the release's record but not the SECRET_KEY Secret stops and says why", async () => {
    const result = await render({ [RECORD]: { release: "eA==" } }, true);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      `refusing to upgrade: the generated SECRET_KEY in Secret ${FULLNAME}-secret-key (namespace ${NAMESPACE}) cannot be read back`,
    );
    expect(result.stderr).toMatch(/restore it from your backup/);
    expect(result.stderr).toMatch(/secretKey\.existingSecret/);
  });

  test("an upgrade without a readable release record (another storage driver) is left alone", async () => {
    expect(await render({}, true)).toMatchObject({ status: 0, stderr: "" });
  });

  test("a first install generates the key (nothing to lose yet)", async () => {
    const result = await render({}, false);
    expect(result.status).toBe(0);
    expect(
      parseManifests(result.stdout).find((d) => d.metadata.name === `${FULLNAME}-secret-key`)?.data.SECRET_KEY,
    ).toMatch(/^[A-Za-z0-9+/=]{80,}$/);
  });
});
