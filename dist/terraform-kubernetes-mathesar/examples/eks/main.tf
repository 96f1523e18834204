# Mathesar on an existing EKS cluster.
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
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
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

provider "aws" {
  region = "us-east-1"
}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

data "aws_eks_cluster_auth" "this" {
  name = var.cluster_name
}

provider "kubernetes" {
  host                   = data.aws_eks_cluster.this.endpoint
  cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
  token                  = data.aws_eks_cluster_auth.this.token
}

provider "helm" {
  kubernetes = {
    host                   = data.aws_eks_cluster.this.endpoint
    cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
    token                  = data.aws_eks_cluster_auth.this.token
  }
}

module "mathesar" {
  source = "../.."

  domain_name    = "data.example.org"
  cluster_issuer = "letsencrypt" # a cert-manager ClusterIssuer in the cluster

  # The database's password is in this Secret of the namespace (kubectl create secret generic ...).
  existing_database = {
    host                 = var.database_host
    password_secret_name = "mathesar-database"
  }
  ingress_class_name = "alb"
}

output "url" {
  value = module.mathesar.url
}

output "admin_password" {
  value = module.mathesar.admin_password_location
}
