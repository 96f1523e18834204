/**
 * What the usage block at the top of each module README shows beyond what the code says: the provider
 * configuration a root module needs, and realistic example values for inputs whose type and validation do not
 * suggest one (ids, ARNs, sizes). A required input without a value here, a derivable validation or a
 * `sensitive` flag stops the README's generation with its name, so a new input cannot ship a usage block that
 * fails when pasted.
 */
import { DEFAULT_MATHESAR_VERSION, MATHESAR_IMAGE_REPOSITORY } from "../../modules/mathesar/image";
import type { ModuleTarget } from "../../modules/project";

/** A target's usage examples. HCL values are expressions as they are written after `name =`. */
export interface TargetUsage {
  /** Provider configuration the root module's usage starts with. */
  readonly providers: string;
  /** Example values by input name, for the root and every submodule of the target. */
  readonly values: Readonly<Record<string, string>>;
  /** Per submodule folder, values that differ there from `values`. @default {} */
  readonly moduleValues?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Optional root inputs the root usage shows too (after the required ones), in this order. @default [] */
  readonly rootOptional?: readonly string[];
  /** A short comment beside a root input's line (what it needs, what it is for). @default {} */
  readonly comments?: Readonly<Record<string, string>>;
  /** The root usage's outputs: name → the module output it passes on. */
  readonly rootOutputs: Readonly<Record<string, string>>;
}

const IMAGE = `"${MATHESAR_IMAGE_REPOSITORY}:${DEFAULT_MATHESAR_VERSION}"`;
const DOMAIN = '"data.example.org"';

const AWS_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret";
const AWS_SUBNETS = '["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]';
const AWS_VPC = '"vpc-0a1b2c3d4e5f67890"';

const GOOGLE_PROJECT_ID = "my-lab-project";
const GOOGLE_PROJECT = `"${GOOGLE_PROJECT_ID}"`;
const DO_VPC = '"2f7c1d36-5a0b-4e8e-9c41-7d8a2b6f0e13"';

/** Usage examples per target. */
export const USAGE_EXAMPLES: Readonly<Record<ModuleTarget, TargetUsage>> = {
  aws: {
    providers: 'provider "aws" {\n  region = "us-east-1"\n}',
    values: {
      domain_name: DOMAIN,
      route53_zone_id: '"Z0123456789ABCDEFGHIJ"',
      availability_zones: '["us-east-1a", "us-east-1b"]',
      allocated_storage_gib: "20",
      instance_class: '"db.t4g.small"',
      subnet_ids: AWS_SUBNETS,
      vpc_id: AWS_VPC,
      vpc_cidr: '"10.0.0.0/16"',
      allowed_cidrs: '["0.0.0.0/0"]',
      admin_password_secret_arn: `"${AWS_ARN}:mathesar-admin-password-AbCdEf"`,
      database_password_secret_arn: `"${AWS_ARN}:mathesar-database-password-GhIjKl"`,
      secret_key_secret_arn: `"${AWS_ARN}:mathesar-secret-key-MnOpQr"`,
      database_host: '"mathesar.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com"',
      load_balancer_security_group_id: '"sg-0a1b2c3d4e5f67890"',
      target_group_arn: '"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/mathesar/0123456789abcdef"',
      cpu: "1024",
      memory_mib: "2048",
      desired_count: "1",
      web_concurrency: "2",
    },
    rootOptional: ["route53_zone_id"],
    comments: { route53_zone_id: "optional: certificate validation and DNS record" },
    rootOutputs: { url: "url", admin_password_secret: "admin_password_location" },
  },
  google: {
    providers: `provider "google" {\n  project = ${GOOGLE_PROJECT}\n  region  = "us-central1"\n}`,
    values: {
      project: GOOGLE_PROJECT,
      domain_name: DOMAIN,
      iap_members: '["group:lab@example.org"]',
      admin_password_secret_id: '"mathesar-admin-password"',
      database_password_secret_id: '"mathesar-database-password"',
      secret_key_secret_id: '"mathesar-secret-key"',
      database_host: '"10.20.0.3"',
      image: IMAGE,
      cpu: "1",
      memory_mib: "2048",
      web_concurrency: "2",
      network_id: `"projects/${GOOGLE_PROJECT_ID}/global/networks/mathesar"`,
      subnetwork_id: `"projects/${GOOGLE_PROJECT_ID}/regions/us-central1/subnetworks/mathesar"`,
      tier: '"db-custom-1-3840"',
      machine_type: '"e2-medium"',
      zone: '"us-central1-a"',
    },
    rootOptional: ["iap_members"],
    comments: { iap_members: "optional: Google sign-in in front of Mathesar" },
    rootOutputs: { url: "url", ip_address: "ip_address", admin_password_secret: "admin_password_location" },
  },
  digitalocean: {
    providers: 'provider "digitalocean" {} # DIGITALOCEAN_TOKEN',
    values: {
      domain_name: DOMAIN,
      domain_zone: '"example.org"',
      vpc_id: DO_VPC,
      app_region: '"nyc"',
      database_host: '"private-mathesar-db-do-user-1234567-0.f.db.ondigitalocean.com"',
      instance_size: '"apps-s-1vcpu-1gb"',
      node_size: '"db-s-1vcpu-1gb"',
      app_id: '"6d1f9b0e-3c2a-4f5b-8e7d-0a9c8b7e6d5f"',
      cluster_id: '"9b2e4c6a-8d0f-4a1b-b3c5-e7f9a1b3c5d7"',
      vpc_ip_range: '"10.10.10.0/24"',
    },
    rootOptional: ["domain_name", "domain_zone"],
    comments: { domain_name: "optional", domain_zone: "optional: DNS at DigitalOcean" },
    rootOutputs: { url: "url", admin_password: "admin_password" },
  },
  docker: {
    providers: 'provider "docker" {\n  host = "ssh://deploy@docker.example.org" # or unix:///var/run/docker.sock\n}',
    values: {
      domain_name: DOMAIN,
      database_host: '"db.example.org"',
      database_name: '"mathesar"',
      database_user: '"mathesar"',
      user: '"mathesar"',
      database_port: "5432",
      database_sslmode: '"require"',
      network_name: '"mathesar-net"',
      sso_config: '"{}"',
      web_concurrency: "2",
    },
    rootOptional: ["domain_name"],
    comments: { domain_name: "DNS pointing at the host, ports 80 and 443 open" },
    rootOutputs: { url: "url", admin_password: "admin_password" },
  },
  kubernetes: {
    providers:
      'provider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n\n' +
      'provider "helm" {\n  kubernetes = {\n    config_path = "~/.kube/config"\n  }\n}',
    values: {
      domain_name: DOMAIN,
      cluster_issuer: '"letsencrypt"',
      existing_database:
        '{\n  host                 = "db.example.org"\n' +
        '  password_secret_name = "mathesar-database" # a Secret in the namespace with the key password\n}',
    },
    rootOptional: ["domain_name", "cluster_issuer", "existing_database"],
    rootOutputs: { url: "url" },
  },
};
