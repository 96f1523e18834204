/** Input rules that only hold on AWS. */
import { InputRule, hclString, integerRangeRule, isToken, nameRule, oneOfRule, patternRule } from "../mathesar";
import { AWS_EGRESS_MODES, AWS_POSTGRES_VERSIONS } from "./catalog";

const IPV4 = "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

/** True when the address of an IPv4 CIDR block is the block's first address (AWS refuses host bits). */
export function isNetworkAddress(cidr: string): boolean {
  const [address, bits] = cidr.split("/");
  const value = address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const hostBits = 32 - Number(bits);
  return hostBits === 32 ? value === 0 : value % 2 ** hostBits === 0;
}

/** A CIDR pattern whose address must also be the network's own (10.0.0.0/16, not 10.0.0.1/16). */
function networkRule(prefixPattern: string, allowed: string): InputRule<string> {
  const pattern = patternRule(`${IPV4}/(${prefixPattern})`, allowed);
  return {
    allowed,
    test: (value) => pattern.test(value) && isNetworkAddress(value),
    // cidrsubnet(x, 0, 0) is x's network in canonical form; try() because && does not short-circuit.
    condition: (ref) => `${pattern.condition(ref)} && try(cidrsubnet(${ref}, 0, 0) == ${ref}, false)`,
  };
}

/** An IPv4 network in CIDR notation. */
export const CIDR_RULE = networkRule(
  "[0-9]|[12][0-9]|3[0-2]",
  "an IPv4 network in CIDR notation such as 10.0.0.0/16 (no host bits set: not 10.0.0.1/16)",
);

/** A VPC CIDR: /16 to /22, so that three tiers of subnets fit in up to four zones. */
export const VPC_CIDR_RULE = networkRule(
  "1[6-9]|2[0-2]",
  "an IPv4 network from /16 to /22 such as 10.0.0.0/16 (room for three subnet tiers; no host bits set)",
);

/**
 * Longest name prefix on AWS: IAM role name prefixes allow 38 characters and the longest is `<name>-execution-`;
 * S3 bucket prefixes allow 37 with `<name>-alb-logs-` (load balancer names: 32 with `<name>-alb`).
 */
export const AWS_NAME_MAX_LENGTH = 27;
const AWS_NAME_LENGTH_RULE = nameRule(AWS_NAME_MAX_LENGTH, "IAM role name prefixes: 38 characters with -execution-");

/** The target's resource-name prefix: the shared rule, and no `--` (RDS refuses it in instance identifiers). */
export const AWS_NAME_RULE: InputRule<string> = {
  allowed: `${AWS_NAME_LENGTH_RULE.allowed}, without two hyphens in a row (RDS instance identifiers refuse them)`,
  test: (value) => AWS_NAME_LENGTH_RULE.test(value) && !value.includes("--"),
  condition: (ref) => `${AWS_NAME_LENGTH_RULE.condition(ref)} && !strcontains(${ref}, "--")`,
};

/** TLS modes to an RDS instance the module creates: encrypted always; verified with the region's CA bundle. */
export const RDS_SSL_MODE_RULE = oneOfRule(["require", "verify-ca", "verify-full"]);

/** An availability zone name such as us-east-1a. */
export const AVAILABILITY_ZONE_RULE = patternRule(
  "[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]",
  "an availability zone name such as us-east-1a",
);

/** An AWS id with a prefix, e.g. `vpc-0abc…`. */
export function awsIdRule(prefix: string, example: string) {
  return patternRule(`${prefix}-[0-9a-f]{8}([0-9a-f]{9})?`, `an id such as ${example}`);
}

/** An ACM certificate ARN (a load balancer's listener takes nothing else). */
export const CERTIFICATE_ARN_RULE = patternRule(
  "arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+",
  "an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
);

/** A regional WAFv2 web ACL ARN: CLOUDFRONT-scope ACLs (global) cannot be associated with a load balancer. */
export const WAF_WEB_ACL_ARN_RULE = patternRule(
  "arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/[A-Za-z0-9_-]+/[0-9a-f-]+",
  "a REGIONAL WAFv2 web ACL ARN such as arn:aws:wafv2:us-east-1:123456789012:regional/webacl/mathesar/0a1b2c3d-4e5f-6789-abcd-ef0123456789 " +
    "(a CLOUDFRONT-scope ACL cannot protect a load balancer)",
);

/** A KMS key ARN (RDS, Performance Insights, Secrets Manager and CloudWatch Logs all take a key ARN; not an alias). */
export const KMS_KEY_ARN_RULE = patternRule(
  "arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/(mrk-)?[0-9a-f-]+",
  "a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789 (not an alias)",
);

/** An https:// URL (the load balancer's OIDC endpoints: AWS requires HTTPS). */
export const HTTPS_URL_RULE = patternRule(
  "https://[^\\s/?#]+[^\\s]*",
  "an https:// URL (the identity provider's endpoints carry tokens)",
);

/** A non-empty value. */
export const NON_EMPTY_RULE: InputRule<string> = {
  allowed: "set (not empty)",
  test: (value) => typeof value === "string" && value.trim() !== "",
  condition: (ref) => `trimspace(${ref}) != ""`,
};

