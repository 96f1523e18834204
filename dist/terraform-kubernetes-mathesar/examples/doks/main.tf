# Mathesar on an existing DigitalOcean Kubernetes cluster.
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
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = ">= 2.71.0, < 3.0.0"
    }
  }
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

data "digitalocean_kubernetes_cluster" "this" {
  name = var.cluster_name
}

provider "kubernetes" {
  host                   = data.digitalocean_kubernetes_cluster.this.endpoint
  token                  = data.digitalocean_kubernetes_cluster.this.kube_config[0].token
  cluster_ca_certificate = base64decode(data.digitalocean_kubernetes_cluster.this.kube_config[0].cluster_ca_certificate)
}

provider "helm" {
  kubernetes = {
    host                   = data.digitalocean_kubernetes_cluster.this.endpoint
    token                  = data.digitalocean_kubernetes_cluster.this.kube_config[0].token
    cluster_ca_certificate = base64decode(data.digitalocean_kubernetes_cluster.this.kube_config[0].cluster_ca_certificate)
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
  ingress_class_name         = "nginx"
}

output "url" {
  value = module.mathesar.url
}

output "admin_password" {
  value = module.mathesar.admin_password_location
}
