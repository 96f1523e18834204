/**
 * One table of bad inputs for both flavours of the DigitalOcean target: the construct must throw each
 * message at synth time and `terraform plan` of the root module must refuse with the same words, each
 * setting named the way its reader knows it (the prop in TypeScript, the variable in Terraform, mapped by
 * the settings table). A case that only one flavour can express leaves the other side out.
 */
import type { MathesarOnDigitalOceanProps } from "../../modules/digitalocean";
import { DO_SETTINGS } from "../../modules/digitalocean/settings";
import { variableOf } from "../../modules/terraform/wiring";

/** Names a setting: its prop path (construct) or its Terraform variable (module). */
export type Namer = (prop: string) => string;

/** A bad input. */
export interface BadInputCase {
  /** What is wrong. */
  readonly what: string;
  /** The props that carry it (absent: the construct cannot express it, e.g. a Terraform type). */
  readonly props?: MathesarOnDigitalOceanProps;
  /** The root module's variables that carry it, as `-var` values (absent: TypeScript-only). */
  readonly variables?: Record<string, string>;
  /** The message both flavours give (a substring), naming settings through `name`. */
  readonly message: (name: Namer) => string;
}

/** The construct's names. */
export const propName: Namer = (prop) => prop;
/** The root module's names. */
export const variableName: Namer = (prop) => variableOf(DO_SETTINGS, prop);

