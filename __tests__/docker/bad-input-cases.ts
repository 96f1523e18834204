/**
 * One table of bad inputs for both flavours of the Docker host target: the construct must throw each
 * message at synth time and `terraform plan` of the root module must refuse with the same words, each
 * setting named the way its reader knows it (the prop in TypeScript, the variable in Terraform, mapped by
 * the settings table).
 */
import type { MathesarOnDockerHostProps } from "../../modules/docker";
import { DOCKER_SETTINGS } from "../../modules/docker/settings";
import { variableOf } from "../../modules/terraform/wiring";

/** Names a setting: its prop path (construct) or its Terraform variable (module). */
export type Namer = (prop: string) => string;

/** A bad input. */
export interface BadInputCase {
  /** What is wrong. */
  readonly what: string;
  /** The props that carry it (a password is filled in by the test when the case needs one). */
  readonly props?: MathesarOnDockerHostProps;
  /** The root module's variables that carry it, as `-var` values. */
  readonly variables?: Record<string, string>;
  /** The message both flavours give (a substring), naming settings through `name`. */
  readonly message: (name: Namer) => string;
}

/** The construct's names. */
export const propName: Namer = (prop) => prop;
/** The root module's names. */
export const variableName: Namer = (prop) => variableOf(DOCKER_SETTINGS, prop);

const PORT = "must be a whole number from 1 to 65535";

export const DOCKER_BAD_INPUTS: readonly BadInputCase[] = [
  {
    what: "an empty database host with no evaluation database",
    props: { database: { existing: { host: "", password: "${var.pw}" } } },
    variables: { existing_database: '{ host = "" }', existing_database_password: "pw" },
    message: (n) => `Invalid ${n("database.existing.host")}: must be`,
  },
  {
    what: "a latest Mathesar tag",
    props: { mathesarVersion: "latest" },
    variables: { mathesar_version: "latest" },
    message: (n) => `Invalid ${n("mathesarVersion")} "latest": must be a pinned Mathesar release`,
  },
  {
    what: "an empty Mathesar version",
    props: { mathesarVersion: "" },
    variables: { mathesar_version: "" },
    message: (n) => `Invalid ${n("mathesarVersion")} "": must be a pinned Mathesar release`,
  },
  {
    what: "a latest PostgreSQL image",
    props: { postgresImage: "docker.io/library/postgres:latest" },
    variables: { postgres_image: "docker.io/library/postgres:latest" },
    message: (n) =>
      `Invalid ${n("postgresImage")} "docker.io/library/postgres:latest": must be a pinned image reference`,
  },
  {
    what: "a Caddy image without a tag",
    props: { caddyImage: "docker.io/library/caddy" },
    variables: { caddy_image: "docker.io/library/caddy" },
    message: (n) => `Invalid ${n("caddyImage")} "docker.io/library/caddy": must be a pinned image reference`,
  },
  {
    what: "a domain that is not a host name",
    props: { domainName: "not a domain" },
    variables: { domain_name: "not a domain" },
    message: (n) => `Invalid ${n("domainName")} "not a domain": must be a lowercase DNS host name`,
  },
  {
    what: "a URL instead of a host name",
    props: { domainName: "https://data.example.org" },
    variables: { domain_name: "https://data.example.org" },
    message: (n) => `Invalid ${n("domainName")} "https://data.example.org": must be a lowercase DNS host name`,
  },
  {
    what: "an HTTPS port out of range",
    props: { httpsPort: 70000 },
    variables: { https_port: "70000" },
    message: (n) => `Invalid ${n("httpsPort")} 70000: ${PORT}`,
  },
  {
    what: "an HTTP port of 0",
    props: { httpPort: 0 },
    variables: { http_port: "0" },
    message: (n) => `Invalid ${n("httpPort")} 0: ${PORT}`,
  },
  {
    what: "a negative app port",
    props: { tls: "none", appPort: -1 },
    variables: { tls: "none", app_port: "-1" },
    message: (n) => `Invalid ${n("appPort")} -1: ${PORT}`,
  },
  {
    what: "an evaluation database exposed on a host port",
    props: { database: { evaluation: { hostPort: 5432 } } },
    variables: { evaluation_database_host_port: "5432" },
    message: (n) =>
      `Invalid ${n("database.evaluation.hostPort")} 5432: the evaluation database is never published on a host port`,
  },
  {
    what: "an unknown TLS mode",
    props: { tls: "off" as never },
    variables: { tls: "off" },
    message: (n) => `Invalid ${n("tls")} "off": must be one of "acme", "internal", "files", "none"`,
  },
  {
    what: "TLS files without the certificate",
    props: { tls: "files" },
    variables: { tls: "files" },
    message: (n) => `Invalid ${n("tls")} "files": needs ${n("tlsCertificate")} and ${n("tlsPrivateKey")}`,
  },
  {
    what: "a certificate that is not PEM",
    props: { tls: "files", tlsCertificate: "not a certificate" },
    variables: { tls: "files", tls_certificate: "not a certificate", tls_private_key: "k" },
    message: (n) => `Invalid ${n("tlsCertificate")} "not a certificate": must be one or more PEM certificates`,
  },
  {
    what: "a bind address that is not an IPv4 address",
    props: { tls: "none", appBindAddress: "localhost" },
    variables: { tls: "none", app_bind_address: "localhost" },
    message: (n) => `Invalid ${n("appBindAddress")} "localhost": must be an IPv4 address`,
  },
  {
    what: "a name with capitals",
    props: { name: "Mathesar" },
    variables: { name: "Mathesar" },
    message: (n) => `Invalid ${n("name")} "Mathesar"`,
  },
  {
    what: "a latest Mathesar tag in the digest form's place",
    props: { mathesarVersion: "latest@sha256:" + "0".repeat(64) },
    variables: { mathesar_version: "latest@sha256:" + "0".repeat(64) },
    message: (n) => `Invalid ${n("mathesarVersion")} "latest@sha256:`,
  },
  {
    what: "verify-full to an existing database without its CA",
    props: { database: { existing: { host: "db.example.org", sslMode: "verify-full", password: "${var.pw}" } } },
    variables: {
      existing_database: '{ host = "db.example.org", sslmode = "verify-full" }',
      existing_database_password: "pw",
    },
    message: (n) =>
      `Invalid ${n("database.existing.sslMode")}: verify-ca or verify-full needs ${n("database.existing.caCertificate")} (the server's CA, PEM)`,
  },
  {
    what: "an existing database's CA that is not PEM",
    props: {
      database: {
        existing: {
          host: "db.example.org",
          sslMode: "verify-full",
          caCertificate: "not a certificate",
          password: "${var.pw}",
        },
      },
    },
    variables: {
      existing_database: '{ host = "db.example.org", sslmode = "verify-full", ca_certificate = "not a certificate" }',
      existing_database_password: "pw",
    },
    message: (n) => `Invalid ${n("database.existing.caCertificate")}`,
  },
  {
    what: "an existing database without its password",
    variables: { existing_database: '{ host = "db.example.org" }' },
    message: (n) => `Invalid ${n("database.existing.password")}: must be set when ${n("database.existing")} is set.`,
  },
];
