/** HCL examples shipped in dist/terraform-aws-mathesar/examples, each a full root configuration. */
import { DEFAULT_MATHESAR_VERSION } from "../../modules/mathesar";
import type { ModuleExample } from "../dist/bundle";
import { exampleTerraformBlock } from "../shared/example-terraform-block";
import { AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM } from "./providers";

const header = (comment: string) => `# ${comment}
${exampleTerraformBlock(AWS_REQUIRED_TERRAFORM, AWS_MODULE_PROVIDERS)}
provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { Application = "mathesar" }
  }
}
`;

const outputs = `
output "url" {
  value = module.mathesar.url
}

output "admin_username" {
  value = module.mathesar.admin_username
}

# aws secretsmanager get-secret-value --secret-id <this ARN> --query SecretString --output text
output "admin_password_secret" {
  value = module.mathesar.admin_password_location
}

output "logs" {
  value = module.mathesar.logs
}

# Without a Route 53 zone: CNAME these to validate the certificate, and point domain_name at the load balancer.
output "certificate_validation" {
  value = module.mathesar.certificate_validation
}

output "load_balancer_dns_name" {
  value = module.mathesar.load_balancer_dns_name
}
`;

/** The examples, by folder. */
export const AWS_EXAMPLES: Record<string, ModuleExample> = {
  complete: {
    description:
      "A new VPC with a NAT gateway per zone, a Route 53 zone for the certificate and the record, Multi-AZ RDS, Mathesar's SSO from Secrets Manager.",
    mainTf: `${header("Complete: new VPC, Route 53 DNS, Multi-AZ database, zone-redundant egress, SSO.")}
module "mathesar" {
  source = "../.."

  name             = "mathesar"
  domain_name      = "data.example.org"
  route53_zone_id  = "Z0123456789ABCDEFGHIJ"
  mathesar_version = "${DEFAULT_MATHESAR_VERSION}"
  size             = "medium"

  vpc_cidr           = "10.40.0.0/16"
  availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
  egress             = "nat_gateway_per_az"

  database_high_availability = true
  backup_retention_days      = 14

  admin_username        = "it-admin"
  admin_email           = "it@example.org"
  sso_config_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-sso-AbCdEf"

  # Your KMS key for RDS, Performance Insights, the secrets and the log groups. Its key policy must let
  # CloudWatch Logs use it (docs/aws.md); the access-log bucket stays on SSE-S3.
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
}
${outputs}`,
  },
  "existing-vpc-existing-rds": {
    description:
      "Your VPC and subnets, and an RDS instance you already run; its password comes from a secret you name.",
    mainTf: `${header("Existing VPC and existing RDS: Mathesar joins your network and your database server.")}
module "mathesar" {
  source = "../.."

  domain_name     = "mathesar.internal.example.org"
  route53_zone_id = "Z0123456789ABCDEFGHIJ"

  existing_vpc = {
    vpc_id             = "vpc-0123456789abcdef0"
    vpc_cidr           = "10.0.0.0/16"
    public_subnet_ids  = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    private_subnet_ids = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
  }

  # Prepare the database and role first (docs/existing-database.md).
  existing_database = {
    host                = "prod-db.abcdefghijkl.us-east-1.rds.amazonaws.com"
    database_name       = "mathesar"
    user                = "mathesar"
    password_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-db-AbCdEf"
    password_secret_key = "password"
    security_group_id   = "sg-0123456789abcdef0"
  }
}
${outputs}`,
  },
  internal: {
    description:
      "Private only: an internal load balancer with your certificate, no internet egress (VPC endpoints, " +
      "image mirrored in ECR): no internet gateway, no public subnets.",
    mainTf: `${header("Internal only: reachable from the VPC and connected networks, no internet egress at all.")}
module "mathesar" {
  source = "../.."

  domain_name     = "mathesar.corp.example.org"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  internal        = true
  allowed_cidrs   = ["10.0.0.0/8"]

  egress           = "vpc_endpoints"
  image_repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar"
}
${outputs}`,
  },
};
