import "cdktf/lib/testing/adapters/jest";
import {
  ADMIN_BOOTSTRAP_SCRIPT,
  DEFAULT_MATHESAR_VERSION,
  LIVENESS_PATH,
  STARTUP_GRACE_SECONDS,
  writeDatabaseCaCommand,
} from "../../modules/mathesar";
import { sensitiveVariable, synthDigitalOcean, synthDigitalOceanString, synthDigitalOceanWith } from "../support/synth";

type Env = { key: string; value: string; type: string };
const spec = (config = synthDigitalOcean()) => config.resource.digitalocean_app.this.spec;
const envOf = (entries: Env[]) => Object.fromEntries(entries.map((e) => [e.key, e]));

describe("App Platform service", () => {
  test("runs the pinned Mathesar image from Docker Hub on port 8000", () => {
    const web = spec().service[0];
    expect(web.image).toEqual({
      registry_type: "DOCKER_HUB",
      registry: "mathesar",
      repository: "mathesar",
      tag: DEFAULT_MATHESAR_VERSION,
    });
    expect(web.http_port).toBe(8000);
  });

  test("starts without the image's fallback to a throwaway in-container database", () => {
    // -ne: no -f (throwaway database), and no -s (the pre-deploy job already migrated, under a lock).
    // The CA step first: it writes a file only when MATHESAR_DATABASE_CA_PEM holds a PEM ("none" here).
    expect(spec().service[0].run_command).toBe(
      `sh -c '${writeDatabaseCaCommand()} && python manage.py collectstatic --noinput --clear && exec bash ./bin/mathesar run -ne'`,
    );
  });

  test("sets all three required POSTGRES_* variables and sslmode=require against the managed cluster", () => {
    const env = envOf(spec().service[0].env);
    expect(env.POSTGRES_HOST.value).toBe("${digitalocean_database_cluster.this.private_host}");
    expect(env.POSTGRES_DB.value).toBe("${digitalocean_database_db.mathesar.name}");
    expect(env.POSTGRES_USER.value).toBe("${digitalocean_database_user.mathesar.name}");
    expect(env.POSTGRES_SSLMODE.value).toBe("require");
  });

  test("passes every secret as an encrypted SECRET variable and nothing secret as GENERAL", () => {
    const env = envOf(spec().service[0].env);
    for (const key of ["POSTGRES_PASSWORD", "SECRET_KEY", "SSO_CONFIG_DICT"]) expect(env[key].type).toBe("SECRET");
    expect(env.SECRET_KEY.value).toBe("${random_password.secret_key.result}");
    const general = spec()
      .service[0].env.filter((e: Env) => e.type === "GENERAL")
      .map((e: Env) => e.value);
    expect(general.join(" ")).not.toMatch(/password|secret_key|random_password/);
  });

  test("the web service never receives the database admin's or the first admin's credentials", () => {
    const keys = spec().service[0].env.map((e: Env) => e.key);
    expect(keys).not.toContain("MATHESAR_DB_ADMIN_PASSWORD");
    expect(keys).not.toContain("DJANGO_SUPERUSER_PASSWORD");
  });

  test("health check uses the database-free static path with a grace period covering first-boot work", () => {
    const check = spec().service[0].health_check;
    expect(check.http_path).toBe(LIVENESS_PATH);
    const tolerated = check.initial_delay_seconds + check.failure_threshold * check.period_seconds;
    expect(tolerated).toBeGreaterThanOrEqual(STARTUP_GRACE_SECONDS);
  });

  test("ALLOWED_HOSTS is App Platform's primary-domain binding, escaped from Terraform", () => {
    expect(envOf(spec().service[0].env).ALLOWED_HOSTS.value).toBe("$${APP_DOMAIN}");
  });

  test("WEB_CONCURRENCY follows the size: 3 workers on 1 vCPU, 5 on 2 vCPUs", () => {
    expect(envOf(spec().service[0].env).WEB_CONCURRENCY.value).toBe("3");
    expect(envOf(spec(synthDigitalOcean({ size: "large" })).service[0].env).WEB_CONCURRENCY.value).toBe("5");
  });

  test("alerts on failed deployments, failed domains, restarts and memory", () => {
    const s = spec();
    expect(s.alert.map((a: { rule: string }) => a.rule)).toEqual(["DEPLOYMENT_FAILED", "DOMAIN_FAILED"]);
    expect(s.service[0].alert.map((a: { rule: string }) => a.rule)).toEqual(["RESTART_COUNT", "MEM_UTILIZATION"]);
  });

  test("joins the VPC so the database is reached on its private address", () => {
    expect(spec().vpc).toEqual([{ id: "${digitalocean_vpc.this.id}" }]);
  });
});

