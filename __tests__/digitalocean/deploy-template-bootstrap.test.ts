/**
 * The Deploy-button spec run against the real bootstrap: the pre-deploy job's exact command, with the
 * environment the generated `.do/deploy.template.yaml` gives it (placeholders untouched, or replaced as
 * the docs say), Debian's Django and a stand-in project shaped like Mathesar.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { TEMPLATE_SECRET_PLACEHOLDERS } from "../../modules/digitalocean";
import { renderDeployTemplate } from "../../stacks/digitalocean/deploy-template-file";
import { describeWithTool, hasTool } from "../support/tools";

const DEBIAN_PYTHON = "/usr/bin/python3";
const FIXTURE = path.join(__dirname, "..", "mathesar", "fixtures", "fake-mathesar");
const available = hasTool(DEBIAN_PYTHON, ["-c", "import django, psycopg"]) && fs.existsSync(FIXTURE);

type Env = { key: string; value?: string };
let project: string;
let binDir: string;

/** The job's environment as the template sets it (database bindings pointed at nothing: the checks come first). */
function templateJobEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const spec = parse(renderDeployTemplate()).spec;
  const env: Record<string, string> = {};
  for (const e of [...spec.envs, ...spec.jobs[0].envs] as Env[]) env[e.key] = e.value ?? "";
  return {
    ...env,
    POSTGRES_HOST: "127.0.0.1",
    POSTGRES_PORT: "1",
    POSTGRES_DB: "db",
    POSTGRES_USER: "db",
    POSTGRES_PASSWORD: "unused",
    PATH: `${binDir}:/usr/bin:/bin`,
    ...overrides,
  };
}

function runJob(env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const job = parse(renderDeployTemplate()).spec.jobs[0];
  const result = spawnSync("sh", ["-c", job.run_command], { cwd: project, env, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describeWithTool("Debian's python3-django/psycopg", available, "the Deploy-button spec's placeholders against the real bootstrap", () => {
  beforeAll(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mathesar-"));
    fs.cpSync(FIXTURE, project, { recursive: true });
    binDir = fs.mkdtempSync(path.join(os.tmpdir(), "python-bin-"));
    fs.symlinkSync(DEBIAN_PYTHON, path.join(binDir, "python"));
  });
  afterAll(() => {
    for (const dir of [project, binDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("left as generated, the SECRET_KEY placeholder fails the deployment before anything is written", () => {
    const result = runJob(templateJobEnv());
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/mathesar-bootstrap: SECRET_KEY/);
  });

  test("with a real key but the admin password placeholder, the deployment fails too", () => {
    const result = runJob(templateJobEnv({ SECRET_KEY: "Zq8vR2mLx4Tn7Wb1Kc9Hd3Fg6Js0Ap5Ye8Uo2Ii4Ml7Nk1Bv3Cx9" }));
    expect(TEMPLATE_SECRET_PLACEHOLDERS.DJANGO_SUPERUSER_PASSWORD).toBeTruthy();
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/mathesar-bootstrap: DJANGO_SUPERUSER_PASSWORD/);
  });
});
