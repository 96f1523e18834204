/**
 * One table of bad AWS inputs, read by the construct's tests (bad-input.test.ts: the synth-time error) and
 * by the root module's (bad-input-terraform.test.ts: the `validation` error of `terraform plan`). Each case
 * gives the same setting both ways and the words both errors must say, each naming the setting the way its
 * reader knows it (the prop in TypeScript, the variable in Terraform).
 */
import type { MathesarOnAwsProps } from "../../modules/aws";

/** A bad input, as props and as the root module's variables. */
export interface AwsBadInput {
  /** What is wrong. */
  readonly what: string;
  /** The construct's props (a domain is added). */
  readonly props: Partial<MathesarOnAwsProps>;
  /** The root module's variables (domain_name is added). */
  readonly variables: Record<string, unknown>;
  /** How the construct's error starts: `Invalid <prop>`. */
  readonly prop: string;
  /** How Terraform's error starts: `Invalid <variable>`. */
  readonly variable: string;
  /** The words both errors say. */
  readonly because: string;
}

const existingVpc = {
  props: {
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
    privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
  },
  variable: {
    vpc_id: "vpc-0123456789abcdef0",
    vpc_cidr: "10.0.0.0/16",
    public_subnet_ids: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
    private_subnet_ids: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
  },
};
const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-db-AbCdEf";

