/**
 * The "Deploy to DigitalOcean" app spec (`.do/deploy.template.yaml`), built from the same components as
 * the Terraform module so the button and the module cannot drift apart.
 *
 * App specs cannot generate random values. The safest arrangement found: the template declares `SECRET_KEY`
 * and the first admin's password empty, typed `SECRET`, so DigitalOcean's deploy screen shows them for
 * editing and stores what is entered encrypted with the app (never lost on redeploy, never in the
 * repository); the pre-deploy job refuses an empty or short value (a key under 50 characters, a password
 * under 12) before anything is written, so a forgotten or weak secret fails the deployment instead of being
 * used. Left empty rather than holding placeholder text: the refusal is the same, and nothing in the
 * template reads like a value. Not generated and printed by the bootstrap instead: App Platform keeps job
 * logs for everyone with access to the app, and Mathesar without an admin gives the account to whoever
 * comes first.
 * The database is an App Platform dev database (created with the app; the only kind a template can
 * create); docs/digitalocean.md says when to move to the Terraform module's managed cluster.
 */
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  MATHESAR_IMAGE_REPOSITORY,
  buildMathesarEnvironment,
  webConcurrency,
} from "../mathesar";
import { APP_ALERTS, BootstrapJobSettings, DoEnvVar, bootstrapJob, toAppEnv, webService } from "./app-components";
import { APP_DOMAIN_BINDING } from "./app";
import { DO_SIZES } from "./catalog";

/** Name of the database component; its bindable variables are `${db.HOSTNAME}` and so on. */
export const TEMPLATE_DATABASE = "db";

/** An App Platform bindable variable of the template's database, e.g. `${db.HOSTNAME}`. */
const bind = (name: string) => `\${${TEMPLATE_DATABASE}.${name}}`;

/**
 * The secrets the person deploying enters on DigitalOcean's deploy screen. The template leaves them empty;
 * the deploy screen does not require a value (it only offers to edit it), and the pre-deploy job refuses an
 * empty one (shorter than the key's 50 characters and the password's 12), failing the deployment before
 * anything is written.
 */
export const TEMPLATE_PROMPTED_SECRETS = ["SECRET_KEY", "DJANGO_SUPERUSER_PASSWORD"] as const;

/** The app spec as a plain object (snake_case keys, as App Platform reads YAML). */
export function deployTemplateSpec(): Record<string, unknown> {
  const tier = DO_SIZES.small;
  const environment = buildMathesarEnvironment<string>({
    database: {
      host: bind("HOSTNAME"),
      port: bind("PORT"),
      name: bind("DATABASE"),
      user: bind("USERNAME"),
      password: bind("PASSWORD"),
      sslMode: "require",
    },
    secretKey: "",
    // In YAML the binding is written without Terraform's `$$` escape.
    allowedHosts: APP_DOMAIN_BINDING.replace("$$", "$"),
    webConcurrency: webConcurrency(tier.appVcpus, tier.appMemoryMiB),
    ssoConfig: "{}",
  });
  const [registry, repository] = MATHESAR_IMAGE_REPOSITORY.split("/");
  const image = { registryType: "DOCKER_HUB" as const, registry, repository, tag: DEFAULT_MATHESAR_VERSION };
  const components = { image, instanceSize: tier.appInstanceSize, environment };
  const settings: BootstrapJobSettings = {
    adminUsername: CONTRACT_DEFAULTS.adminUsername,
    adminEmail: "",
    adminPassword: "",
    // The dev database's user owns its database: no grant step needed.
    databaseAdminUser: "",
    databaseAdminPassword: "",
  };
  const shared = toAppEnv(environment);
  const sharedKeys = new Set(shared.map((e) => e.key));
  const onlyJob = (env: DoEnvVar[]) => env.filter((e) => !sharedKeys.has(e.key));

  const web = webService(components);
  const job = bootstrapJob({ ...components, settings });
  return {
    spec: {
      name: CONTRACT_DEFAULTS.name,
      // App-wide variables, so the deploy screen asks for SECRET_KEY once for both components.
      envs: shared.map(templateEnv),
      alerts: APP_ALERTS,
      databases: [
        {
          name: TEMPLATE_DATABASE,
          engine: "PG",
          version: String(CONTRACT_DEFAULTS.databaseVersion),
          production: false,
        },
      ],
      services: [{ ...snakeCase(withoutEnv(web)), alerts: web.alert }],
      jobs: [{ ...snakeCase(withoutEnv(job)), envs: onlyJob(job.env).map(templateEnv) }],
    },
  };
}

/** A template env entry: the secrets the user must enter are empty (never a value in the repository). */
function templateEnv(env: DoEnvVar): Record<string, string> {
  const prompted = (TEMPLATE_PROMPTED_SECRETS as readonly string[]).includes(env.key);
  return { key: env.key, scope: env.scope, type: env.type, value: prompted ? "" : env.value };
}

function withoutEnv<T extends { env: unknown; alert?: unknown }>(component: T): Omit<T, "env" | "alert"> {
  const { env: _env, alert: _alert, ...rest } = component;
  return rest;
}

/** Converts camelCase keys (cdktf's) to snake_case (the app spec's), recursively. */
function snakeCase(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return value.map(snakeCase) as unknown as Record<string, unknown>;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
        snakeCase(v),
      ]),
    );
  }
  return value as Record<string, unknown>;
}
