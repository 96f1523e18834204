# Internal only: reachable from the VPC and connected networks, no internet egress at all.
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

  domain_name     = "mathesar.corp.example.org"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  internal        = true
  allowed_cidrs   = ["10.0.0.0/8"]

  egress           = "vpc_endpoints"
  image_repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar"
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
