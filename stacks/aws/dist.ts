/** The published module terraform-aws-mathesar, assembled from the module stacks. */
import { AWS_COMMENTS } from "../module-comments";
import { ADMIN_BOOTSTRAP_FILE } from "../published-files";
import { moduleApp, type ModuleBundle } from "../dist/bundle";
import { AWS_EXAMPLES } from "./examples";
import {
  AWS_DATABASE_BLOCK,
  AWS_EDGE_BLOCK,
  AWS_NETWORK_BLOCK,
  AWS_SECRETS_BLOCK,
  AWS_SERVICE_BLOCK,
} from "../../modules/aws";
import { AWS_SETTINGS } from "../../modules/aws/settings";
import { BlockModule } from "../../modules/terraform/wiring";
import { AwsRootModule } from "./module";

const USAGE = `
\`\`\`
 users ──HTTPS──▶ ALB (public subnets; TLS 1.2+, HTTP→HTTPS, only domain_name forwarded, access logs)
                    │ :8000
                    ▼ ECS Fargate (private subnets, no public IP)
                      task = bootstrap container (checks, role + grants, locked migrations, first admin)
                             → web container (read-only root, secrets from Secrets Manager)
                    │ :5432, TLS forced
                    ▼ RDS PostgreSQL (database subnets, encrypted, backups, deletion protection)
 egress: NAT gateway(s) or VPC endpoints · VPC flow logs · Container Insights · logs with retention
\`\`\`

Deletion protection (on by default; \`null\` means on) covers RDS, the load balancer and a guard that refuses
\`terraform destroy\` of the deployment, the \`SECRET_KEY\` secret included, with an existing database too.
\`kms_key_arn\` puts RDS, Performance Insights, the secrets and the log groups under your KMS key (its policy
must allow CloudWatch Logs; access logs stay SSE-S3). Bad inputs, ARNs and zones from another region are
refused at plan. Only the \`aws\` provider and Terraform built-ins are used. Generated secrets (\`SECRET_KEY\`, the admin
password, the database passwords) are created by Secrets Manager during apply and written through
write-only arguments: they are never in Terraform state or plan files. See docs/aws.md for IAM
permissions, costs, upgrades and backups.
`;

/** Each root variable beside the `MathesarOnAws` prop it sets (one table, generated from the settings). */
export const AWS_SETTINGS_TABLE = `
### Variables and construct props

The same settings as the TypeScript construct \`MathesarOnAws\`, by name:

| Variable | \`MathesarOnAws\` prop |
| --- | --- |
${Object.entries(AWS_SETTINGS)
  .map(([name, setting]) => `| \`${name}\` | \`${setting.prop}\` |`)
  .join("\n")}
`;

/** Builds the bundle (in its own cdktf App: module stacks are never deployed). */
export function awsModuleBundle(): ModuleBundle {
  const app = moduleApp();
  return {
    directory: "terraform-aws-mathesar",
    title: "terraform-aws-mathesar",
    body: `${USAGE}${AWS_SETTINGS_TABLE}`,
    root: new AwsRootModule(app, "aws-root"),
    submodules: {
      [AWS_NETWORK_BLOCK.folder]: new BlockModule(app, "aws-network", AWS_NETWORK_BLOCK),
      [AWS_SECRETS_BLOCK.folder]: new BlockModule(app, "aws-secrets", AWS_SECRETS_BLOCK),
      [AWS_DATABASE_BLOCK.folder]: new BlockModule(app, "aws-database", AWS_DATABASE_BLOCK),
      [AWS_EDGE_BLOCK.folder]: new BlockModule(app, "aws-edge", AWS_EDGE_BLOCK),
      [AWS_SERVICE_BLOCK.folder]: new BlockModule(app, "aws-service", AWS_SERVICE_BLOCK),
    },
    moduleFiles: {
      "modules/service": { embedded: [ADMIN_BOOTSTRAP_FILE] },
    },
    comments: AWS_COMMENTS,
    examples: AWS_EXAMPLES,
  };
}
