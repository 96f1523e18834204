# Minimal: a project and a domain; everything else has a safe default.
terraform {
  required_version = ">= 1.11"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.50.0, < 7.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.7.2, < 4.0.0"
    }
  }
}

provider "google" {
  project = "my-lab-project"
  region  = "us-central1"
}

module "mathesar" {
  source = "../.."

  project     = "my-lab-project"
  domain_name = "mathesar.example.org"
}

output "url" {
  value = module.mathesar.url
}

output "admin_username" {
  value = module.mathesar.admin_username
}

# gcloud secrets versions access latest --secret=<this name>
output "admin_password_secret" {
  value = module.mathesar.admin_password_location
}

# Point domain_name at this address (an A record) unless dns_zone creates it.
output "ip_address" {
  value = module.mathesar.ip_address
}

output "logs" {
  value = module.mathesar.logs
}
