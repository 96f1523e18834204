/** HCL examples shipped in dist/terraform-docker-mathesar/examples, each a full root configuration. */
import { CADDY_IMAGE } from "../../modules/caddy/caddyfile";
import { POSTGRES_IMAGE } from "../../modules/compose/images";
import { DOCKER_MODULE_PROVIDERS } from "../../modules/docker/module-providers";
import { DEFAULT_MATHESAR_VERSION } from "../../modules/mathesar";
import { MODULE_REQUIRED_TERRAFORM } from "../../modules/terraform";
import type { ModuleExample } from "../dist/bundle";
import { exampleTerraformBlock } from "../shared/example-terraform-block";

const terraformBlock = exampleTerraformBlock(MODULE_REQUIRED_TERRAFORM, DOCKER_MODULE_PROVIDERS);

/** The Docker host: this machine's socket, or a remote one over SSH (your SSH agent's key). */
const localHost = `${terraformBlock}
# This machine's Docker. For a remote host: host = "ssh://deploy@docker.example.org".
provider "docker" {
  host = "unix:///var/run/docker.sock"
}
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
`;

/** Image mirrors of the air-gapped example (Docker Hub paths under an internal registry). */
const MIRROR = "registry.example.org:5000/mirror";
const mirrored = (image: string) => image.replace(/^docker\.io\//, `${MIRROR}/`);

/** The examples, by folder. */
export const DOCKER_EXAMPLES: Record<string, ModuleExample> = {
  evaluation: {
    description:
      "Everything on one host with its own PostgreSQL container: a public host name with a Let's Encrypt certificate, a generated admin.",
    mainTf: `# Evaluation: Mathesar, its own PostgreSQL container and Caddy with automatic HTTPS on one Docker host.
${localHost}
module "mathesar" {
  source = "../.."

  # Point this name's DNS at the host and open ports 80 and 443 to the internet (Let's Encrypt checks them).
  domain_name      = "data.example.org"
  mathesar_version = "${DEFAULT_MATHESAR_VERSION}"
}
${outputs}`,
  },
  "existing-database": {
    description:
      "Mathesar and Caddy on the host, Mathesar's internal database on a PostgreSQL server you already run (TLS required).",
    mainTf: `# Existing database: no PostgreSQL container; prepare the database with docs/existing-database.md.
${localHost}
variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password, never write it here."
  type        = string
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  domain_name = "data.example.org"

  existing_database = {
    host          = "db.example.org"
    port          = 5432
    database_name = "mathesar"
    user          = "mathesar"
    sslmode       = "require"
  }
  existing_database_password = var.database_password
}
${outputs}`,
  },
  "own-proxy": {
    description:
      "No Caddy: Mathesar's plain HTTP on 127.0.0.1:8000 for the HTTPS proxy you already run on the host " +
      "(it must send the Host header and X-Forwarded-Proto https).",
    mainTf: `# Behind your own proxy: proxy https://data.example.org to http://127.0.0.1:8000.
${localHost}
module "mathesar" {
  source = "../.."

  domain_name      = "data.example.org"
  tls              = "none"
  app_port         = 8000
  app_bind_address = "127.0.0.1"
}
${outputs}`,
  },
  "air-gapped": {
    description:
      "A host without internet: every image from your internal registry (pinned tags), your own CA's " +
      "certificate for Caddy, and Mathesar's database on your PostgreSQL server, verified against your CA " +
      "(verify-full).",
    mainTf: `# Air-gapped: images from an internal registry mirror, a certificate from your own CA, no ACME, and your
# PostgreSQL server verified against your CA (sslmode verify-full, PGSSLROOTCERT in the containers).
${terraformBlock}
provider "docker" {
  host = "ssh://deploy@docker.internal.example.org"

  registry_auth {
    address     = "${MIRROR.split("/")[0]}"
    config_file = pathexpand("~/.docker/config.json")
  }
}

variable "tls_private_key" {
  description = "PEM key of the certificate; set TF_VAR_tls_private_key from your secret store."
  type        = string
  sensitive   = true
}

variable "database_password" {
  description = "Password of the mathesar role; set TF_VAR_database_password from your secret store."
  type        = string
  sensitive   = true
}

module "mathesar" {
  source = "../.."

  domain_name      = "data.internal.example.org"
  mathesar_version = "${DEFAULT_MATHESAR_VERSION}"
  image_repository = "${MIRROR}/mathesar/mathesar"
  postgres_image   = "${mirrored(POSTGRES_IMAGE)}"
  caddy_image      = "${mirrored(CADDY_IMAGE)}"

  tls             = "files"
  tls_certificate = file("\${path.module}/mathesar.crt")
  tls_private_key = var.tls_private_key

  existing_database = {
    host           = "db.internal.example.org"
    sslmode        = "verify-full"
    ca_certificate = file("\${path.module}/database-ca.pem")
  }
  existing_database_password = var.database_password
}
${outputs}`,
  },
};
