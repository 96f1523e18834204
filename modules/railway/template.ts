/**
 * The Railway template (`deploy/railway/template.json`): the services and variables to enter once in
 * Railway's template composer, so that every client project after that is one click. Railway creates
 * templates in its dashboard, not from a file: this file is what the composer must hold, generated from the
 * contract and checked by the tests, and docs/railway.md walks through entering it.
 *
 * Railway facts relied on (Railway's documentation source, github.com/railwayapp/docs commit c2a634f:
 * templates/create.md, variables reference, databases/postgresql.md): `${{Postgres.PGHOST}}` and friends
 * reference the Postgres service's variables (PGHOST is its private-network name); `secret(length?, alphabet?)`
 * makes the template generate a random value once per project (32 characters unless told);
 * `${{RAILWAY_PUBLIC_DOMAIN}}` is the service's own public host name. Railway's Postgres is its SSL-enabled
 * image, so the contract's `require` holds on the private network.
 */
import { CONTRACT_DEFAULTS, MATHESAR_MEDIA_PATH, MATHESAR_PORT, READINESS_PATH, webConcurrency } from "../mathesar";
import { ResolvedPlatformProps, allowedHosts, platformEnvironment, sortedEntries } from "../platforms";
import { PROJECT_REPOSITORY } from "../project";
import { RAILWAY_CONFIG_PATH, RAILWAY_DOCKERFILE_PATH } from "./config";

/** Name of the Postgres service in the template (its variables are referenced as `${{Postgres.X}}`). */
export const RAILWAY_POSTGRES_SERVICE = "Postgres";

/** Length of the generated `SECRET_KEY` (the bootstrap needs 50 or more). */
export const RAILWAY_SECRET_KEY_LENGTH = 64;

/** Length of the generated first-admin password. */
export const RAILWAY_ADMIN_PASSWORD_LENGTH = 32;

/** Railway's sizing we model: a Hobby service is billed by use; 1 vCPU and 1 GB is what we plan for. */
export const RAILWAY_MODEL_MACHINE = { vcpus: 1, memoryMiB: 1024 } as const;

const ref = (service: string, variable: string) => `\${{${service}.${variable}}}`;

/** The template's variables of the Mathesar service: plain and secret, each a value or a Railway reference. */
export function railwayVariables(props: ResolvedPlatformProps): {
  plain: Record<string, string>;
  secrets: Record<string, string>;
} {
  const hosts = allowedHosts(["${{RAILWAY_PUBLIC_DOMAIN}}"], props.domainName);
  // The readiness path checks the Host header: Railway's prober sends healthcheck.railway.app.
  if (props.healthCheckPath === READINESS_PATH) hosts.push("healthcheck.railway.app");
  const env = platformEnvironment<string>({
    database: {
      host: ref(RAILWAY_POSTGRES_SERVICE, "PGHOST"),
      port: ref(RAILWAY_POSTGRES_SERVICE, "PGPORT"),
      name: ref(RAILWAY_POSTGRES_SERVICE, "PGDATABASE"),
      user: ref(RAILWAY_POSTGRES_SERVICE, "PGUSER"),
      password: ref(RAILWAY_POSTGRES_SERVICE, "PGPASSWORD"),
      sslMode: CONTRACT_DEFAULTS.sslMode,
    },
    secretKey: `\${{secret(${RAILWAY_SECRET_KEY_LENGTH})}}`,
    adminPassword: `\${{secret(${RAILWAY_ADMIN_PASSWORD_LENGTH})}}`,
    allowedHosts: hosts,
    webConcurrency: webConcurrency(RAILWAY_MODEL_MACHINE.vcpus, RAILWAY_MODEL_MACHINE.memoryMiB),
    adminUsername: props.adminUsername,
    adminEmail: props.adminEmail,
    // Railway routes the public domain to PORT; the image binds ${PORT}.
    extra: { PORT: String(MATHESAR_PORT), RAILWAY_DOCKERFILE_PATH },
  });
  return {
    plain: Object.fromEntries(sortedEntries(env.plain)),
    secrets: Object.fromEntries(sortedEntries(env.secrets)),
  };
}

/** The template definition. */
export function railwayTemplate(props: ResolvedPlatformProps): Record<string, unknown> {
  const variables = railwayVariables(props);
  return {
    name: "Mathesar",
    services: [
      {
        name: props.name,
        source: {
          repository: PROJECT_REPOSITORY,
          configPath: `/${RAILWAY_CONFIG_PATH}`,
        },
        publicDomain: true,
        region: props.region,
        volume: { mountPath: MATHESAR_MEDIA_PATH },
        variables: { ...variables.plain, ...variables.secrets },
        secretVariables: Object.keys(variables.secrets),
      },
      {
        name: RAILWAY_POSTGRES_SERVICE,
        source: { railwayTemplate: "postgres" },
        publicDomain: false,
      },
    ],
  };
}