describe("pre-deploy bootstrap job", () => {
  const job = () => spec().job[0];

  test("runs before every deployment with the same image", () => {
    expect(job().kind).toBe("PRE_DEPLOY");
    expect(job().image).toEqual(spec().service[0].image);
  });

  test("carries the bootstrap script, base64-encoded on one line", () => {
    const encoded = /b64decode\('([A-Za-z0-9+/=]+)'\)/.exec(job().run_command)?.[1];
    expect(encoded).toBeDefined();
    expect(Buffer.from(encoded!, "base64").toString("utf8")).toBe(ADMIN_BOOTSTRAP_SCRIPT);
    expect(job().run_command).not.toContain("\n");
  });

  test("creates the admin named in props with the generated password as a SECRET", () => {
    const env = envOf(job().env);
    expect(env.DJANGO_SUPERUSER_USERNAME.value).toBe("admin");
    expect(env.DJANGO_SUPERUSER_PASSWORD).toMatchObject({
      type: "SECRET",
      value: "${random_password.admin_password.result}",
    });
    const custom = envOf(
      spec(synthDigitalOcean({ admin: { username: "it-admin", email: "it@example.org" } })).job[0].env,
    );
    expect(custom.DJANGO_SUPERUSER_USERNAME.value).toBe("it-admin");
    expect(custom.DJANGO_SUPERUSER_EMAIL.value).toBe("it@example.org");
  });

  test("with the admin turned off, only migrates (empty username)", () => {
    const env = envOf(spec(synthDigitalOcean({ admin: { enabled: false } })).job[0].env);
    expect(env.DJANGO_SUPERUSER_USERNAME.value).toBe("");
  });

  test("grants Mathesar's role its privileges as the cluster admin, whose password is a SECRET", () => {
    const env = envOf(job().env);
    expect(env.MATHESAR_DB_ADMIN_USER.value).toBe("${digitalocean_database_cluster.this.user}");
    expect(env.MATHESAR_DB_ADMIN_PASSWORD).toMatchObject({
      type: "SECRET",
      value: "${digitalocean_database_cluster.this.password}",
    });
  });
});

describe("custom domain", () => {
  test("is the app's PRIMARY domain, in the given DigitalOcean zone, and allowed by Django", () => {
    const s = spec(synthDigitalOcean({ domainName: "data.example.org", domainZone: "example.org" }));
    expect(s.domain).toEqual([{ name: "data.example.org", type: "PRIMARY", zone: "example.org" }]);
    expect(envOf(s.service[0].env).ALLOWED_HOSTS.value).toBe("data.example.org,$${APP_DOMAIN}");
  });

  test("sets the url output to the domain", () => {
    const config = synthDigitalOcean({ domainName: "data.example.org" });
    expect(config.output.url.value).toBe("https://data.example.org/");
  });

  test("without a domain there is no domain block and the url is the app's live URL", () => {
    const config = synthDigitalOcean();
    expect(spec(config).domain).toBeUndefined();
    expect(config.output.url.value).toBe("${digitalocean_app.this.live_url}");
  });
});

test("an existing installation's SECRET_KEY replaces the generated one", () => {
  const config = synthDigitalOceanWith((stack) => ({ secretKey: sensitiveVariable(stack, "secret_key") }));
  const env = envOf(spec(config).service[0].env);
  expect(env.SECRET_KEY).toMatchObject({
    type: "SECRET",
    value: "${coalesce(var.secret_key, random_password.secret_key.result)}",
  });
  expect(envOf(spec(config).job[0].env).SECRET_KEY.value).toBe(
    "${coalesce(var.secret_key, random_password.secret_key.result)}",
  );
});

describe("single sign-on", () => {
  test("passes the SSO configuration from a sensitive variable as a SECRET", () => {
    const config = synthDigitalOceanWith((stack) => ({
      sso: { configJson: sensitiveVariable(stack, "sso_config"), requireSsoLogin: true },
    }));
    const env = envOf(spec(config).service[0].env);
    expect(env.SSO_CONFIG_DICT).toMatchObject({ type: "SECRET", value: '${coalesce(var.sso_config, "{}")}' });
    expect(env.REQUIRE_SSO_LOGIN.value).toBe("true");
  });

  test("without SSO, SSO_CONFIG_DICT is an empty configuration and SSO is not required", () => {
    const env = envOf(spec().service[0].env);
    expect(env.SSO_CONFIG_DICT.value).toBe("{}");
    expect(env.REQUIRE_SSO_LOGIN.value).toBe("false");
  });
});

test("the cdktf matchers see the same App Platform app", () => {
  expect(synthDigitalOceanString()).toHaveResourceWithProperties({ tfResourceType: "digitalocean_app" } as never, {
    spec: expect.objectContaining({ name: "mathesar", region: "nyc" }),
  });
});
