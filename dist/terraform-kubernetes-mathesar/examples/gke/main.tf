# Mathesar on an existing GKE cluster.
terraform {
  required_version = ">= 1.9"
  required_providers {
    helm = {
      source  = "hashicorp/helm"
      version = ">= 3.0.0, < 4.0.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.38.0, < 3.0.0"
    }
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0.0, < 7.0.0"
    }
  }
}

variable "project" {
  type = string
}

variable "location" {
  type = string
}

variable "cluster_name" {
  type = string
}

variable "database_host" {
  description = "Host of the PostgreSQL server holding Mathesar's internal database (prepared with sql/internal-database.sql)."
  type        = string
}

variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password from your secret store."
  type        = string
  sensitive   = true
}

provider "google" {
  project = var.project
}

data "google_client_config" "this" {}

data "google_container_cluster" "this" {
  name     = var.cluster_name
  location = var.location
}

provider "kubernetes" {
  host                   = "https://${data.google_container_cluster.this.endpoint}"
  cluster_ca_certificate = base64decode(data.google_container_cluster.this.master_auth[0].cluster_ca_certificate)
  token                  = data.google_client_config.this.access_token
}

provider "helm" {
  kubernetes = {
    host                   = "https://${data.google_container_cluster.this.endpoint}"
    cluster_ca_certificate = base64decode(data.google_container_cluster.this.master_auth[0].cluster_ca_certificate)
    token                  = data.google_client_config.this.access_token
  }
}

module "mathesar" {
  source = "../.."

  domain_name    = "data.example.org"
  cluster_issuer = "letsencrypt" # a cert-manager ClusterIssuer in the cluster

  existing_database = {
    host = var.database_host
  }
  # The module creates the Secret <name>-database in the namespace it creates, before the chart needs it.
  existing_database_password = var.database_password
  # ingress-nginx (GKE's own Ingress needs health-check settings this module does not set; see docs/kubernetes.md).
  ingress_class_name = "nginx"
}

output "url" {
  value = module.mathesar.url
}

output "admin_password" {
  value = module.mathesar.admin_password_location
}
