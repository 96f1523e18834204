# Evaluation: Mathesar, its own PostgreSQL container and Caddy with automatic HTTPS on one Docker host.
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

module "mathesar" {
  source = "../.."

  # Point this name's DNS at the host and open ports 80 and 443 to the internet (Let's Encrypt checks them).
  domain_name      = "data.example.org"
  mathesar_version = "0.11.0"
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
