# Air-gapped: images from an internal registry mirror, a certificate from your own CA, no ACME, and your
# PostgreSQL server verified against your CA (sslmode verify-full, PGSSLROOTCERT in the containers).
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

provider "docker" {
  host = "ssh://deploy@docker.internal.example.org"

  registry_auth {
    address     = "registry.example.org:5000"
    config_file = pathexpand("~/.docker/config.json")
  }
}

variable "tls_private_key" {
  description = "PEM key of the certificate; set TF_VAR_tls_private_key from your secret store."
  type        = string
  sensitive   = true
}

variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password from your secret store."
  type        = string
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  domain_name      = "data.internal.example.org"
  mathesar_version = "0.11.0"
  image_repository = "registry.example.org:5000/mirror/mathesar/mathesar"
  postgres_image   = "registry.example.org:5000/mirror/library/postgres:17.6"
  caddy_image      = "registry.example.org:5000/mirror/library/caddy:2.10.2"

  tls             = "files"
  tls_certificate = file("${path.module}/mathesar.crt")
  tls_private_key = var.tls_private_key

  existing_database = {
    host           = "db.internal.example.org"
    sslmode        = "verify-full"
    ca_certificate = file("${path.module}/database-ca.pem")
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
