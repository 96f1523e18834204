/** The published module terraform-digitalocean-mathesar, assembled from the module stacks. */
import { DIGITALOCEAN_COMMENTS } from "../module-comments";
import { ADMIN_BOOTSTRAP_FILE } from "../published-files";
import { moduleApp, type ModuleBundle } from "../dist/bundle";
import { DO_EXAMPLES } from "./examples";
import { DoRootModule } from "./module";
import { BlockModule, settingsTable } from "../../modules/terraform/wiring";
import { DO_SETTINGS } from "../../modules/digitalocean/settings";
import {
  DO_APP_BLOCK,
  DO_DATABASE_BLOCK,
  DO_DATABASE_FIREWALL_BLOCK,
  DO_NETWORK_BLOCK,
  DO_SECRETS_BLOCK,
} from "../../modules/digitalocean/blocks";

const USAGE = `
\`terraform apply\`, then open \`url\` and sign in as \`admin\` with \`terraform output -raw admin_password\`.

\`\`\`
 browser ──HTTPS──▶ App Platform (managed TLS, ${"`"}ondigitalocean.app${"`"} or your domain)
                     │  pre-deploy job: grants, migrations, first admin
                     │  service "web": mathesar/mathesar:<pinned>, port 8000
                     │  secrets as encrypted SECRET variables
                     ▼  VPC (private)
                    Managed PostgreSQL (firewall: this app and this VPC; sslmode=require;
                                        daily backups, 7-day point-in-time recovery)
\`\`\`

Deletion protection is on: \`terraform destroy\` refuses to delete the database and the SECRET_KEY (with
\`existing_database\` too) until you set \`deletion_protection = false\` and apply. Every plan shows the app's
SECRET values as changed (the provider keeps DigitalOcean's encrypted form); \`ignore_env_changes\` stops that,
at the cost explained in its description. See docs/digitalocean.md in the repository for costs, the
post-apply firewall check, upgrades and backups.
`;

/** Builds the bundle (in its own cdktf App: module stacks are never deployed). */
export function digitalOceanModuleBundle(): ModuleBundle {
  const app = moduleApp();
  const submodules = Object.fromEntries(
    [DO_NETWORK_BLOCK, DO_SECRETS_BLOCK, DO_DATABASE_BLOCK, DO_APP_BLOCK, DO_DATABASE_FIREWALL_BLOCK].map((spec) => [
      spec.folder,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs of different blocks in one list
      new BlockModule(app, `do-${spec.folder}`, spec as any),
    ]),
  );
  return {
    directory: "terraform-digitalocean-mathesar",
    title: "terraform-digitalocean-mathesar",
    body:
      `${USAGE}\n## Variables and their TypeScript props\n\nThe module and the \`MathesarOnDigitalOcean\` ` +
      `construct read the same settings (modules/digitalocean/settings.ts):\n\n${settingsTable(DO_SETTINGS, "MathesarOnDigitalOcean")}\n`,
    root: new DoRootModule(app, "do-root"),
    submodules,
    moduleFiles: {
      "modules/app": { embedded: [ADMIN_BOOTSTRAP_FILE] },
    },
    comments: DIGITALOCEAN_COMMENTS,
    examples: DO_EXAMPLES,
  };
}
