# Complete: custom domain with managed TLS, standby database node, SSO, pinned version.
terraform {
  required_version = ">= 1.9"
  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = ">= 2.71.0, < 3.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.7.2, < 4.0.0"
    }
  }
}

# Reads the API token from DIGITALOCEAN_TOKEN.
provider "digitalocean" {}

variable "sso_config" {
  description = "Mathesar SSO configuration JSON; set TF_VAR_sso_config from your secret store."
  type        = string
  default     = null
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  name             = "mathesar-acme"
  region           = "fra1"
  size             = "medium"
  mathesar_version = "0.11.0"

  domain_name = "data.example.org"
  domain_zone = "example.org"

  database_high_availability = true
  deletion_protection        = true

  admin_username = "it-admin"
  admin_email    = "it@example.org"

  sso_config        = var.sso_config
  require_sso_login = false

  tags = {
    client = "acme"
  }
}

output "url" {
  value = module.mathesar.url
}

output "admin_username" {
  value = module.mathesar.admin_username
}

# terraform output -raw admin_password
output "admin_password" {
  value     = module.mathesar.admin_password
  sensitive = true
}

# When your DNS is not at DigitalOcean: CNAME your domain to this host.
output "cname_target" {
  value = module.mathesar.cname_target
}
