/**
 * The deployable AWS stack: `cdktf deploy aws` with AWS credentials in the environment. Every input has a
 * safe default except the domain, which you set with MATHESAR_DOMAIN_NAME (the placeholder below only lets
 * synthesis run without settings).
 */
import { Construct } from "constructs";
import { LocalBackend, TerraformLocal, TerraformOutput } from "cdktf";
import { DeployableStack } from "../deployable-stack";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CONTRACT_OUTPUTS, MathesarSize } from "../../modules/mathesar";
import { MathesarOnAws, MathesarOnAwsProps } from "../../modules/aws";
import { optionalAttribute } from "../../modules/terraform";
import { AWS_REQUIRED_TERRAFORM } from "./providers";

/** Domain used when MATHESAR_DOMAIN_NAME is not set: synthesis works, a deployment would not validate. */
export const PLACEHOLDER_DOMAIN = "mathesar.example.com";

/** Reads the deployable stack's settings from `MATHESAR_*` environment variables (all optional). */
export function awsPropsFromEnv(env: NodeJS.ProcessEnv = process.env): MathesarOnAwsProps & { region: string } {
  const deletionProtection = env.MATHESAR_DELETION_PROTECTION;

  return {
    region: env.MATHESAR_AWS_REGION ?? "us-east-1",
    name: env.MATHESAR_NAME,
    domainName: env.MATHESAR_DOMAIN_NAME ?? PLACEHOLDER_DOMAIN,
    route53ZoneId: env.MATHESAR_ROUTE53_ZONE_ID,
    mathesarVersion: env.MATHESAR_VERSION,
    size: env.MATHESAR_SIZE as MathesarSize | undefined,
    internal: env.MATHESAR_INTERNAL === "true" ? true : undefined,
    deletionProtection: deletionProtection === undefined ? undefined : deletionProtection !== "false",
    loadBalancerDeletionProtection: deletionProtection === undefined ? undefined : deletionProtection !== "false",
  };
}

/** A root configuration that deploys Mathesar on AWS. */
export class AwsStack extends DeployableStack {
  /** The deployment. */
  public readonly mathesar: MathesarOnAws;

  constructor(scope: Construct, id: string, props: MathesarOnAwsProps & { region?: string }) {
    super(scope, id);
    // Ephemeral resources and write-only arguments keep the generated secrets out of state: Terraform 1.11+.
    this.requireTerraform(AWS_REQUIRED_TERRAFORM);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    const { region, ...mathesarProps } = props;
    new AwsProvider(this, "aws", {
      region: region ?? "us-east-1",
      defaultTags: [{ tags: { Application: "mathesar", ManagedBy: "cdktf", ...(props.tags ?? {}) } }],
    });
    this.mathesar = new MathesarOnAws(this, "Mathesar", mathesarProps);
    if (mathesarProps.domainName === PLACEHOLDER_DOMAIN) {
      // Synthesis works without settings; a plan for the placeholder stops before anything is created,
      // instead of building everything and then waiting an hour for a certificate nobody can validate.
      // Terraform refuses a condition that refers to nothing ("${false}"): compare a local holding the domain.
      new TerraformLocal(this, "domain_name", mathesarProps.domainName).overrideLogicalId("domain_name");
      this.mathesar.edge.loadBalancer.addOverride("lifecycle.precondition", [
        {
          condition: `\${local.domain_name != ${JSON.stringify(PLACEHOLDER_DOMAIN)}}`,
          error_message: `Set MATHESAR_DOMAIN_NAME: ${PLACEHOLDER_DOMAIN} is only a placeholder for synthesis.`,
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
    new TerraformOutput(this, "load_balancer_dns_name", {
      value: this.mathesar.edge.loadBalancer.dnsName,
      description: "DNS name of the load balancer: point domain_name at it when DNS is not in Route 53.",
    });
    new TerraformOutput(this, "certificate_validation", {
      value: optionalAttribute(this.mathesar.edge.certificate, "domain_validation_options"),
      description: "DNS records that validate the certificate when DNS is not in Route 53.",
    });
  }
}
