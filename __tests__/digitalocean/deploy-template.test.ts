import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import {
  ADMIN_BOOTSTRAP_SCRIPT,
  DEFAULT_MATHESAR_VERSION,
  LIVENESS_PATH,
  SECRET_ENV_NAMES,
  writeDatabaseCaCommand,
} from "../../modules/mathesar";
import { DEPLOY_TEMPLATE_PATH, renderDeployTemplate } from "../../stacks/digitalocean/deploy-template-file";
import { TEMPLATE_PROMPTED_SECRETS } from "../../modules/digitalocean";
import { synthDigitalOcean } from "../support/synth";

type Env = { key: string; value?: string; type: string };
const template = () => parse(renderDeployTemplate()).spec;
const envMap = (envs: Env[]) => Object.fromEntries(envs.map((e) => [e.key, e]));

test("the committed .do/deploy.template.yaml is what npm run synth generates", () => {
  const committed = fs.readFileSync(path.join(__dirname, "..", "..", DEPLOY_TEMPLATE_PATH), "utf8");
  expect(committed).toBe(renderDeployTemplate());
});

test("pins the same image tag as the Terraform module, never latest", () => {
  const spec = template();
  for (const component of [...spec.services, ...spec.jobs]) {
    expect(component.image).toEqual({
      registry_type: "DOCKER_HUB",
      registry: "mathesar",
      repository: "mathesar",
      tag: DEFAULT_MATHESAR_VERSION,
    });
  }
});

test("starts, health-checks and bootstraps exactly like the Terraform app", () => {
  const spec = template();
  const terraform = synthDigitalOcean().resource.digitalocean_app.this.spec;
  // The Terraform app's CA step writes nothing without a CA; the one-click app has none and leaves the step out.
  const withoutCaStep = (command: string) =>
    command
      .replace(`${writeDatabaseCaCommand()} && `, "")
      .replace(`sh -c '${writeDatabaseCaCommand()}; exec "$@"' sh `, "");
  expect(spec.services[0].run_command).toBe(withoutCaStep(terraform.service[0].run_command));
  expect(spec.services[0].health_check).toEqual(terraform.service[0].health_check);
  expect(spec.services[0].health_check.http_path).toBe(LIVENESS_PATH);
  expect(spec.jobs[0].run_command).toBe(withoutCaStep(terraform.job[0].run_command));
  expect(spec.jobs[0].kind).toBe("PRE_DEPLOY");
  expect(spec.jobs[0].run_command).toContain(Buffer.from(ADMIN_BOOTSTRAP_SCRIPT).toString("base64"));
});

test("connects to its database with all three POSTGRES_* bindings and sslmode=require", () => {
  const env = envMap(template().envs);
  expect(env.POSTGRES_HOST.value).toBe("${db.HOSTNAME}");
  expect(env.POSTGRES_DB.value).toBe("${db.DATABASE}");
  expect(env.POSTGRES_USER.value).toBe("${db.USERNAME}");
  expect(env.POSTGRES_PASSWORD).toEqual({
    key: "POSTGRES_PASSWORD",
    scope: "RUN_TIME",
    type: "SECRET",
    value: "${db.PASSWORD}",
  });
  expect(env.POSTGRES_SSLMODE.value).toBe("require");
  expect(template().databases).toEqual([{ name: "db", engine: "PG", version: "17", production: false }]);
});

test("asks for SECRET_KEY once (app-wide) and for the admin password, both SECRET and empty: no placeholder text", () => {
  const spec = template();
  const app = envMap(spec.envs);
  const job = envMap(spec.jobs[0].envs);
  // The deploy screen does not require a value: left empty, the bootstrap refuses it (deploy-template-bootstrap.test.ts).
  expect(app.SECRET_KEY).toEqual({ key: "SECRET_KEY", scope: "RUN_TIME", type: "SECRET", value: "" });
  expect(job.DJANGO_SUPERUSER_PASSWORD).toEqual({
    key: "DJANGO_SUPERUSER_PASSWORD",
    scope: "RUN_TIME",
    type: "SECRET",
    value: "",
  });
  expect([...TEMPLATE_PROMPTED_SECRETS]).toEqual(["SECRET_KEY", "DJANGO_SUPERUSER_PASSWORD"]);
  expect(job.SECRET_KEY).toBeUndefined();
  expect(job.DJANGO_SUPERUSER_USERNAME.value).toBe("admin");
});

test("the template and its header carry no placeholder text, and every empty value is a prompted secret", () => {
  const text = renderDeployTemplate();
  expect(text).not.toMatch(/REPLACE|CHANGE-?ME|<[a-z][a-z -]*>/i);
  const spec = template();
  const empty = [...spec.envs, ...spec.jobs[0].envs].filter((e: Env) => e.value === "").map((e: Env) => e.key);
  // MATHESAR_DB_ADMIN_* are empty on purpose too: a dev database needs no grant step.
  expect(
    empty.filter((key: string) => !key.startsWith("MATHESAR_DB_ADMIN_") && key !== "DJANGO_SUPERUSER_EMAIL"),
  ).toEqual([...TEMPLATE_PROMPTED_SECRETS]);
});

test("every secret variable is typed SECRET", () => {
  const spec = template();
  const all: Env[] = [...spec.envs, ...spec.jobs[0].envs];
  for (const env of all.filter((e) => (SECRET_ENV_NAMES as readonly string[]).includes(e.key)))
    expect(env.type).toBe("SECRET");
});

test("ALLOWED_HOSTS is App Platform's own domain binding, unescaped in YAML", () => {
  expect(envMap(template().envs).ALLOWED_HOSTS.value).toBe("${APP_DOMAIN}");
});
