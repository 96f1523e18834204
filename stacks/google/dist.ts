/** The published module terraform-google-mathesar, assembled from the module stacks. */
import { GOOGLE_COMMENTS } from "../module-comments";
import { ADMIN_BOOTSTRAP_FILE } from "../published-files";
import { moduleApp, type ModuleBundle } from "../dist/bundle";
import { GOOGLE_EXAMPLES } from "./examples";
import {
  GOOGLE_CLOUD_RUN_BLOCK,
  GOOGLE_DATABASE_BLOCK,
  GOOGLE_EDGE_BLOCK,
  GOOGLE_SETTINGS,
  GOOGLE_NETWORK_BLOCK,
  GOOGLE_SECRETS_BLOCK,
  GOOGLE_VM_BLOCK,
} from "../../modules/google";
import { BlockModule, settingsTable } from "../../modules/terraform/wiring";
import { GoogleRootModule } from "./module";

const USAGE = `
\`\`\`
 users ──HTTPS──▶ global HTTPS load balancer (static IP, managed certificate, TLS 1.2+, HTTP→HTTPS,
                   │                          optional IAP Google sign-in and Cloud Armor)
                   ▼ Cloud Run (ingress: load balancer only, with IAP only IAP's agent may invoke it; one
                   │            container: locked bootstrap → gunicorn;
                   │            uploads in a Cloud Storage volume; secrets from Secret Manager)
                   │ Direct VPC egress, private ranges only
                   ▼ Cloud SQL for PostgreSQL (private IP only, ENCRYPTED_ONLY, backups + PITR, deletion protection)
 runtime = "vm": one Container-Optimized OS VM instead of Cloud Run — behind the same load balancer,
                 or on a static IP with Caddy doing TLS (vm_edge = "caddy")
\`\`\`

Generated secrets (\`SECRET_KEY\`, the admin password, the database password) come from an ephemeral
\`random_password\` and are written through write-only arguments: they are never in Terraform state or plan
files (Terraform ≥ 1.11). The database user and its secret get the same value in one run; if they ever
disagree (an apply that failed between the two), raise \`database_password_version\` and apply. With
\`deletion_protection\` on (the default) a guard refuses \`terraform destroy\`, with an existing database too
(it keeps \`SECRET_KEY\`). Enable the APIs first and see docs/google-cloud.md for roles, costs, upgrades,
backups and how to let students edit data but not schemas.
`;

/** Template variables of the VM's cloud-init whose expressions are more than a variable read. */
const VM_TEMPLATE_NAMES = { admin_username: "var.admin_username", docker_credential_command: "docker-credential-gcr" };

/** Builds the bundle (in its own cdktf App: module stacks are never deployed). */
export function googleModuleBundle(): ModuleBundle {
  const app = moduleApp();
  return {
    directory: "terraform-google-mathesar",
    title: "terraform-google-mathesar",
    body:
      `${USAGE}\n## Variables and their TypeScript props\n\nThe module and the \`MathesarOnGoogleCloud\` ` +
      `construct read the same settings (modules/google/settings.ts); \`labels\` is Google's word for the ` +
      `other targets' \`tags\`:\n\n${settingsTable(GOOGLE_SETTINGS, "MathesarOnGoogleCloud")}\n`,
    root: new GoogleRootModule(app, "google-root"),
    submodules: {
      network: new BlockModule(app, "google-network", GOOGLE_NETWORK_BLOCK),
      secrets: new BlockModule(app, "google-secrets", GOOGLE_SECRETS_BLOCK),
      database: new BlockModule(app, "google-database", GOOGLE_DATABASE_BLOCK),
      "cloud-run": new BlockModule(app, "google-cloud-run", GOOGLE_CLOUD_RUN_BLOCK),
      vm: new BlockModule(app, "google-vm", GOOGLE_VM_BLOCK),
      edge: new BlockModule(app, "google-edge", GOOGLE_EDGE_BLOCK),
    },
    moduleFiles: {
      "modules/cloud-run": { embedded: [ADMIN_BOOTSTRAP_FILE] },
      "modules/vm": {
        embedded: [ADMIN_BOOTSTRAP_FILE],
        templates: [
          {
            at: "locals.mathesar_vm_user_data_caddy",
            path: "templates/user-data-caddy.yaml.tftpl",
            names: VM_TEMPLATE_NAMES,
          },
          {
            at: "locals.mathesar_vm_user_data_load_balancer",
            path: "templates/user-data-load-balancer.yaml.tftpl",
            names: VM_TEMPLATE_NAMES,
          },
        ],
      },
    },
    comments: GOOGLE_COMMENTS,
    examples: GOOGLE_EXAMPLES,
  };
}
