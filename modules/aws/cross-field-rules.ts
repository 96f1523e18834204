/**
 * The AWS rules that relate several settings, written once: on known props they are the construct's
 * synth-time errors, on the root module's variables its `validation` blocks, with the same words (see
 * CrossFieldRule). Rules over one setting are the settings table's; list rules stay in validate.ts and
 * beside their variable (modules/aws/list-validations.ts).
 */
import { Fn, Token } from "cdktf";
import { isToken } from "../terraform";
import {
  type Condition,
  type CrossFieldRule,
  all,
  any,
  equal,
  isAbsent,
  isPresent,
  not,
  truthy,
} from "../terraform/wiring";
import { ECR_REPOSITORY_PATTERN } from "./inputs";
import type { MathesarOnAwsProps } from "./props";
import { AWS_DEFAULTS } from "./settings";

/** `value` given: then `holds()`; else true (a Terraform conditional, which never evaluates the other side). */
function whenGiven(value: unknown, holds: () => Condition): Condition {
  const given = isPresent(value);
  if (typeof given === "boolean") return given ? holds() : true;
  return Token.asString(Fn.conditional(given, holds(), true));
}

/** A setting left at its default: absent, or (in Terraform, where absence is the default) equal to it. */
function atDefault(value: unknown, fallback: unknown): Condition {
  if (value === undefined) return true;
  if (fallback === null) return isAbsent(value);
  return equal(value, fallback);
}

/** `list` contains `item`. */
function contains(list: readonly string[], item: string): Condition {
  if (!Token.isUnresolved(list) && !list.some(isToken)) return list.includes(item);
  return Token.asString(Fn.contains(list, item));
}

/** `value` matches an anchored RE2 pattern. */
function matches(pattern: string, value: string): Condition {
  const anchored = `^(?:${pattern})$`;
  if (!isToken(value)) return new RegExp(anchored).test(value);
  return Token.asString(Fn.can(Fn.regex(anchored, value)));
}

type Rule = CrossFieldRule<MathesarOnAwsProps>;

/** An internal load balancer must not admit 0.0.0.0/0. */
const INTERNAL_NOT_OPEN: Rule = {
  on: "allowedCidrs",
  holds: (p) => whenGiven(p.allowedCidrs, () => not(all(truthy(p.internal), contains(p.allowedCidrs!, "0.0.0.0/0")))),
  message: (w) =>
    `Invalid ${w.name("allowedCidrs")} ${w.value("allowedCidrs")} with ${w.name("internal")} true: an ` +
    `internal load balancer open to 0.0.0.0/0 admits every connected network; name the networks that need Mathesar.`,
};

/** Without NAT the tasks reach only ECR (through the endpoints). */
const ENDPOINTS_NEED_ECR: Rule = {
  on: "imageRepository",
  holds: (p) =>
    any(
      not(equal(p.network?.egress ?? AWS_DEFAULTS.egress, "vpc_endpoints")),
      matches(ECR_REPOSITORY_PATTERN, p.imageRepository ?? AWS_DEFAULTS.imageRepository),
    ),
  message: (w) =>
    `Invalid ${w.name("imageRepository")} with ${w.name("network.egress")} "vpc_endpoints": tasks cannot ` +
    `reach Docker Hub, so it must be an ECR repository such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar.`,
};

/** Requiring SSO needs an SSO configuration. */
const SSO_REQUIRED_NEEDS_CONFIG: Rule = {
  on: "sso.requireSsoLogin",
  holds: (p) => any(not(truthy(p.sso?.requireSsoLogin)), isPresent(p.sso?.configSecretArn)),
  message: (w) =>
    `Invalid ${w.name("sso.requireSsoLogin")} true without ${w.name("sso.configSecretArn")}: Mathesar would keep password login and only log a warning.`,
};

/** An existing VPC takes none of the settings of a new one. */
const EXISTING_VPC_ALONE: Rule = {
  on: "network.existing",
  holds: (p) =>
    whenGiven(p.network?.existing, () =>
      all(
        atDefault(p.network?.cidr, AWS_DEFAULTS.vpcCidr),
        atDefault(p.network?.availabilityZones, null),
        atDefault(p.network?.egress, AWS_DEFAULTS.egress),
        atDefault(p.network?.flowLogRetentionDays, AWS_DEFAULTS.flowLogRetentionDays),
      ),
    ),
  message: (w) =>
    `Invalid ${w.name("network.existing")} with ` +
    `${["network.cidr", "network.availabilityZones", "network.egress", "network.flowLogRetentionDays"].map(w.name).join(", ")}: ` +
    `those describe a new VPC and would be ignored; remove them or ${w.name("network.existing")}.`,
};

