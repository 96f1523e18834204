/**
 * The App Platform components that run Mathesar — the web service and the pre-deploy bootstrap job —
 * described once. `MathesarDoApp` hands them to Terraform; `deployTemplateSpec` writes them into the
 * one-click `.do/deploy.template.yaml`. Both therefore pin the same image, start it the same way, check
 * its health the same way and pass secrets the same way.
 */
import {
  ADMIN_ENV,
  DATABASE_ADMIN_ENV,
  LIVENESS_PATH,
  MATHESAR_PORT,
  MATHESAR_WEB_START_SCRIPT,
  MathesarEnvironment,
  STARTUP_GRACE_SECONDS,
  adminBootstrapShellCommand,
  withDatabaseCaFile,
  writeDatabaseCaCommand,
} from "../mathesar";

/** An App Platform environment variable. */
export interface DoEnvVar {
  readonly key: string;
  readonly value: string;
  /** `SECRET` values are stored encrypted by DigitalOcean and hidden in its console. */
  readonly type: "GENERAL" | "SECRET";
  readonly scope: "RUN_TIME";
}

/** An App Platform image reference (Docker Hub): a `tag`, or a `digest` (the app spec refuses both). */
export interface DoImage {
  readonly registryType: "DOCKER_HUB";
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Seconds between health checks. */
export const HEALTH_PERIOD_SECONDS = 10;
/** Seconds before the first check: starting takes at least this long (static files are collected). */
export const HEALTH_INITIAL_DELAY_SECONDS = 60;

/** App Platform env entries: plain values as GENERAL, secrets as SECRET, sorted by key. */
export function toAppEnv(environment: MathesarEnvironment<string>): DoEnvVar[] {
  const entries: DoEnvVar[] = [
    ...Object.entries(environment.plain).map(([key, value]) => ({
      key,
      value,
      type: "GENERAL" as const,
      scope: "RUN_TIME" as const,
    })),
    ...Object.entries(environment.secrets).map(([key, value]) => ({
      key,
      value,
      type: "SECRET" as const,
      scope: "RUN_TIME" as const,
    })),
  ];
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

/** The web service: one instance (uploads live on local disk between two requests), health-checked. */
export function webService(options: {
  image: DoImage;
  instanceSize: string;
  environment: MathesarEnvironment<string>;
  writesDatabaseCa?: boolean;
}) {
  return {
    name: "web",
    image: options.image,
    // The pre-deploy job migrated under a lock: collect static files and serve (-ne), no second unlocked migrate.
    // With the database's CA, its file is written first (PGSSLROOTCERT names it).
    runCommand: `sh -c '${options.writesDatabaseCa ? `${writeDatabaseCaCommand()} && ` : ""}${MATHESAR_WEB_START_SCRIPT}'`,
    httpPort: MATHESAR_PORT,
    instanceCount: 1,
    instanceSizeSlug: options.instanceSize,
    healthCheck: {
      httpPath: LIVENESS_PATH,
      initialDelaySeconds: HEALTH_INITIAL_DELAY_SECONDS,
      periodSeconds: HEALTH_PERIOD_SECONDS,
      timeoutSeconds: 5,
      successThreshold: 1,
      failureThreshold: Math.ceil((STARTUP_GRACE_SECONDS - HEALTH_INITIAL_DELAY_SECONDS) / HEALTH_PERIOD_SECONDS),
    },
    alert: [
      { rule: "RESTART_COUNT", operator: "GREATER_THAN", value: 3, window: "TEN_MINUTES" },
      { rule: "MEM_UTILIZATION", operator: "GREATER_THAN", value: 90, window: "TEN_MINUTES" },
    ],
    env: toAppEnv(options.environment),
  };
}

/** What the bootstrap job needs beyond the web service's environment. */
export interface BootstrapJobSettings {
  /** Username of the first admin; empty to only migrate. */
  readonly adminUsername: string;
  /** E-mail of the first admin. */
  readonly adminEmail: string;
  /** Password of the first admin (secret). */
  readonly adminPassword: string;
  /** The database server's admin role for the grant step; empty to skip it. */
  readonly databaseAdminUser: string;
  /** Its password (secret); empty when skipped. */
  readonly databaseAdminPassword: string;
}

/**
 * The pre-deploy job: runs before every deployment with the same image and environment, grants, migrates
 * and creates the first admin. If it fails, App Platform keeps the previous version live.
 */
export function bootstrapJob(options: {
  image: DoImage;
  instanceSize: string;
  environment: MathesarEnvironment<string>;
  settings: BootstrapJobSettings;
  writesDatabaseCa?: boolean;
}) {
  const { settings } = options;
  return {
    name: "bootstrap",
    kind: "PRE_DEPLOY",
    image: options.image,
    runCommand: options.writesDatabaseCa
      ? withDatabaseCaFile(adminBootstrapShellCommand())
      : adminBootstrapShellCommand(),
    instanceSizeSlug: options.instanceSize,
    instanceCount: 1,
    env: toAppEnv({
      plain: {
        ...options.environment.plain,
        [ADMIN_ENV.username]: settings.adminUsername,
        [ADMIN_ENV.email]: settings.adminEmail,
        [DATABASE_ADMIN_ENV.user]: settings.databaseAdminUser,
      },
      secrets: {
        ...options.environment.secrets,
        [ADMIN_ENV.password]: settings.adminPassword,
        [DATABASE_ADMIN_ENV.password]: settings.databaseAdminPassword,
      },
    }),
  };
}

/** App-level alerts: failed deployments and failed domains reach the team's e-mail. */
export const APP_ALERTS = [{ rule: "DEPLOYMENT_FAILED" }, { rule: "DOMAIN_FAILED" }];