export const DO_BAD_INPUTS: readonly BadInputCase[] = [
  {
    what: "a domain that is not a host name",
    props: { domainName: "not a domain" },
    variables: { domain_name: "not a domain" },
    message: (n) => `Invalid ${n("domainName")} "not a domain": must be a lowercase DNS host name`,
  },
  {
    what: "a domain with an underscore",
    props: { domainName: "my_app.example.org" },
    variables: { domain_name: "my_app.example.org" },
    message: (n) => `Invalid ${n("domainName")} "my_app.example.org"`,
  },
  {
    what: "an unknown size",
    props: { size: "huge" as never },
    variables: { size: "huge" },
    message: (n) => `Invalid ${n("size")} "huge": must be one of "small", "medium", "large".`,
  },
  {
    what: "an unknown region",
    props: { region: "mars1" },
    variables: { region: "mars1" },
    message: (n) => `Invalid ${n("region")} "mars1": must be a DigitalOcean region`,
  },
  {
    what: "sfo2 (App Platform's sfo runs in sfo3)",
    props: { region: "sfo2" },
    variables: { region: "sfo2" },
    message: (n) => `Invalid ${n("region")} "sfo2": must be a DigitalOcean region`,
  },
  {
    what: "the latest tag",
    props: { mathesarVersion: "latest" },
    variables: { mathesar_version: "latest" },
    message: (n) => `Invalid ${n("mathesarVersion")} "latest": must be a pinned Mathesar release`,
  },
  {
    what: "an empty version",
    props: { mathesarVersion: "" },
    variables: { mathesar_version: "" },
    message: (n) => `Invalid ${n("mathesarVersion")} "": must be a pinned Mathesar release`,
  },
  {
    what: "PostgreSQL 13",
    props: { database: { managed: { version: 13 } } },
    variables: { database_version: "13" },
    message: (n) => `Invalid ${n("database.managed.version")} 13: must be a whole number from 14 to 17`,
  },
  {
    what: "PostgreSQL 18 (not on DigitalOcean yet)",
    props: { database: { managed: { version: 18 } } },
    variables: { database_version: "18" },
    message: (n) => `Invalid ${n("database.managed.version")} 18`,
  },
  {
    what: "a name over 32 characters (App Platform's limit)",
    props: { name: "a-very-long-mathesar-name-for-acme" },
    variables: { name: "a-very-long-mathesar-name-for-acme" },
    message: (n) => `Invalid ${n("name")} "a-very-long-mathesar-name-for-acme": must be 2 to 32 lowercase`,
  },
  {
    what: "a name with capitals",
    props: { name: "Mathesar" },
    variables: { name: "Mathesar" },
    message: (n) => `Invalid ${n("name")} "Mathesar"`,
  },
  {
    what: "high availability on the smallest database",
    props: { database: { managed: { highAvailability: true } } },
    variables: { database_high_availability: "true" },
    message: (n) =>
      `Invalid ${n("database.managed.highAvailability")} true with ${n("size")} "small": DigitalOcean's ` +
      `smallest database plan cannot have a standby node; use size "medium" or larger, or set ${n("database.managed.nodeSize")}.`,
  },
  {
    what: "high availability on a 1 GB node",
    props: { size: "medium", database: { managed: { highAvailability: true, nodeSize: "db-s-1vcpu-1gb" } } },
    variables: { size: "medium", database_high_availability: "true", database_node_size: "db-s-1vcpu-1gb" },
    message: (n) =>
      `Invalid ${n("database.managed.nodeSize")} "db-s-1vcpu-1gb" with ` +
      `${n("database.managed.highAvailability")}: standby nodes need a plan with 2 GB of RAM or more`,
  },
  {
    what: "a zone without a domain",
    props: { domainZone: "example.org" },
    variables: { domain_zone: "example.org" },
    message: (n) =>
      `Invalid ${n("domainZone")} "example.org": needs ${n("domainName")}, a host name equal to or inside that zone`,
  },
  {
    what: "a domain outside its zone",
    props: { domainName: "data.example.com", domainZone: "example.org" },
    variables: { domain_name: "data.example.com", domain_zone: "example.org" },
    message: (n) =>
      `Invalid ${n("domainZone")} "example.org": needs ${n("domainName")}, a host name equal to or inside that zone (${n("domainName")} is "data.example.com")`,
  },
  {
    what: "an image that is not on Docker Hub",
    props: { imageRepository: "ghcr.io/acme/mathesar" },
    variables: { image_repository: "ghcr.io/acme/mathesar" },
    message: (n) => `Invalid ${n("imageRepository")} "ghcr.io/acme/mathesar": must be a Docker Hub repository`,
  },
  {
    what: "a malformed VPC id",
    props: { existingVpcId: "vpc-123" },
    variables: { existing_vpc_id: "vpc-123" },
    message: (n) => `Invalid ${n("existingVpcId")} "vpc-123": must be a DigitalOcean id`,
  },
  {
    what: "a public VPC range",
    props: { vpcIpRange: "8.8.0.0/16" },
    variables: { vpc_ip_range: "8.8.0.0/16" },
    message: (n) => `Invalid ${n("vpcIpRange")} "8.8.0.0/16": must be a private IPv4 CIDR`,
  },
  {
    what: "a VPC range smaller than /24",
    props: { vpcIpRange: "10.20.0.0/25" },
    variables: { vpc_ip_range: "10.20.0.0/25" },
    message: (n) => `Invalid ${n("vpcIpRange")} "10.20.0.0/25": must be a private IPv4 CIDR block from /16 to /24`,
  },
  {
    what: "a VPC range with an existing VPC",
    props: { vpcIpRange: "10.0.0.0/16", existingVpcId: "0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a" },
    variables: { vpc_ip_range: "10.0.0.0/16", existing_vpc_id: "0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a" },
    message: (n) => `Invalid ${n("vpcIpRange")}: it only applies to a new VPC; remove it or ${n("existingVpcId")}.`,
  },
  {
    what: "an invalid admin username",
    props: { admin: { username: "has space" } },
    variables: { admin_username: "has space" },
    message: (n) => `Invalid ${n("admin.username")} "has space"`,
  },
  {
    what: "a tag with a space",
    props: { tags: { client: "Acme Corp" } },
    variables: { tags: '{ client = "Acme Corp" }' },
    message: () => "Invalid tags",
  },
  // TypeScript only: the module has no way to give both, or a literal where a secret is required.
  {
    what: "both managed and existing database",
    props: { database: { managed: {}, existing: { host: "h", password: "x" } } },
    message: () => "either database.managed or database.existing, not both",
  },
  // Terraform only: what the props' types already rule out.
  {
    what: "an existing database without its password",
    variables: { existing_database: '{ host = "db.example.org" }' },
    message: (n) => `Invalid ${n("database.existing.password")}: must be set when ${n("database.existing")} is set.`,
  },
  {
    what: "an existing database without a host",
    variables: { existing_database: '{ host = "" }', existing_database_password: "x" },
    message: (n) => `Invalid ${n("database.existing.host")}`,
  },
  {
    what: "verify-full without the server's CA",
    variables: {
      existing_database: '{ host = "db.example.org", sslmode = "verify-full" }',
      existing_database_password: "x",
    },
    message: () => "Invalid existing_database: sslmode verify-ca or verify-full needs ca_certificate",
  },
  {
    what: "bad SSO JSON",
    variables: { sso_config: "not json" },
    message: () => "Invalid sso_config: must be a JSON object",
  },
  {
    what: "SSO required without a configuration",
    variables: { require_sso_login: "true" },
    message: (n) => `Invalid ${n("sso.requireSsoLogin")} true without an SSO configuration (${n("sso.configJson")})`,
  },
  {
    what: "a short SECRET_KEY",
    variables: { secret_key: "too-short" },
    message: () => "Invalid secret_key: must be at least 50 characters",
  },
];
