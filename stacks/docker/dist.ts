/** The published module terraform-docker-mathesar, assembled from the module stacks. */
import { DOCKER_COMMENTS } from "../module-comments";
import { ADMIN_BOOTSTRAP_FILE, CADDYFILES, LOCAL_SETTINGS_FILE } from "../published-files";
import { moduleApp, type ModuleBundle } from "../dist/bundle";
import { BlockModule, settingsTable } from "../../modules/terraform/wiring";
import {
  DOCKER_APP_BLOCK,
  DOCKER_DATABASE_BLOCK,
  DOCKER_NETWORK_BLOCK,
  DOCKER_PROXY_BLOCK,
  DOCKER_SECRETS_BLOCK,
} from "../../modules/docker/blocks";
import { DOCKER_SETTINGS } from "../../modules/docker/settings";
import { DOCKER_EXAMPLES } from "./examples";
import { DockerRootModule } from "./module";

const USAGE = `
\`terraform apply\`, then open \`url\` and sign in as \`admin\` with \`terraform output -raw admin_password\`.

\`\`\`
 browser ──HTTPS:443──▶ caddy (pinned; ACME, internal CA or your certificate; HSTS)
                          │  private bridge network <name>-net (nothing else published)
                          ▼
                        mathesar (pinned image; secrets as files; uploads in volume <name>-uploads)
                          ▲ bootstrap (one-shot: locked migrations, first admin)
                          ▼
                        postgres (pinned, pg_isready health check, volume <name>-postgres-data,
                                  never on a host port) — or your own server, sslmode require
\`\`\`

Secrets (SECRET_KEY, passwords, a TLS key) reach the containers as uploaded files that a shell prelude
exports just before the process starts: not in the image, not in the container's environment as Docker
reports it, shown as "(sensitive value)" in plans. They are in Terraform state: keep it private.
\`terraform destroy\` deletes the volumes and the data in them: back them up first (docs/docker.md).
`;

/** Builds the bundle (in its own cdktf App: module stacks are never deployed). */
export function dockerModuleBundle(): ModuleBundle {
  const app = moduleApp();
  const submodules = Object.fromEntries(
    [DOCKER_NETWORK_BLOCK, DOCKER_SECRETS_BLOCK, DOCKER_DATABASE_BLOCK, DOCKER_APP_BLOCK, DOCKER_PROXY_BLOCK].map(
      (spec) => [
        spec.folder,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs of different blocks in one list
        new BlockModule(app, `docker-${spec.folder}`, spec as any),
      ],
    ),
  );
  return {
    directory: "terraform-docker-mathesar",
    title: "terraform-docker-mathesar",
    body:
      `${USAGE}\n## Variables and their TypeScript props\n\nThe module and the \`MathesarOnDockerHost\` ` +
      `construct read the same settings (modules/docker/settings.ts):\n\n${settingsTable(DOCKER_SETTINGS, "MathesarOnDockerHost")}\n`,
    root: new DockerRootModule(app, "docker-root"),
    submodules,
    moduleFiles: {
      "modules/app": { embedded: [ADMIN_BOOTSTRAP_FILE, LOCAL_SETTINGS_FILE] },
      "modules/proxy": { embedded: CADDYFILES },
    },
    comments: DOCKER_COMMENTS,
    examples: DOCKER_EXAMPLES,
  };
}