/** The region field of an ARN (`arn:partition:service:REGION:account:…`). */
export const arnRegion = (arn: string): string => arn.split(":")[3] ?? "";
/** The same in Terraform. */
export const arnRegionExpression = (ref: string): string => `split(":", ${ref})[3]`;
/** The region of an ECR repository URI (`123456789012.dkr.ecr.REGION.amazonaws.com/…`), or undefined. */
export const ecrRegion = (repository: string): string | undefined =>
  /^[0-9]{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(repository)?.[1];
/** The same in Terraform (`fallback`, null by default, when not ECR). */
export const ecrRegionExpression = (ref: string, fallback = "null"): string =>
  `try(regex("^[0-9]{12}[.]dkr[.]ecr[.]([a-z0-9-]+)[.]amazonaws[.]com", ${ref})[0], ${fallback})`;
/** The region of an availability zone name (`us-east-1a` → `us-east-1`). */
export const zoneRegion = (zone: string): string => zone.slice(0, -1);
/** The same in Terraform. */
export const zoneRegionExpression = (ref: string): string => `substr(${ref}, 0, length(${ref}) - 1)`;

/** A Secrets Manager secret ARN. */
export const SECRET_ARN_RULE = patternRule(
  "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+",
  "a Secrets Manager secret ARN such as arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-db-AbCdEf",
);

/** A Route 53 hosted zone id. */
export const ROUTE53_ZONE_ID_RULE = patternRule(
  "Z[0-9A-Z]{4,31}",
  "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ",
);

/** The egress modes. */
export const EGRESS_RULE = oneOfRule(AWS_EGRESS_MODES);

/** PostgreSQL majors on RDS that Mathesar supports. */
export const AWS_POSTGRES_VERSION_RULE = integerRangeRule(
  AWS_POSTGRES_VERSIONS.min,
  AWS_POSTGRES_VERSIONS.max,
  "(RDS versions Mathesar supports)",
);

/** Backup retention: at least a week (CKV_AWS_133), at most RDS's 35 days. */
export const BACKUP_RETENTION_RULE = integerRangeRule(7, 35, "days (at least 7)");

/** CloudWatch log retention values CloudWatch accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Days of load balancer access logs kept in S3 (any whole number of days). */
export const ACCESS_LOG_RETENTION_RULE = integerRangeRule(1, 3650, "days");

/** RDS storage at creation. */
export const DB_STORAGE_RULE = integerRangeRule(20, 65536, "GiB");

/** Previous-generation RDS families that RDS for PostgreSQL 14 and later does not offer. */
export const RDS_PREVIOUS_GENERATION_FAMILIES = ["t1", "t2", "m1", "m2", "m3", "m4", "r3", "r4"] as const;

/** An RDS instance class of a current generation (every PostgreSQL major Mathesar supports here is 14+). */
export const DB_INSTANCE_CLASS_RULE: InputRule<string> = (() => {
  const shape = patternRule("db\\.[a-z0-9]+\\.[a-z0-9]+", "");
  const previous = `^db\\.(${RDS_PREVIOUS_GENERATION_FAMILIES.join("|")})\\.`;
  return {
    allowed:
      "an RDS instance class of a current generation such as db.t4g.small " +
      `(${RDS_PREVIOUS_GENERATION_FAMILIES.map((f) => `db.${f}`).join(", ")} are not offered for PostgreSQL 14 to 17)`,
    test: (value) => shape.test(value) && !new RegExp(previous).test(value),
    condition: (ref) => `${shape.condition(ref)} && !can(regex(${hclString(previous)}, ${ref}))`,
  };
})();

/** An image repository for ECS: Docker Hub `owner/name` or a registry host with a path (ECR mirrors). */
export const AWS_IMAGE_REPOSITORY_RULE = patternRule(
  "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+",
  'an image repository without a tag, such as "mathesar/mathesar" or "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar"',
);

/**
 * The pattern of an ECR repository URI (RE2, for Terraform's `regex` too; "[.]" rather than "\\.", which is
 * no valid escape in an HCL string written through cdktf's functions).
 */
export const ECR_REPOSITORY_PATTERN = "[0-9]{12}[.]dkr[.]ecr[.][a-z0-9-]+[.]amazonaws[.]com([.]cn)?/.+";

/** An ECR repository URI (required when private subnets have no internet egress). */
export const ECR_REPOSITORY_RULE = patternRule(
  ECR_REPOSITORY_PATTERN,
  "an ECR repository such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar",
);

/**
 * A list of distinct entries, each held to `item`, between `min` and `max` long: one rule for the construct's
 * check and the variable's validation. A list holding Terraform values is left to Terraform.
 */
export function distinctListRule(
  item: InputRule<string>,
  options: { min: number; max?: number; what: string; why?: string },
): InputRule<string[]> {
  const { min, max, what, why } = options;
  const count =
    max !== undefined ? `a list of ${min} to ${max}` : min === 1 ? "a non-empty list of" : `a list of at least ${min}`;
  return {
    allowed: `${count} ${what}, none repeated, each ${item.allowed}${why ? ` (${why})` : ""}`,
    test: (values) =>
      values.some(isToken) ||
      (values.length >= min &&
        (max === undefined || values.length <= max) &&
        new Set(values).size === values.length &&
        values.every((value) => item.test(value))),
    condition: (ref) =>
      `length(${ref}) >= ${min}${max === undefined ? "" : ` && length(${ref}) <= ${max}`} && ` +
      `length(distinct(${ref})) == length(${ref}) && alltrue([for entry in ${ref} : ${item.condition("entry")}])`,
  };
}

/** Networks allowed to reach the load balancer. */
export const ALLOWED_CIDRS_RULE = distinctListRule(CIDR_RULE, { min: 1, what: "networks" });

/** Zones of a new VPC. */
export const AVAILABILITY_ZONES_RULE = distinctListRule(AVAILABILITY_ZONE_RULE, {
  min: 2,
  max: 4,
  what: "availability zone names",
  why: "subnets all in one zone defeat high availability; at most 4 fit the subnet layout",
});
