# Existing VPC and existing RDS: Mathesar joins your network and your database server.
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
