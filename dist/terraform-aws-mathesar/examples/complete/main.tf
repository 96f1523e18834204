# Complete: new VPC, Route 53 DNS, Multi-AZ database, zone-redundant egress, SSO.
terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { Application = "mathesar" }
  }
}

module "mathesar" {
  source = "../.."

  name             = "mathesar"
  domain_name      = "data.example.org"
  route53_zone_id  = "Z0123456789ABCDEFGHIJ"
  mathesar_version = "0.11.0"
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
