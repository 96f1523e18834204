/** Input rules that only hold on AWS. */
import { integerRangeRule, oneOfRule, patternRule } from "../mathesar";
import { AWS_EGRESS_MODES, AWS_POSTGRES_VERSIONS } from "./catalog";

/** An IPv4 CIDR block. */
export const CIDR_RULE = patternRule(
  "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])",
  "an IPv4 CIDR block such as 10.0.0.0/16",
);

/** A VPC CIDR: /16 to /22, so that three tiers of subnets fit in up to four zones. */
export const VPC_CIDR_RULE = patternRule(
  "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(1[6-9]|2[0-2])",
  "an IPv4 CIDR block from /16 to /22 such as 10.0.0.0/16 (room for three subnet tiers)",
);

/** An availability zone name such as us-east-1a. */
export const AVAILABILITY_ZONE_RULE = patternRule("[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]", "an availability zone name such as us-east-1a");

/** An AWS id with a prefix, e.g. `vpc-0abc…`. */
export function awsIdRule(prefix: string, example: string) {
  return patternRule(`${prefix}-[0-9a-f]{8}([0-9a-f]{9})?`, `an id such as ${example}`);
}

/** An ARN. */
export const ARN_RULE = patternRule("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{0,12}:.+", "an ARN such as arn:aws:secretsmanager:us-east-1:123456789012:secret:name");

/** A Secrets Manager secret ARN. */
export const SECRET_ARN_RULE = patternRule(
  "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+",
  "a Secrets Manager secret ARN such as arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-db-AbCdEf",
);

/** A Route 53 hosted zone id. */
export const ROUTE53_ZONE_ID_RULE = patternRule("Z[0-9A-Z]{4,31}", "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");

/** The egress modes. */
export const EGRESS_RULE = oneOfRule(AWS_EGRESS_MODES);

/** PostgreSQL majors on RDS that Mathesar supports. */
export const AWS_POSTGRES_VERSION_RULE = integerRangeRule(AWS_POSTGRES_VERSIONS.min, AWS_POSTGRES_VERSIONS.max, "(RDS versions Mathesar supports)");

/** Backup retention: at least a week (CKV_AWS_133), at most RDS's 35 days. */
export const BACKUP_RETENTION_RULE = integerRangeRule(7, 35, "days (at least 7)");

/** CloudWatch log retention values CloudWatch accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Days of load balancer access logs kept in S3 (any whole number of days). */
export const ACCESS_LOG_RETENTION_RULE = integerRangeRule(1, 3650, "days");

/** RDS storage at creation. */
export const DB_STORAGE_RULE = integerRangeRule(20, 65536, "GiB");

/** An RDS instance class. */
export const DB_INSTANCE_CLASS_RULE = patternRule("db\\.[a-z0-9]+\\.[a-z0-9]+", "an RDS instance class such as db.t4g.small");

/** An image repository for ECS: Docker Hub `owner/name` or a registry host with a path (ECR mirrors). */
export const AWS_IMAGE_REPOSITORY_RULE = patternRule(
  "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+",
  'an image repository without a tag, such as "mathesar/mathesar" or "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar"',
);

/** An ECR repository URI (required when private subnets have no internet egress). */
export const ECR_REPOSITORY_RULE = patternRule("[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.+", "an ECR repository such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar");
