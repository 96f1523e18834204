/**
 * The deployable Google Cloud stacks: `cdktf deploy google` (Cloud Run) and `cdktf deploy google-vm` (one VM
 * with Caddy), with Application Default Credentials at deploy time (gcloud auth application-default login).
 * Every input has a safe default except the project and the domain, which you set with MATHESAR_GOOGLE_PROJECT
 * and MATHESAR_DOMAIN_NAME (the placeholders below only let synthesis run without settings).
 */
import { Construct } from "constructs";
import { LocalBackend, TerraformLocal, TerraformOutput } from "cdktf";
import { DeployableStack } from "../deployable-stack";
import { GOOGLE_REQUIRED_TERRAFORM } from "./providers";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { CONTRACT_OUTPUTS, MathesarSize } from "../../modules/mathesar";
import {
  DEFAULT_GOOGLE_REGION,
  GoogleRuntime,
  MathesarOnGoogleCloud,
  MathesarOnGoogleCloudProps,
} from "../../modules/google";

/** Project used when MATHESAR_GOOGLE_PROJECT is not set: synthesis works, a plan stops. */
export const PLACEHOLDER_PROJECT = "my-mathesar-project";
/** Domain used when MATHESAR_DOMAIN_NAME is not set. */
export const PLACEHOLDER_DOMAIN = "mathesar.example.com";

/** Reads a deployable stack's settings from `MATHESAR_*` environment variables (all optional). */
export function googlePropsFromEnv(
  runtime: GoogleRuntime,
  env: NodeJS.ProcessEnv = process.env,
): MathesarOnGoogleCloudProps {
  const deletionProtection = env.MATHESAR_DELETION_PROTECTION;
  const iapMembers = env.MATHESAR_IAP_MEMBERS?.split(",")
    .map((m) => m.trim())
    .filter((m) => m !== "");
  return {
    project: env.MATHESAR_GOOGLE_PROJECT ?? PLACEHOLDER_PROJECT,
    region: env.MATHESAR_GOOGLE_REGION,
    name: env.MATHESAR_NAME,
    domainName: env.MATHESAR_DOMAIN_NAME ?? PLACEHOLDER_DOMAIN,
    dnsZone: env.MATHESAR_DNS_ZONE,
    mathesarVersion: env.MATHESAR_VERSION,
    size: env.MATHESAR_SIZE as MathesarSize | undefined,
    runtime,
    vm: runtime === "vm" ? { edge: "caddy", acmeEmail: env.MATHESAR_ACME_EMAIL } : undefined,
    // IAP lives on the load balancer: the VM stack (Caddy) has none, so the setting applies to Cloud Run only.
    iap: runtime === "cloud_run" && iapMembers && iapMembers.length > 0 ? { members: iapMembers } : undefined,
    deletionProtection: deletionProtection === undefined ? undefined : deletionProtection !== "false",
  };
}

/** A root configuration that deploys Mathesar on Google Cloud. */
export class GoogleStack extends DeployableStack {
  /** The deployment. */
  public readonly mathesar: MathesarOnGoogleCloud;

  constructor(scope: Construct, id: string, props: MathesarOnGoogleCloudProps) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    // Ephemeral resources and write-only arguments (secrets kept out of state) need Terraform 1.11.
    this.requireTerraform(GOOGLE_REQUIRED_TERRAFORM);
    new GoogleProvider(this, "google", {
      project: props.project,
      region: props.region ?? DEFAULT_GOOGLE_REGION,
      defaultLabels: { "managed-by": "cdktf" },
    });
    new RandomProvider(this, "random");
    this.mathesar = new MathesarOnGoogleCloud(this, "Mathesar", props);
    if (props.project === PLACEHOLDER_PROJECT || props.domainName === PLACEHOLDER_DOMAIN) {
      // Synthesis works without settings; a plan for the placeholders stops before anything is created.
      // Terraform refuses a condition that refers to nothing ("${false}" fails init): compare locals instead.
      new TerraformLocal(this, "placeholder_settings", {
        project: props.project,
        domain_name: props.domainName,
      }).overrideLogicalId("placeholder_settings");
      this.mathesar.secrets.secretKey.secret.addOverride("lifecycle.precondition", [
        {
          condition:
            `\${local.placeholder_settings.project != ${JSON.stringify(PLACEHOLDER_PROJECT)} && ` +
            `local.placeholder_settings.domain_name != ${JSON.stringify(PLACEHOLDER_DOMAIN)}}`,
          error_message:
            `Set MATHESAR_GOOGLE_PROJECT and MATHESAR_DOMAIN_NAME: ${PLACEHOLDER_PROJECT} and ` +
            `${PLACEHOLDER_DOMAIN} are only placeholders for synthesis.`,
        },
      ]);
    }
    const { outputs } = this.mathesar;
    for (const key of Object.keys(CONTRACT_OUTPUTS) as Array<keyof typeof CONTRACT_OUTPUTS>) {
      new TerraformOutput(this, CONTRACT_OUTPUTS[key].name, {
        value: outputs[key],
        description: CONTRACT_OUTPUTS[key].description,
      });
    }
    new TerraformOutput(this, "ip_address", {
      value: this.mathesar.ipAddress,
      description: "IPv4 address to point domain_name at (an A record) when DNS is not in Cloud DNS.",
    });
  }
}
