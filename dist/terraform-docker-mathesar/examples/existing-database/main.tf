# Existing database: no PostgreSQL container; prepare the database with docs/existing-database.md.
terraform {
  required_version = ">= 1.9"
  required_providers {
    docker = {
      source  = "kreuzwerker/docker"
      version = ">= 3.6.2, < 4.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.7.2, < 4.0.0"
    }
  }
}

# This machine's Docker. For a remote host: host = "ssh://deploy@docker.example.org".
provider "docker" {
  host = "unix:///var/run/docker.sock"
}

variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password, never write it here."
  type        = string
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  domain_name = "data.example.org"

  existing_database = {
    host          = "db.example.org"
    port          = 5432
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
