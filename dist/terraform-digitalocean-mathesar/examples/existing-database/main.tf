# Existing database: Mathesar's internal database lives on your server (prepare it with docs/existing-database.md).
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

variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password, never write it here."
  type        = string
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  region = "nyc3"

  existing_database = {
    host          = "db.example.org"
    port          = 25060
    database_name = "mathesar"
    user          = "mathesar"
    sslmode       = "require"
  }
  existing_database_password = var.database_password
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
