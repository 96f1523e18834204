/**
 * The Render Blueprint (`render.yaml`). Render facts relied on (render.com/docs/blueprint-spec,
 * /docs/web-services, /docs/disks, /docs/postgresql-creating-connecting; the `fromDatabase` properties and the
 * internal/external TLS rules also checked in Render's own skills repository, github.com/render-oss/skills
 * commit 3f2aa30, render-blueprints/references/wiring-patterns.md and render-postgres/references/connection-guide.md):
 * - the Deploy to Render button reads `render.yaml` at the repository root, so this one file lives there;
 *   without a `repo` field a service builds from the repository that holds the Blueprint, so a fork (another
 *   version, region or name, regenerated there) builds its own Dockerfile, not this repository's;
 * - `fromDatabase` hands over `host`, `port`, `database`, `user` and `password` separately: Mathesar's
 *   `POSTGRES_*` are set directly, no `DATABASE_URL` needed. The host is the internal (private network)
 *   one, and the direct server, not the PgBouncer pool (`connectionPoolString` pools per transaction, which
 *   breaks the bootstrap's session advisory lock); `ipAllowList: []` closes the database to the internet. Render requires TLS on the external URL
 *   and does not require it internally; the server offers it on both, so the contract's `require` holds
 *   (modelled from Render's docs, not yet tried on Render);
 * - `generateValue: true` makes a random base64 value of 256 bits, 44 characters: shorter than the
 *   50 characters the bootstrap demands of `SECRET_KEY`, so the key is two generated halves that the start
 *   wrapper joins (512 bits);
 * - Render's proxy terminates TLS, redirects HTTP, keeps the Host header and sets `X-Forwarded-Proto`;
 *   it routes to the port in `PORT` (Render's default is 10000; we set 8000, which the image binds);
 * - a web service's host name is `<name>.onrender.com` unless taken: the wrapper adds the real one from
 *   `RENDER_EXTERNAL_HOSTNAME` at start;
 * - requests may run up to 100 minutes: gunicorn's own timeout (the contract's) is the shorter limit;
 * - the filesystem is ephemeral; the disk at /code/.media keeps uploads. A service with a disk runs one
 *   instance and its deploys have a short downtime;
 * - `preDeployCommand` runs after the build, before the new version starts, with the service's variables
 *   (paid instance types only): the locked bootstrap runs there.
 */
import { CONTRACT_DEFAULTS, MATHESAR_MEDIA_PATH, MATHESAR_PORT, webConcurrency } from "../mathesar";
import {
  ALLOWED_HOSTS_FROM_ENV,
  PLATFORM_BOOTSTRAP_COMMAND,
  ResolvedPlatformProps,
  allowedHosts,
  platformEnvironment,
  sortedEntries,
} from "../platforms";
import { RENDER_PLANS } from "./inputs";

/** Where the Dockerfile the Blueprint builds lives. */
export const RENDER_DOCKERFILE_PATH = "deploy/render/Dockerfile";

/** Render env var entry. */
export type RenderEnvVar =
  | { key: string; value: string }
  | { key: string; generateValue: true }
  | { key: string; fromDatabase: { name: string; property: string } };

/** The Blueprint object. */
export function renderBlueprint(props: ResolvedPlatformProps): Record<string, unknown> {
  const database = `${props.name}-db`;
  const fromDb = (property: string) => ({ fromDatabase: { name: database, property } });
  type Source = ReturnType<typeof fromDb> | { generateValue: true };
  const generated: Source = { generateValue: true };
  const env = platformEnvironment<Source>({
    database: {
      host: "fromDatabase:host",
      port: "fromDatabase:port",
      name: "fromDatabase:database",
      user: "fromDatabase:user",
      password: fromDb("password"),
      sslMode: CONTRACT_DEFAULTS.sslMode,
    },
    secretKey: { halves: [generated, generated] },
    adminPassword: generated,
    allowedHosts: allowedHosts([`${props.name}.onrender.com`], props.domainName),
    webConcurrency: webConcurrency(RENDER_PLANS.webVcpus, RENDER_PLANS.webMemoryMiB),
    adminUsername: props.adminUsername,
    adminEmail: props.adminEmail,
    extra: { PORT: String(MATHESAR_PORT), [ALLOWED_HOSTS_FROM_ENV]: "{RENDER_EXTERNAL_HOSTNAME}" },
  });
  const envVars: RenderEnvVar[] = [
    ...sortedEntries(env.plain).map(([key, value]) =>
      value.startsWith("fromDatabase:") ? { key, ...fromDb(value.slice("fromDatabase:".length)) } : { key, value },
    ),
    ...sortedEntries(env.secrets).map(([key, source]) => ({ key, ...source })),
  ];
  return {
    services: [
      {
        type: "web",
        name: props.name,
        runtime: "docker",
        dockerfilePath: `./${RENDER_DOCKERFILE_PATH}`,
        dockerContext: "./deploy/render",
        plan: RENDER_PLANS.web,
        region: props.region,
        numInstances: 1,
        healthCheckPath: props.healthCheckPath,
        preDeployCommand: PLATFORM_BOOTSTRAP_COMMAND.join(" "),
        disk: { name: `${props.name}-media`, mountPath: MATHESAR_MEDIA_PATH, sizeGB: RENDER_PLANS.diskGB },
        envVars,
      },
    ],
    databases: [
      {
        name: database,
        databaseName: CONTRACT_DEFAULTS.databaseName,
        user: CONTRACT_DEFAULTS.databaseUser,
        plan: RENDER_PLANS.database,
        region: props.region,
        postgresMajorVersion: String(CONTRACT_DEFAULTS.databaseVersion),
        ipAllowList: [],
      },
    ],
  };
}
