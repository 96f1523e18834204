/** HCL examples shipped in dist/terraform-kubernetes-mathesar/examples: one per managed Kubernetes. */
import type { ModuleExample } from "../dist/bundle";
import { requiredProvidersHcl } from "../shared/example-terraform-block";
import { K8S_MODULE_PROVIDERS } from "./providers";

const providers = (extra: Record<string, { source: string; version: string }>) =>
  requiredProvidersHcl({ ...K8S_MODULE_PROVIDERS, ...extra });

const moduleCall = (extra: string) => `module "mathesar" {
  source = "../.."

  domain_name    = "data.example.org"
  cluster_issuer = "letsencrypt" # a cert-manager ClusterIssuer in the cluster

  existing_database = {
    host = var.database_host
  }
  # The module creates the Secret <name>-database in the namespace it creates, before the chart needs it.
  existing_database_password = var.database_password
${extra}}

output "url" {
  value = module.mathesar.url
}

output "admin_password" {
  value = module.mathesar.admin_password_location
}
`;

const databaseVariable = `variable "database_host" {
  description = "Host of the PostgreSQL server holding Mathesar's internal database (prepared with sql/internal-database.sql)."
  type        = string
}

variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password from your secret store."
  type        = string
  sensitive   = true
}
`;

/** The examples, by folder. */
export const K8S_EXAMPLES: Record<string, ModuleExample> = {
  eks: {
    description: "Amazon EKS with ingress-nginx: providers configured from the cluster, the database on RDS.",
    mainTf: `# Mathesar on an existing EKS cluster.
terraform {
  required_version = ">= 1.9"
  required_providers {
${providers({ aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 6.0.0" } })}
  }
}

variable "cluster_name" {
  type = string
}

${databaseVariable}
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

${moduleCall('  # ingress-nginx (the ALB controller needs annotations this module does not set; see docs/kubernetes.md).\n  ingress_class_name = "nginx"\n')}`,
  },
  gke: {
    description:
      "Google Kubernetes Engine with ingress-nginx: providers configured from the cluster, the database on Cloud SQL (private IP).",
    mainTf: `# Mathesar on an existing GKE cluster.
terraform {
  required_version = ">= 1.9"
  required_providers {
${providers({ google: { source: "hashicorp/google", version: ">= 6.0.0, < 7.0.0" } })}
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

${databaseVariable}
provider "google" {
  project = var.project
}

data "google_client_config" "this" {}

data "google_container_cluster" "this" {
  name     = var.cluster_name
  location = var.location
}

provider "kubernetes" {
  host                   = "https://\${data.google_container_cluster.this.endpoint}"
  cluster_ca_certificate = base64decode(data.google_container_cluster.this.master_auth[0].cluster_ca_certificate)
  token                  = data.google_client_config.this.access_token
}

provider "helm" {
  kubernetes = {
    host                   = "https://\${data.google_container_cluster.this.endpoint}"
    cluster_ca_certificate = base64decode(data.google_container_cluster.this.master_auth[0].cluster_ca_certificate)
    token                  = data.google_client_config.this.access_token
  }
}

${moduleCall(
  "  # ingress-nginx (GKE's own Ingress needs health-check settings this module does not set; see " +
    'docs/kubernetes.md).\n  ingress_class_name = "nginx"\n',
)}`,
  },
  doks: {
    description:
      "DigitalOcean Kubernetes: providers configured from the cluster, the database a DigitalOcean managed " +
      "cluster (e.g. dist/terraform-digitalocean-mathesar/modules/database).",
    mainTf: `# Mathesar on an existing DigitalOcean Kubernetes cluster.
terraform {
  required_version = ">= 1.9"
  required_providers {
${providers({ digitalocean: { source: "digitalocean/digitalocean", version: ">= 2.71.0, < 3.0.0" } })}
  }
}

variable "cluster_name" {
  type = string
}

${databaseVariable}
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

${moduleCall('  ingress_class_name = "nginx"\n')}`,
  },
};
