/**
 * The generated platform files: committed as generated, parsed by real parsers, valid against our schemas
 * of each format's documented rules (unknown keys refused; every schema proven able to fail), the
 * cross-field rules the platforms document, and the scripts they carry.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { ADMIN_BOOTSTRAP_SCRIPT, MATHESAR_MEDIA_PATH, secretKeyProblem } from "../../modules/mathesar";
import { FLY_WEB_CONCURRENCY } from "../../modules/fly";
import {
  PLATFORM_BOOTSTRAP_FILE,
  PLATFORM_BOOTSTRAP_PATH,
  PLATFORM_WEB_COMMAND,
  PLATFORM_WEB_SCRIPT,
  PLATFORM_WEB_SCRIPT_PATH,
  START_WRAPPER_PATH,
  START_WRAPPER_SCRIPT,
} from "../../modules/platforms";
import { PROJECT_REPOSITORY_URL } from "../../modules/project";
import { FILE_GENERATORS } from "../../stacks/generated-files";
import { describeWithTool, hasTool } from "../support/tools";
import { flyDeployment, herokuDeployment, railwayDeployment, renderDeployment } from "./platform-files";
import { parse as parseYaml } from "yaml";

const REPO = path.join(__dirname, "..", "..");
const PLATFORM_GENERATORS = FILE_GENERATORS.filter((g) => /Railway|Fly|Render|Heroku/.test(g.name));
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "schemas", name), "utf8"));

/** Our schemas compile in ajv's strict mode; SchemaStore's (vendored, see schemas/vendor/README.md) use annotations strict mode refuses. */
function validator(name: string) {
  const vendored = name.startsWith("vendor/");
  const ajv = vendored
    ? new Ajv({ allErrors: true, strict: false })
    : new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validate = ajv.compile(schema(name));
  return (value: unknown) => {
    const ok = validate(value);
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

test("four platform generators are registered, and every file they write is committed as generated", () => {
  expect(PLATFORM_GENERATORS).toHaveLength(4);
  for (const generator of PLATFORM_GENERATORS) {
    for (const [relative, content] of Object.entries(generator.files())) {
      expect({ relative, committed: fs.readFileSync(path.join(REPO, relative), "utf8") === content }).toEqual({
        relative,
        committed: true,
      });
    }
  }
});

test("package.json names this repository, which every button and template points at", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
  expect(pkg.repository.url).toBe(PROJECT_REPOSITORY_URL);
});

describe("the Dockerfiles", () => {
  const all = [railwayDeployment(), flyDeployment(), renderDeployment(), herokuDeployment()];
  test.each(all.map((d) => [d.platform, d] as const))(
    "%s: embeds exactly the wrapper, the web script and the bootstrap; a CMD of shell-safe words",
    (_p, d) => {
      const embedded = Object.fromEntries(
        [
          ...d.dockerfile.matchAll(
            /pathlib\.Path\('([^']+)'\)\.write_bytes\(base64\.b64decode\('([A-Za-z0-9+/=]+)'\)\)/g,
          ),
        ].map((m) => [m[1], Buffer.from(m[2], "base64").toString("utf8")]),
      );
      expect(embedded).toEqual({
        [START_WRAPPER_PATH]: START_WRAPPER_SCRIPT,
        [PLATFORM_WEB_SCRIPT_PATH]: PLATFORM_WEB_SCRIPT,
        [PLATFORM_BOOTSTRAP_PATH]: PLATFORM_BOOTSTRAP_FILE,
      });
      // Heroku runs a CMD through /bin/sh -c: every word must mean the same joined by spaces.
      const cmd = JSON.parse(/^CMD (.+)$/m.exec(d.dockerfile)![1]) as string[];
      expect(cmd).toEqual([...PLATFORM_WEB_COMMAND]);
      for (const word of cmd) expect(word).toMatch(/^[A-Za-z0-9_./-]+$/);
      expect(PLATFORM_BOOTSTRAP_FILE.endsWith(ADMIN_BOOTSTRAP_SCRIPT)).toBe(true);
      // Both uploads and static files writable without root (Heroku runs containers without it).
      expect(d.dockerfile).toContain(`chmod -R a+rwX /code/static ${MATHESAR_MEDIA_PATH}`);
      expect(d.dockerfile).not.toMatch(/^(COPY|ADD) /m);
    },
  );

  describeWithTool("python3", hasTool("python3"), "the embedded Python", () => {
    test("the wrapper and the bootstrap compile", () => {
      for (const source of [START_WRAPPER_SCRIPT, PLATFORM_BOOTSTRAP_FILE]) {
        const result = spawnSync("python3", ["-c", "import sys; compile(sys.stdin.read(), 'x', 'exec')"], {
          input: source,
          encoding: "utf8",
        });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
      }
    });
  });
});

