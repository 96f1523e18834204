# Existing network and Cloud SQL: Mathesar joins the lab's network and database server.
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
  domain_name = "mathesar.lab.example.edu"

  existing_network = {
    network_id    = "projects/my-lab-project/global/networks/lab-vpc"
    subnetwork_id = "projects/my-lab-project/regions/us-central1/subnetworks/lab-us-central1"
  }

  # Prepare the database and role first (docs/existing-database.md); the private IP of your instance.
  existing_database = {
    host               = "10.20.0.3"
    database_name      = "mathesar"
    user               = "mathesar"
    password_secret_id = "mathesar-db-password"
  }
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
