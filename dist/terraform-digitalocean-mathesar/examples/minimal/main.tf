# Minimal: one apply gives an HTTPS login page at the app's ondigitalocean.app address.
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

module "mathesar" {
  source = "../.."
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
