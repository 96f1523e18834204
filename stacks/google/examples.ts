/** HCL examples shipped in dist/terraform-google-mathesar/examples, each a full root configuration. */
import { DEFAULT_MATHESAR_VERSION } from "../../modules/mathesar";
import type { ModuleExample } from "../dist/bundle";
import { exampleTerraformBlock } from "../shared/example-terraform-block";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "./providers";

const header = (comment: string) => `# ${comment}
${exampleTerraformBlock(GOOGLE_REQUIRED_TERRAFORM, GOOGLE_MODULE_PROVIDERS)}
provider "google" {
  project = "my-lab-project"
  region  = "us-central1"
}
`;

const outputs = `
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
`;

/** The examples, by folder. */
export const GOOGLE_EXAMPLES: Record<string, ModuleExample> = {
  minimal: {
    description: "The defaults: Cloud Run, private Cloud SQL, the HTTPS load balancer, Mathesar's own login.",
    mainTf: `${header("Minimal: a project and a domain; everything else has a safe default.")}
module "mathesar" {
  source = "../.."

  project     = "my-lab-project"
  domain_name = "mathesar.example.org"
}
${outputs}`,
  },
  "cloud-run-iap": {
    description:
      "The researcher's setup: Cloud Run behind Google sign-in (IAP) for a lab group, Cloud Armor limited to the campus, DNS in Cloud DNS.",
    mainTf: `${header("Cloud Run with Google sign-in: only the listed members reach Mathesar's login page.")}
module "mathesar" {
  source = "../.."

  project          = "my-lab-project"
  region           = "europe-west4"
  domain_name      = "data.lab.example.edu"
  dns_zone         = "lab-example-edu"
  mathesar_version = "${DEFAULT_MATHESAR_VERSION}"
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
${outputs}`,
  },
  "cloud-run-existing-cloud-sql": {
    description:
      "Your network and the Cloud SQL instance you already run (private IP); its password comes from a Secret Manager secret you name.",
    mainTf: `${header("Existing network and Cloud SQL: Mathesar joins the lab's network and database server.")}
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
${outputs}`,
  },
  vm: {
    description:
      "One Container-Optimized OS VM with Caddy doing TLS on a static IP: the cheapest setup; the VM is " +
      "rebuilt from the newest image whenever its configuration changes.",
    mainTf: `${header("A VM with Caddy: Let's Encrypt certificate, no load balancer.")}
module "mathesar" {
  source = "../.."

  project     = "my-lab-project"
  domain_name = "mathesar.example.org"

  runtime    = "vm"
  vm_edge    = "caddy"
  acme_email = "it@example.org"
  size       = "small"
}
${outputs}`,
  },
};
