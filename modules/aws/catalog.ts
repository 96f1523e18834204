/**
 * AWS facts the target depends on: sizes, TLS policy, ports, prices. Prices are us-east-1 on-demand list
 * prices in USD (2025–2026) used for the estimates in docs/aws.md; other regions differ.
 */
import { DEFAULT_REQUEST_TIMEOUT_SECONDS, type MathesarSize } from "../mathesar";

/** What a shared size means on AWS. */
export interface AwsSizeTier {
  /** Fargate task CPU units (1024 = 1 vCPU). */
  readonly taskCpu: number;
  /** Fargate task memory in MiB. */
  readonly taskMemoryMiB: number;
  /** Running tasks. More than one relies on the target group's sticky sessions (uploads stay on one task). */
  readonly desiredCount: number;
  /** RDS instance class. */
  readonly dbInstanceClass: string;
  /** RDS storage in GiB at creation (it grows automatically up to 5×). */
  readonly dbAllocatedStorageGiB: number;
  /** Whether Multi-AZ is on by default for this size. */
  readonly multiAzByDefault: boolean;
  /** Estimated monthly USD: Fargate tasks. */
  readonly fargateMonthlyUsd: number;
  /** Estimated monthly USD: one RDS instance with its storage (Multi-AZ doubles it). */
  readonly rdsMonthlyUsd: number;
}

/** Sizes on AWS. */
export const AWS_SIZES: Readonly<Record<MathesarSize, AwsSizeTier>> = {
  small: {
    taskCpu: 512,
    taskMemoryMiB: 1024,
    desiredCount: 1,
    dbInstanceClass: "db.t4g.micro",
    dbAllocatedStorageGiB: 20,
    multiAzByDefault: false,
    fargateMonthlyUsd: 18,
    rdsMonthlyUsd: 14,
  },
  medium: {
    taskCpu: 1024,
    taskMemoryMiB: 2048,
    desiredCount: 1,
    dbInstanceClass: "db.t4g.small",
    dbAllocatedStorageGiB: 50,
    multiAzByDefault: false,
    fargateMonthlyUsd: 36,
    rdsMonthlyUsd: 29,
  },
  large: {
    taskCpu: 2048,
    taskMemoryMiB: 4096,
    desiredCount: 2,
    dbInstanceClass: "db.m7g.large",
    dbAllocatedStorageGiB: 100,
    multiAzByDefault: true,
    fargateMonthlyUsd: 144,
    rdsMonthlyUsd: 138,
  },
};

/** Fixed monthly costs (USD) beside the sizes: the load balancer and the egress choice. */
export const AWS_FIXED_MONTHLY_USD = {
  /** Application Load Balancer, before capacity units. */
  loadBalancer: 16.4,
  /** One NAT gateway, before data processing ($0.045/GB). */
  natGateway: 32.9,
  /** One interface endpoint in one AZ. */
  interfaceEndpointPerAz: 7.3,
} as const;

/**
 * The load balancer's idle timeout: above gunicorn's request timeout, so a long import ends with gunicorn's
 * answer instead of the load balancer's 504 after its default 60 s.
 */
export const AWS_ALB_IDLE_TIMEOUT_SECONDS = DEFAULT_REQUEST_TIMEOUT_SECONDS + 30;

/** TLS policy of the HTTPS listener: TLS 1.3 and 1.2 only, AWS's recommended default. */
export const AWS_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** PostgreSQL majors RDS offers that Mathesar supports. */
export const AWS_POSTGRES_VERSIONS = { min: 14, max: 17 } as const;

/** How private subnets reach the internet (image pulls from Docker Hub, Secrets Manager, logs). */
export const AWS_EGRESS_MODES = ["nat_gateway", "nat_gateway_per_az", "vpc_endpoints"] as const;
/** One of {@link AWS_EGRESS_MODES}. */
export type AwsEgressMode = (typeof AWS_EGRESS_MODES)[number];

/** Interface endpoints the `vpc_endpoints` egress mode creates (ECR, logs, Secrets Manager; S3 is a gateway). */
export const AWS_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"] as const;

/** Monthly estimate for a size, with the load balancer and the default egress (one NAT gateway). */
export function awsMonthlyEstimateUsd(
  size: MathesarSize,
  multiAz: boolean,
  egress: AwsEgressMode = "nat_gateway",
  azCount = 2,
): number {
  const tier = AWS_SIZES[size];
  const egressCost =
    egress === "nat_gateway"
      ? AWS_FIXED_MONTHLY_USD.natGateway
      : egress === "nat_gateway_per_az"
        ? AWS_FIXED_MONTHLY_USD.natGateway * azCount
        : AWS_FIXED_MONTHLY_USD.interfaceEndpointPerAz * AWS_INTERFACE_ENDPOINTS.length * azCount;
  return Math.round(
    tier.fargateMonthlyUsd + tier.rdsMonthlyUsd * (multiAz ? 2 : 1) + AWS_FIXED_MONTHLY_USD.loadBalancer + egressCost,
  );
}

/**
 * The Elastic Load Balancing account of each region that predates the log-delivery service principal
 * (from the AWS provider's own table). Access-log bucket policies must name it there; newer regions use
 * only `logdelivery.elasticloadbalancing.amazonaws.com`.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-south-1": "718504428378",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-southeast-3": "589379963580",
  "ca-central-1": "985666609251",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
  "eu-central-1": "054676820928",
  "eu-north-1": "897822967062",
  "eu-south-1": "635631232127",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-gov-east-1": "190560391635",
  "us-gov-west-1": "048591011584",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
};
