/** Input rules that only hold on DigitalOcean. */
import { integerRangeRule, nameRule, oneOfRule, patternRule } from "../mathesar";
import { DO_POSTGRES_VERSIONS, DO_REGIONS } from "./catalog";

/** Longest name prefix: the app is named `<name>` and App Platform allows 32 characters (the cluster `<name>-db`: 63). */
export const DO_NAME_MAX_LENGTH = 32;
/** The name prefix on DigitalOcean. */
export const DO_NAME_RULE = nameRule(DO_NAME_MAX_LENGTH, "App Platform app names: 32 characters");

/** TLS modes to a managed cluster: encrypted always; verified with the cluster's CA (digitalocean_database_ca). */
export const DO_MANAGED_SSL_MODE_RULE = oneOfRule(["require", "verify-ca", "verify-full"]);

/** A datacenter where managed PostgreSQL and App Platform both run. */
export const DO_REGION_RULE = oneOfRule(
  Object.keys(DO_REGIONS),
  "a DigitalOcean region where App Platform and managed PostgreSQL both run:",
);

/** PostgreSQL majors available on DigitalOcean that Mathesar supports. */
export const DO_POSTGRES_VERSION_RULE = integerRangeRule(
  DO_POSTGRES_VERSIONS.min,
  DO_POSTGRES_VERSIONS.max,
  "(DigitalOcean offers up to 17; Mathesar needs 14 or newer)",
);

/** An App Platform instance size slug. */
export const DO_APP_INSTANCE_SIZE_RULE = patternRule(
  "apps-[sd]-[0-9]+vcpu-[0-9.]+gb(-fixed)?",
  'an App Platform instance size such as "apps-s-1vcpu-1gb"',
);

/** A managed database node size slug. */
export const DO_DATABASE_SIZE_RULE = patternRule(
  "(db|gd|so1_5|m|m3|m6)-[a-z0-9-]+",
  'a managed database size such as "db-s-1vcpu-2gb"',
);

/** A DigitalOcean VPC IP range: private (RFC 1918), "not smaller than /24 nor larger than /16" (DigitalOcean's API). */
export const DO_VPC_IP_RANGE_RULE = patternRule(
  "(10\\.[0-9]{1,3}|172\\.(1[6-9]|2[0-9]|3[01])|192\\.168)\\.[0-9]{1,3}\\.[0-9]{1,3}/(1[6-9]|2[0-4])",
  "a private IPv4 CIDR block from /16 to /24, such as 10.20.0.0/20",
);

/**
 * A DigitalOcean tag as the module writes it (`key:value`): the provider's pattern
 * `^[a-zA-Z0-9:\-_]{1,255}$` (digitalocean/tag/tags.go in provider 2.71.0), which it checks only at plan.
 */
export const DO_TAG_RULE = patternRule(
  "[a-zA-Z0-9:_-]{1,255}",
  "letters, digits, colons, hyphens and underscores, at most 255 characters in all (DigitalOcean's tag pattern)",
);

/** A DigitalOcean resource id (UUID), e.g. of an existing VPC. */
export const DO_UUID_RULE = patternRule(
  "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
  "a DigitalOcean id (a lowercase UUID)",
);

/** A Docker Hub repository `owner/name` (App Platform pulls public images from Docker Hub). */
export const DO_DOCKER_HUB_REPOSITORY_RULE = patternRule(
  "[a-z0-9]+([._-][a-z0-9]+)*/[a-z0-9]+([._-][a-z0-9]+)*",
  'a Docker Hub repository "owner/name" such as "mathesar/mathesar"',
);
