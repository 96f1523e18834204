/** HCL examples shipped in dist/terraform-digitalocean-mathesar/examples, each a full root configuration. */
import { DEFAULT_MATHESAR_VERSION } from "../../modules/mathesar";
import { MODULE_REQUIRED_TERRAFORM } from "../../modules/terraform";
import type { ModuleExample } from "../dist/bundle";
import { exampleTerraformBlock } from "../shared/example-terraform-block";
import { DO_MODULE_PROVIDERS } from "./providers";

const header = `${exampleTerraformBlock(MODULE_REQUIRED_TERRAFORM, DO_MODULE_PROVIDERS)}
# Reads the API token from DIGITALOCEAN_TOKEN.
provider "digitalocean" {}
`;

const outputs = `
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
`;

/** The examples, by folder. */
export const DO_EXAMPLES: Record<string, ModuleExample> = {
  minimal: {
    description:
      "Everything defaulted: HTTPS at the app's ondigitalocean.app address, a generated admin, no decisions.",
    mainTf: `# Minimal: one apply gives an HTTPS login page at the app's ondigitalocean.app address.
${header}
module "mathesar" {
  source = "../.."
}
${outputs}`,
  },
  complete: {
    description:
      "A custom domain in a DigitalOcean DNS zone, a larger size with a standby database, tags and SSO from a secret.",
    mainTf: `# Complete: custom domain with managed TLS, standby database node, SSO, pinned version.
${header}
variable "sso_config" {
  description = "Mathesar SSO configuration JSON; set TF_VAR_sso_config from your secret store."
  type        = string
  default     = null
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  name             = "mathesar-acme"
  region           = "fra1"
  size             = "medium"
  mathesar_version = "${DEFAULT_MATHESAR_VERSION}"

  domain_name = "data.example.org"
  domain_zone = "example.org"

  database_high_availability = true
  deletion_protection        = true

  admin_username = "it-admin"
  admin_email    = "it@example.org"

  sso_config        = var.sso_config
  require_sso_login = false

  tags = {
    client = "acme"
  }
}
${outputs}`,
  },
  "existing-database": {
    description:
      "Connect to a PostgreSQL server you already run; nothing is created or changed on it beyond Mathesar's own database.",
    mainTf: `# Existing database: Mathesar's internal database lives on your server (prepare it with docs/existing-database.md).
${header}
variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password, never write it here."
  type        = string
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  region = "nyc3"

  existing_database = {
    host          = "db.example.org"
    port          = 25060
    database_name = "mathesar"
    user          = "mathesar"
    sslmode       = "require"
  }
  existing_database_password = var.database_password
}
${outputs}`,
  },
};