describe("Railway", () => {
  const d = railwayDeployment();
  const check = validator("railway.schema.json");
  test("railway.json is valid against our schema of the documented config-as-code", () => {
    expect(check(d.config)).toEqual([]);
  });
  test("the schema can fail: an unknown key, a wrong builder and a relative health path are refused", () => {
    const config = d.config as Record<string, any>;
    expect(check({ ...config, deploi: {} })).not.toEqual([]);
    expect(check({ ...config, build: { ...config.build, builder: "DOCKER" } })).not.toEqual([]);
    expect(check({ ...config, deploy: { ...config.deploy, healthcheckPath: "static/x" } })).not.toEqual([]);
  });
  test("the template references Railway's Postgres service by the name it declares, and builds the Dockerfile railway.json names", () => {
    const template = JSON.parse(d.files["deploy/railway/template.json"]);
    const names = template.services.map((s: { name: string }) => s.name);
    const refs = JSON.stringify(template.services[0].variables).match(/\$\{\{([A-Za-z]+)\./g) ?? [];
    for (const ref of refs) expect(names).toContain(ref.slice(3, -1));
    expect(template.services[0].variables.RAILWAY_DOCKERFILE_PATH).toBe((d.config as any).build.dockerfilePath);
    expect(template.services[0].source.configPath).toBe("/deploy/railway/railway.json");
    expect(template.services[0].volume.mountPath).toBe(MATHESAR_MEDIA_PATH);
  });
  test("Railway's generated secrets are long enough for the bootstrap", () => {
    const template = JSON.parse(d.files["deploy/railway/template.json"]);
    expect(Number(/secret\((\d+)\)/.exec(template.services[0].variables.SECRET_KEY)![1])).toBeGreaterThanOrEqual(50);
    expect(
      Number(/secret\((\d+)\)/.exec(template.services[0].variables.DJANGO_SUPERUSER_PASSWORD)![1]),
    ).toBeGreaterThanOrEqual(12);
  });
});

describe("Fly.io", () => {
  const d = flyDeployment();
  const check = validator("fly.schema.json");
  const config = d.config as Record<string, any>;
  test("fly.toml parses as TOML and is valid against our schema of the documented keys", () => {
    expect(check(config)).toEqual([]);
  });
  test("fly.toml is valid against SchemaStore's published fly.toml schema, which can fail too", () => {
    const published = validator("vendor/fly.json");
    // SchemaStore's copy predates [deploy] release_command_timeout, which Fly documents (reference/configuration):
    // that key is the one difference, and the rest must pass.
    expect(published(config)).toEqual(["/deploy must NOT have additional properties"]);
    const { release_command_timeout: timeout, ...deploy } = config.deploy;
    expect(timeout).toBe("15m");
    expect(published({ ...config, deploy })).toEqual([]);
    expect(published({ ...config, http_service: { ...config.http_service, force_https: "yes" } })).not.toEqual([]);
    expect(published({ ...config, deploy: { ...deploy, strategy: "sideways" } })).not.toEqual([]);
    // It admits unknown sections, which ours refuses (next test).
    expect(published({ ...config, deploy, http_services: {} })).toEqual([]);
  });
  test("the schema can fail: an unknown section, an unknown region and a bad duration are refused", () => {
    expect(check({ ...config, http_services: {} })).not.toEqual([]);
    expect(check({ ...config, primary_region: "xyz" })).not.toEqual([]);
    const checks = [{ ...config.http_service.checks[0], grace_period: "5 minutes" }];
    expect(check({ ...config, http_service: { ...config.http_service, checks } })).not.toEqual([]);
  });
  test(
    "documented rules: HTTPS forced, the proxy's port is the one the image binds, uploads on a volume, " +
      "one Machine, concurrency fitted to the workers",
    () => {
      expect(config.http_service.force_https).toBe(true);
      expect(String(config.http_service.internal_port)).toBe(config.env.PORT);
      expect(config.mounts).toEqual([expect.objectContaining({ destination: MATHESAR_MEDIA_PATH })]);
      expect(config.http_service.min_machines_running).toBe(1);
      expect(config.http_service.concurrency.soft_limit).toBe(FLY_WEB_CONCURRENCY);
      expect(String(FLY_WEB_CONCURRENCY)).toBe(config.env.WEB_CONCURRENCY);
      expect(config.http_service.concurrency.hard_limit).toBeGreaterThan(config.http_service.concurrency.soft_limit);
      // Canary and blue-green deploys cannot carry a volume.
      expect(config.deploy.strategy).toBe("rolling");
    },
  );

  describeWithTool("shellcheck", hasTool("shellcheck"), "deploy/fly/secrets.sh", () => {
    test("passes shellcheck", () => {
      const result = spawnSync("shellcheck", ["-"], { input: d.files["deploy/fly/secrets.sh"], encoding: "utf8" });
      expect(result.stdout).toBe("");
      expect(result.status).toBe(0);
    });
  });
  describeWithTool("python3", hasTool("python3"), "deploy/fly/secrets.sh, run", () => {
    test("prints a SECRET_KEY the bootstrap accepts and an admin password, different every time, in `fly secrets import` form", () => {
      const keys = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const result = spawnSync("bash", [path.join(REPO, "deploy/fly/secrets.sh")], { encoding: "utf8" });
        expect(result.status).toBe(0);
        const lines = result.stdout.trim().split("\n");
        expect(lines.map((l) => l.split("=")[0])).toEqual(["SECRET_KEY", "DJANGO_SUPERUSER_PASSWORD"]);
        const key = lines[0].slice("SECRET_KEY=".length);
        expect(secretKeyProblem(key)).toBeUndefined();
        expect(key).toHaveLength(64);
        expect(lines[1].length - "DJANGO_SUPERUSER_PASSWORD=".length).toBeGreaterThanOrEqual(12);
        keys.add(key);
      }
      expect(keys.size).toBe(5);
    });
  });

  test("the deploy workflow is valid against SchemaStore's GitHub workflow schema, which can fail too", () => {
    const workflow = parseYaml(d.files[".github/workflows/fly-deploy.yml"]);
    const published = validator("vendor/github-workflow.json");
    expect(published(workflow)).toEqual([]);
    expect(published({ ...workflow, jobz: {} })).not.toEqual([]);
    expect(published({ ...workflow, on: { push: { tags: "fly-v*" } } })).not.toEqual([]);
  });
  test("the deploy workflow runs only on manual dispatch or a fly-v* tag, never on a branch push", () => {
    const workflow = parseYaml(d.files[".github/workflows/fly-deploy.yml"]);
    expect(Object.keys(workflow.on).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(workflow.on.push).toEqual({ tags: ["fly-v*"] });
    expect(workflow.permissions).toEqual({ contents: "read" });
    const run = workflow.jobs.deploy.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    // Inputs reach the shell through the environment, never spliced into the script.
    expect(run).not.toContain("${{");
    expect(workflow.jobs.deploy.env.FLY_API_TOKEN).toBe("${{ secrets.FLY_API_TOKEN }}");
    const shell = spawnSync("bash", ["-n"], { input: run, encoding: "utf8" });
    expect(shell.status).toBe(0);
  });
});

describe("Render", () => {
  const d = renderDeployment();
  const check = validator("render.schema.json");
  const config = d.config as Record<string, any>;
  test("render.yaml parses as YAML and is valid against our schema of the documented Blueprint", () => {
    expect(check(config)).toEqual([]);
  });
  test("the schema can fail: an unknown key, an unknown fromDatabase property and a secret with a literal beside generateValue", () => {
    expect(check({ ...config, service: [] })).not.toEqual([]);
    const service = config.services[0];
    const bad = (envVars: unknown[]) => check({ ...config, services: [{ ...service, envVars }] });
    expect(bad([{ key: "X", fromDatabase: { name: "db", property: "hostname" } }])).not.toEqual([]);
    expect(bad([{ key: "SECRET_KEY_1", generateValue: true, value: "literal" }])).not.toEqual([]);
  });
  test(
    "documented rules: every fromDatabase names a declared database; a disk means one instance; " +
      "preDeployCommand needs a paid plan; the database is closed to the internet",
    () => {
      const databases = config.databases.map((db: { name: string }) => db.name);
      for (const e of config.services[0].envVars) if (e.fromDatabase) expect(databases).toContain(e.fromDatabase.name);
      expect(config.services[0].numInstances).toBe(1);
      expect(config.services[0].plan).not.toBe("free");
      expect(config.databases[0].ipAllowList).toEqual([]);
      expect(config.services[0].dockerfilePath).toBe("./deploy/render/Dockerfile");
      // No `repo`: the service builds from the repository that holds the Blueprint, so a fork builds its own files.
      expect(config.services[0]).not.toHaveProperty("repo");
    },
  );
});

describe("Heroku", () => {
  const d = herokuDeployment();
  const checkApp = validator("heroku-app.schema.json");
  const checkYml = validator("heroku-yml.schema.json");
  const config = d.config as Record<string, any>;
  const yml = parseYaml(d.files["heroku.yml"]);
  test("app.json and heroku.yml are valid against our schemas of the documented formats", () => {
    expect(checkApp(config)).toEqual([]);
    expect(checkYml(yml)).toEqual([]);
  });
  test("the schemas can fail: an unknown key, a value beside a generator, a release without a command", () => {
    expect(checkApp({ ...config, adons: [] })).not.toEqual([]);
    expect(checkApp({ ...config, env: { SECRET_KEY: { generator: "secret", value: "x" } } })).not.toEqual([]);
    expect(checkYml({ ...yml, release: { image: "web" } })).not.toEqual([]);
  });
  test("documented rules: the container stack, the release image is a built one, the formation runs what is built, Postgres as DATABASE", () => {
    expect(config.stack).toBe("container");
    expect(Object.keys(yml.build.docker)).toContain(yml.release.image);
    for (const process of Object.keys(config.formation)) expect(Object.keys(yml.build.docker)).toContain(process);
    expect(config.formation.web.quantity).toBe(1);
    expect(config.addons).toEqual([{ plan: "heroku-postgresql:essential-0", as: "DATABASE" }]);
    expect(yml.build.docker.web).toBe("deploy/heroku/Dockerfile");
    expect(config.env.GUNICORN_CMD_ARGS.value).toMatch(/--timeout 30\b/);
  });
});
