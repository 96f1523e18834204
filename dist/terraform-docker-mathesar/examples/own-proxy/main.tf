# Behind your own proxy: proxy https://data.example.org to http://127.0.0.1:8000.
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

  domain_name      = "data.example.org"
  tls              = "none"
  app_port         = 8000
  app_bind_address = "127.0.0.1"
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