/** The shared cases: single settings (the settings table's rules) and rules over several (cross-field-rules.ts). */
export const AWS_BAD_INPUTS: readonly AwsBadInput[] = [
  {
    what: "an unknown size",
    props: { size: "xl" as never },
    variables: { size: "xl" },
    prop: 'size "xl"',
    variable: 'size "xl"',
    because: 'must be one of "small", "medium", "large"',
  },
  {
    what: "latest",
    props: { mathesarVersion: "latest" },
    variables: { mathesar_version: "latest" },
    prop: 'mathesarVersion "latest"',
    variable: 'mathesar_version "latest"',
    because: "must be",
  },
  {
    what: "an empty version",
    props: { mathesarVersion: "" },
    variables: { mathesar_version: "" },
    prop: 'mathesarVersion ""',
    variable: 'mathesar_version ""',
    because: "must be",
  },
  {
    what: "PostgreSQL 13",
    props: { database: { managed: { version: 13 } } },
    variables: { database_version: 13 },
    prop: "database.managed.version 13",
    variable: "database_version 13",
    because: "must be a whole number from 14 to 17",
  },
  {
    what: "backups shorter than a week",
    props: { database: { managed: { backupRetentionDays: 3 } } },
    variables: { backup_retention_days: 3 },
    prop: "database.managed.backupRetentionDays 3",
    variable: "backup_retention_days 3",
    because: "must be a whole number from 7 to 35",
  },
  {
    what: "an unsupported log retention",
    props: { logRetentionDays: 42 },
    variables: { log_retention_days: 42 },
    prop: "logRetentionDays 42",
    variable: "log_retention_days 42",
    because: "must be one of CloudWatch's retention values",
  },
  {
    what: "a negative access-log retention",
    props: { accessLogRetentionDays: -1 },
    variables: { access_log_retention_days: -1 },
    prop: "accessLogRetentionDays -1",
    variable: "access_log_retention_days -1",
    because: "must be a whole number from 1 to 3650 days",
  },
  {
    what: "two hyphens in a row in the name",
    props: { name: "math--esar" },
    variables: { name: "math--esar" },
    prop: 'name "math--esar"',
    variable: 'name "math--esar"',
    because: "without two hyphens in a row",
  },
  {
    what: "a VPC CIDR with host bits",
    props: { network: { cidr: "10.0.0.1/16" } },
    variables: { vpc_cidr: "10.0.0.1/16" },
    prop: 'network.cidr "10.0.0.1/16"',
    variable: 'vpc_cidr "10.0.0.1/16"',
    because: "no host bits set",
  },
  {
    what: "an unknown egress",
    props: { network: { egress: "proxy" as never } },
    variables: { egress: "proxy" },
    prop: 'network.egress "proxy"',
    variable: 'egress "proxy"',
    because: 'must be one of "nat_gateway"',
  },
  {
    what: "an empty domain",
    props: { domainName: "" },
    variables: { domain_name: "" },
    prop: 'domainName ""',
    variable: 'domain_name ""',
    because: "must be a lowercase DNS host name",
  },
  {
    what: "an empty name",
    props: { name: "" },
    variables: { name: "" },
    prop: 'name ""',
    variable: 'name ""',
    because: "must be",
  },
  {
    what: "more storage than RDS offers",
    props: { database: { managed: { allocatedStorageGiB: 70000 } } },
    variables: { database_allocated_storage: 70000 },
    prop: "database.managed.allocatedStorageGiB 70000",
    variable: "database_allocated_storage 70000",
    because: "must be a whole number from 20 to 65536 GiB",
  },
  {
    what: "a fractional flow-log retention",
    props: { network: { flowLogRetentionDays: 1.5 } },
    variables: { flow_log_retention_days: 1.5 },
    prop: "network.flowLogRetentionDays 1.5",
    variable: "flow_log_retention_days 1.5",
    because: "must be one of CloudWatch's retention values",
  },
  {
    what: "a malformed allowed CIDR",
    props: { allowedCidrs: ["10.0.0.0"] },
    variables: { allowed_cidrs: ["10.0.0.0"] },
    prop: 'allowedCidrs ["10.0.0.0"]',
    variable: 'allowed_cidrs ["10.0.0.0"]',
    because: "must be a non-empty list of networks, none repeated, each an IPv4 network in CIDR notation",
  },
  {
    what: "an allowed CIDR with host bits",
    props: { allowedCidrs: ["192.168.1.1/24"] },
    variables: { allowed_cidrs: ["192.168.1.1/24"] },
    prop: 'allowedCidrs ["192.168.1.1/24"]',
    variable: 'allowed_cidrs ["192.168.1.1/24"]',
    because: "no host bits set",
  },
  {
    what: "no allowed networks",
    props: { allowedCidrs: [] },
    variables: { allowed_cidrs: [] },
    prop: "allowedCidrs []",
    variable: "allowed_cidrs []",
    because: "must be a non-empty list of networks",
  },
  {
    what: "duplicate allowed networks",
    props: { allowedCidrs: ["10.0.0.0/8", "10.0.0.0/8"] },
    variables: { allowed_cidrs: ["10.0.0.0/8", "10.0.0.0/8"] },
    prop: 'allowedCidrs ["10.0.0.0/8","10.0.0.0/8"]',
    variable: 'allowed_cidrs ["10.0.0.0/8","10.0.0.0/8"]',
    because: "none repeated",
  },
  {
    what: "subnets all in one zone",
    props: { network: { availabilityZones: ["us-east-1a", "us-east-1a"] } },
    variables: { availability_zones: ["us-east-1a", "us-east-1a"] },
    prop: 'network.availabilityZones ["us-east-1a","us-east-1a"]',
    variable: 'availability_zones ["us-east-1a","us-east-1a"]',
    because: "subnets all in one zone defeat high availability",
  },
  {
    what: "a single zone",
    props: { network: { availabilityZones: ["us-east-1a"] } },
    variables: { availability_zones: ["us-east-1a"] },
    prop: 'network.availabilityZones ["us-east-1a"]',
    variable: 'availability_zones ["us-east-1a"]',
    because: "must be a list of 2 to 4 availability zone names",
  },
  {
    what: "five zones",
    props: { network: { availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e"] } },
    variables: { availability_zones: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e"] },
    prop: "network.availabilityZones",
    variable: "availability_zones",
    because: "at most 4 fit the subnet layout",
  },
  // Rules over several settings (cross-field-rules.ts).
  {
    what: "an internal load balancer open to 0.0.0.0/0",
    props: { internal: true, allowedCidrs: ["0.0.0.0/0"] },
    variables: { internal: true, allowed_cidrs: ["0.0.0.0/0"] },
    prop: 'allowedCidrs ["0.0.0.0/0"] with internal true',
    variable: 'allowed_cidrs ["0.0.0.0/0"] with internal true',
    because: "an internal load balancer open to 0.0.0.0/0 admits every connected network",
  },
  {
    what: "VPC endpoints with a Docker Hub image",
    props: { network: { egress: "vpc_endpoints" } },
    variables: { egress: "vpc_endpoints" },
    prop: 'imageRepository with network.egress "vpc_endpoints"',
    variable: 'image_repository with egress "vpc_endpoints"',
    because: "tasks cannot reach Docker Hub, so it must be an ECR repository",
  },
  {
    what: "required SSO without an SSO configuration",
    props: { sso: { configSecretArn: undefined as never, requireSsoLogin: true } },
    variables: { require_sso_login: true },
    prop: "sso.requireSsoLogin true without sso.configSecretArn",
    variable: "require_sso_login true without sso_config_secret_arn",
    because: "Mathesar would keep password login and only log a warning",
  },
  {
    what: "new-VPC settings beside an existing VPC",
    props: { network: { existing: existingVpc.props, cidr: "10.1.0.0/16" } },
    variables: { existing_vpc: existingVpc.variable, vpc_cidr: "10.1.0.0/16" },
    prop: "network.existing with network.cidr, network.availabilityZones, network.egress, network.flowLogRetentionDays",
    variable: "existing_vpc with vpc_cidr, availability_zones, egress, flow_log_retention_days",
    because: "those describe a new VPC and would be ignored",
  },
  {
    what: "a flow-log retention beside an existing VPC",
    props: { network: { existing: existingVpc.props, flowLogRetentionDays: 30 } },
    variables: { existing_vpc: existingVpc.variable, flow_log_retention_days: 30 },
    prop: "network.existing with",
    variable: "existing_vpc with",
    because: "those describe a new VPC and would be ignored",
  },
  {
    what: "an internet-facing load balancer without public subnets",
    props: { network: { existing: { ...existingVpc.props, publicSubnetIds: undefined } } },
    variables: { existing_vpc: { ...existingVpc.variable, public_subnet_ids: null } },
    prop: "network.existing.publicSubnetIds null",
    variable: "existing_vpc.public_subnet_ids null",
    because: "an internet-facing load balancer needs public subnets",
  },
  {
    what: "public subnets beside an internal load balancer",
    props: { internal: true, network: { existing: existingVpc.props } },
    variables: { internal: true, existing_vpc: existingVpc.variable },
    prop: "network.existing.publicSubnetIds with internal true",
    variable: "existing_vpc.public_subnet_ids with internal true",
    because: "an internal load balancer uses the private subnets",
  },
  {
    what: "verify-full to RDS without its CA",
    props: { database: { managed: { sslMode: "verify-full" } } },
    variables: { database_sslmode: "verify-full" },
    prop: 'database.managed.sslMode "verify-full"',
    variable: 'database_sslmode "verify-full"',
    because: "verify-ca or verify-full needs",
  },
  {
    what: "RDS settings beside an existing database",
    props: {
      database: {
        existing: { host: "db.example.org", passwordSecretArn: secret },
        managed: { instanceClass: "db.t4g.small" },
      },
    },
    variables: {
      existing_database: { host: "db.example.org", password_secret_arn: secret },
      database_instance_class: "db.t4g.small",
    },
    prop: "database.existing with database.managed.version, database.managed.instanceClass",
    variable: "existing_database with database_version, database_instance_class",
    because: "those describe the RDS instance created without",
  },
];