/** An internet-facing load balancer in an existing VPC needs its public subnets. */
const INTERNET_FACING_NEEDS_PUBLIC_SUBNETS: Rule = {
  on: "network.existing",
  holds: (p) =>
    whenGiven(p.network?.existing, () => any(truthy(p.internal), isPresent(p.network?.existing?.publicSubnetIds))),
  message: (w) =>
    `Invalid ${w.name("network.existing.publicSubnetIds")} null: an internet-facing load balancer needs ` +
    `public subnets; give them or set ${w.name("internal")} true.`,
};

/** An internal load balancer ignores public subnets: refuse them rather than ignore them. */
const INTERNAL_TAKES_NO_PUBLIC_SUBNETS: Rule = {
  on: "network.existing",
  holds: (p) =>
    whenGiven(p.network?.existing, () => not(all(truthy(p.internal), isPresent(p.network?.existing?.publicSubnetIds)))),
  message: (w) =>
    `Invalid ${w.name("network.existing.publicSubnetIds")} with ${w.name("internal")} true: an internal ` +
    `load balancer uses the private subnets; remove them (they would be ignored) or set ` +
    `${w.name("internal")} false.`,
};

/** verify-ca/verify-full to RDS verify against a CA the user gives. */
const VERIFIED_RDS_NEEDS_CA: Rule = {
  on: "database.managed.sslMode",
  holds: (p) =>
    any(
      equal(p.database?.managed?.sslMode ?? AWS_DEFAULTS.databaseSslMode, "require"),
      isPresent(p.database?.managed?.caCertificate),
    ),
  message: (w) =>
    `Invalid ${w.name("database.managed.sslMode")} ${w.value("database.managed.sslMode")}: verify-ca or ` +
    `verify-full needs ${w.name("database.managed.caCertificate")} (the region's RDS CA bundle, PEM, from ` +
    `AWS's trust store) — libpq verifies the instance against it.`,
};

/** The RDS settings, with their defaults: an existing database takes none of them. */
const MANAGED_ONLY: Array<[string, (p: MathesarOnAwsProps) => unknown, unknown]> = [
  ["database.managed.version", (p) => p.database?.managed?.version, AWS_DEFAULTS.databaseVersion],
  ["database.managed.instanceClass", (p) => p.database?.managed?.instanceClass, null],
  ["database.managed.allocatedStorageGiB", (p) => p.database?.managed?.allocatedStorageGiB, null],
  ["database.managed.highAvailability", (p) => p.database?.managed?.highAvailability, null],
  [
    "database.managed.backupRetentionDays",
    (p) => p.database?.managed?.backupRetentionDays,
    AWS_DEFAULTS.backupRetentionDays,
  ],
  ["database.managed.sslMode", (p) => p.database?.managed?.sslMode, AWS_DEFAULTS.databaseSslMode],
  ["database.managed.caCertificate", (p) => p.database?.managed?.caCertificate, null],
];

/** An existing database takes none of the settings of the RDS instance the module would create. */
const EXISTING_DATABASE_ALONE: Rule = {
  on: "database.existing",
  holds: (p) =>
    whenGiven(p.database?.existing, () =>
      all(...MANAGED_ONLY.map(([, read, fallback]) => atDefault(read(p), fallback))),
    ),
  message: (w) =>
    `Invalid ${w.name("database.existing")} with ` +
    `${MANAGED_ONLY.map(([prop]) => w.name(prop)).join(", ")}: those describe the RDS instance created ` +
    `without ${w.name("database.existing")} and would be ignored; remove them or ${w.name("database.existing")}.`,
};

/** Every AWS rule over several settings. */
export const AWS_CROSS_FIELD_RULES: readonly Rule[] = [
  INTERNAL_NOT_OPEN,
  ENDPOINTS_NEED_ECR,
  SSO_REQUIRED_NEEDS_CONFIG,
  EXISTING_VPC_ALONE,
  INTERNET_FACING_NEEDS_PUBLIC_SUBNETS,
  INTERNAL_TAKES_NO_PUBLIC_SUBNETS,
  VERIFIED_RDS_NEEDS_CA,
  EXISTING_DATABASE_ALONE,
];
