/** `modules/network` of terraform-aws-mathesar: the VPC block as a module. */
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarAwsNetwork } from "../../../modules/aws";
import { ModuleStack } from "../../../modules/terraform";
import { AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM } from "../providers";
import { AWS_VARIABLES } from "../variables";

/** A VPC with public, private and database subnets, flow logs and a chosen egress. */
export class AwsNetworkModule extends ModuleStack {
  public readonly description =
    "A VPC over two to four availability zones with public, private and database subnet tiers, VPC flow logs, a default security group with no rules, and NAT gateway or VPC endpoint egress.";

  constructor(scope: Construct, id: string) {
    super(scope, id, AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws");
    const vars = this.variables({
      name: AWS_VARIABLES.name,
      cidr: AWS_VARIABLES.vpc_cidr,
      availability_zones: { type: "list(string)", description: "Availability zones (2 to 4, distinct)." },
      egress: AWS_VARIABLES.egress,
      flow_log_retention_days: AWS_VARIABLES.flow_log_retention_days,
      public_tier: {
        type: "bool",
        description:
          "Create the public tier (subnets, internet gateway, route table); false only when nothing faces the internet (internal load balancer, vpc_endpoints egress).",
        default: true,
      },
      kms_key_id: {
        ...AWS_VARIABLES.kms_key_arn,
        description:
          "Customer-managed KMS key (ARN) for the flow-log group (its key policy must allow CloudWatch Logs); null: AWS-managed keys.",
      },
    });
    const network = new MathesarAwsNetwork(this, "Network", {
      name: vars.name.stringValue,
      cidr: vars.cidr.stringValue,
      availabilityZones: vars.availability_zones.listValue,
      zoneCount: Token.asNumber(Fn.lengthOf(vars.availability_zones.listValue)),
      egress: vars.egress.stringValue,
      flowLogRetentionDays: vars.flow_log_retention_days.numberValue,
      publicTier: vars.public_tier.stringValue,
      kmsKeyId: vars.kms_key_id.stringValue,
    });
    this.outputs({
      vpc_id: { value: network.vpc.id, description: "Id of the VPC." },
      vpc_cidr: { value: network.vpc.cidrBlock, description: "CIDR block of the VPC." },
      public_subnet_ids: { value: network.publicSubnetIds, description: "Public subnets (load balancer, NAT)." },
      private_subnet_ids: { value: network.privateSubnetIds, description: "Private subnets (Fargate tasks)." },
      database_subnet_ids: { value: network.databaseSubnetIds, description: "Database subnets (no internet route)." },
    });
  }
}
