/**
 * Each platform's generated files, read back with real parsers (JSON, smol-toml, yaml), and seen through
 * the contract: the image a platform builds, the environment and secrets of its web process and of its
 * bootstrap, its health path, and what starts what. Conformance and schema tests read these views.
 */
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { flyFiles, FLY_SECRET_NAMES } from "../../modules/fly";
import { herokuFiles } from "../../modules/heroku";
import type { PlatformProps } from "../../modules/platforms";
import { railwayFiles } from "../../modules/railway";
import { renderFiles } from "../../modules/render";

/** Where a secret comes from: a platform reference or generator (never a literal), or a platform secret store. */
export interface SecretSource {
  readonly name: string;
  /** The raw declaration, for messages and checks. */
  readonly declaration: unknown;
}

/** One platform's deployment, as its files configure it. */
export interface PlatformDeployment {
  readonly platform: string;
  readonly files: Record<string, string>;
  /** The parsed main config. */
  readonly config: Record<string, unknown>;
  /** Path of the Dockerfile the platform builds. */
  readonly dockerfile: string;
  /** Plain variables the platform sets (web process and bootstrap share them on every one of these platforms). */
  readonly plainEnv: Record<string, string>;
  /** Secret variables and how each is declared. */
  readonly secrets: SecretSource[];
  /** True when the database arrives as `DATABASE_URL` (the wrapper splits it). */
  readonly databaseFromUrl: boolean;
  /** The command that runs before new code takes traffic (the bootstrap). */
  readonly bootstrapCommand: string;
  /** The health-check path. */
  readonly healthCheckPath: string;
  /** A start command the platform sets over the image's CMD, if any. */
  readonly startOverride?: unknown;
}

type Json = Record<string, any>;

/** Railway. */
export function railwayDeployment(props: PlatformProps = {}): PlatformDeployment {
  const files = railwayFiles(props);
  const config = JSON.parse(files["deploy/railway/railway.json"]) as Json;
  const template = JSON.parse(files["deploy/railway/template.json"]) as Json;
  const service = template.services[0];
  const secretNames: string[] = service.secretVariables;
  const variables = service.variables as Record<string, string>;
  return {
    platform: "Railway",
    files,
    config,
    dockerfile: files["deploy/railway/Dockerfile"],
    plainEnv: Object.fromEntries(Object.entries(variables).filter(([k]) => !secretNames.includes(k))),
    secrets: secretNames.map((name) => ({ name, declaration: variables[name] })),
    databaseFromUrl: false,
    bootstrapCommand: [config.deploy.preDeployCommand].flat().join(" && "),
    healthCheckPath: config.deploy.healthcheckPath,
    startOverride: config.deploy.startCommand,
  };
}

/** Fly.io. */
export function flyDeployment(props: PlatformProps = {}): PlatformDeployment {
  const files = flyFiles(props);
  const config = parseToml(files["deploy/fly/fly.toml"]) as Json;
  return {
    platform: "Fly.io",
    files,
    config,
    dockerfile: files["deploy/fly/Dockerfile"],
    plainEnv: config.env,
    // fly.toml holds no secret: each comes from `fly secrets` (DATABASE_URL from attach, the rest from secrets.sh).
    secrets: FLY_SECRET_NAMES.map((name) => ({ name, declaration: { flySecret: name } })),
    databaseFromUrl: true,
    bootstrapCommand: config.deploy.release_command,
    healthCheckPath: config.http_service.checks[0].path,
    startOverride: config.processes ?? config.experimental,
  };
}

/** Render. */
export function renderDeployment(props: PlatformProps = {}): PlatformDeployment {
  const files = renderFiles(props);
  const config = parseYaml(files["render.yaml"]) as Json;
  const service = config.services[0];
  const envVars = service.envVars as Json[];
  return {
    platform: "Render",
    files,
    config,
    dockerfile: files["deploy/render/Dockerfile"],
    plainEnv: Object.fromEntries(
      envVars
        .filter((e) => "value" in e || (e.fromDatabase && e.fromDatabase.property !== "password"))
        .map((e) => [e.key, e.value ?? `fromDatabase:${e.fromDatabase.property}`]),
    ),
    secrets: envVars
      .filter((e) => !("value" in e) && !(e.fromDatabase && e.fromDatabase.property !== "password"))
      .map((e) => ({ name: e.key, declaration: e })),
    databaseFromUrl: false,
    bootstrapCommand: service.preDeployCommand,
    healthCheckPath: service.healthCheckPath,
    startOverride: service.dockerCommand,
  };
}

/** Heroku. */
export function herokuDeployment(props: PlatformProps = {}): PlatformDeployment {
  const files = herokuFiles(props);
  const config = JSON.parse(files["app.json"]) as Json;
  const yml = parseYaml(files["heroku.yml"]) as Json;
  const env = config.env as Record<string, Json>;
  return {
    platform: "Heroku",
    files,
    config,
    dockerfile: files["deploy/heroku/Dockerfile"],
    plainEnv: Object.fromEntries(
      Object.entries(env)
        .filter(([, v]) => "value" in v)
        .map(([k, v]) => [k, v.value]),
    ),
    secrets: [
      ...Object.entries(env)
        .filter(([, v]) => !("value" in v))
        .map(([name, declaration]) => ({ name, declaration })),
      // The Heroku Postgres add-on sets DATABASE_URL.
      { name: "DATABASE_URL", declaration: config.addons[0] },
    ],
    databaseFromUrl: true,
    bootstrapCommand: yml.release.command.join(" && "),
    // Heroku has no HTTP health check: the release phase and the router's boot timeout stand in; app.json's
    // success_url is where the button sends the person deploying.
    healthCheckPath: config.success_url,
    startOverride: yml.run,
  };
}

/** Every platform with its default files. */
export const PLATFORMS = [
  { name: "Railway", deploy: railwayDeployment },
  { name: "Fly.io", deploy: flyDeployment },
  { name: "Render", deploy: renderDeployment },
  { name: "Heroku", deploy: herokuDeployment },
] as const;
