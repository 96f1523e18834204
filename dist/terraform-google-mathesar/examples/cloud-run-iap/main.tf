# Cloud Run with Google sign-in: only the listed members reach Mathesar's login page.
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

  project          = "my-lab-project"
  region           = "europe-west4"
  domain_name      = "data.lab.example.edu"
  dns_zone         = "lab-example-edu"
  mathesar_version = "0.11.0"
  size             = "small"

  # Students and staff sign in with their Google accounts first; Mathesar's own login follows.
  # Cloud Run then admits only IAP's service agent. In a project that never used IAP, create that agent once:
  # gcloud beta services identity create --service=iap.googleapis.com --project=my-lab-project
  iap_members = [
    "group:lab-members@example.edu",
    "user:professor@example.edu",
  ]

  cloud_armor_enabled           = true
  cloud_armor_allowed_ip_ranges = ["192.0.2.0/24", "198.51.100.0/24"]

  admin_username = "professor"
  admin_email    = "professor@example.edu"
  labels         = { team = "lab" }
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
