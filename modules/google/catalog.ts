/**
 * Google Cloud facts the target depends on: what a size means, TLS policy, the ranges Google's load balancers
 * probe from, and list prices. Prices are us-central1 list prices in USD (2025–2026) for the estimates in
 * docs/google-cloud.md; other regions differ.
 */
import type { MathesarSize } from "../mathesar";

/** What a shared size means on Google Cloud. */
export interface GoogleSizeTier {
  /** Cloud Run vCPUs per instance. */
  readonly cloudRunCpu: number;
  /** Cloud Run memory per instance, MiB. */
  readonly cloudRunMemoryMiB: number;
  /**
   * Instances kept warm. At least one: every start runs migrations and collects static files, so a cold start
   * from zero keeps the first visitor waiting for a minute or more.
   */
  readonly minInstances: number;
  /** Most instances Cloud Run may scale to (uploads are shared through a Cloud Storage bucket, so any count works). */
  readonly maxInstances: number;
  /** Compute Engine machine type of the VM runtime. */
  readonly vmMachineType: string;
  /** The machine's vCPUs (for the gunicorn worker count). */
  readonly vmVcpus: number;
  /** The machine's memory, MiB (for the gunicorn worker count). */
  readonly vmMemoryMiB: number;
  /** Cloud SQL machine tier (Enterprise edition, dedicated core: covered by the SLA, unlike shared-core tiers). */
  readonly sqlTier: string;
  /** Cloud SQL SSD size at creation, GB (grows automatically). */
  readonly sqlDiskGb: number;
  /** Whether REGIONAL (high availability) is on by default for this size. */
  readonly regionalByDefault: boolean;
  /** Monthly USD: Cloud Run's idle floor for the warm instances (request-based billing). */
  readonly cloudRunIdleMonthlyUsd: number;
  /** Monthly USD: the VM runtime's machine. */
  readonly vmMonthlyUsd: number;
  /** Monthly USD: one Cloud SQL instance with its disk (REGIONAL doubles it). */
  readonly sqlMonthlyUsd: number;
}

/** Sizes on Google Cloud. */
export const GOOGLE_SIZES: Readonly<Record<MathesarSize, GoogleSizeTier>> = {
  small: {
    cloudRunCpu: 1,
    cloudRunMemoryMiB: 2048,
    minInstances: 1,
    maxInstances: 2,
    vmMachineType: "e2-medium",
    vmVcpus: 2,
    vmMemoryMiB: 4096,
    sqlTier: "db-custom-1-3840",
    sqlDiskGb: 10,
    regionalByDefault: false,
    cloudRunIdleMonthlyUsd: 20,
    vmMonthlyUsd: 25,
    sqlMonthlyUsd: 51,
  },
  medium: {
    cloudRunCpu: 2,
    cloudRunMemoryMiB: 4096,
    minInstances: 1,
    maxInstances: 4,
    vmMachineType: "e2-standard-2",
    vmVcpus: 2,
    vmMemoryMiB: 8192,
    sqlTier: "db-custom-2-7680",
    sqlDiskGb: 20,
    regionalByDefault: false,
    cloudRunIdleMonthlyUsd: 39,
    vmMonthlyUsd: 49,
    sqlMonthlyUsd: 102,
  },
  large: {
    cloudRunCpu: 4,
    cloudRunMemoryMiB: 8192,
    minInstances: 2,
    maxInstances: 8,
    vmMachineType: "e2-standard-4",
    vmVcpus: 4,
    vmMemoryMiB: 16384,
    sqlTier: "db-custom-4-15360",
    sqlDiskGb: 50,
    regionalByDefault: true,
    cloudRunIdleMonthlyUsd: 158,
    vmMonthlyUsd: 98,
    sqlMonthlyUsd: 206,
  },
};

/** Fixed monthly costs (USD) beside the sizes. */
export const GOOGLE_FIXED_MONTHLY_USD = {
  /** Global external Application Load Balancer: the first five forwarding rules (we use two: 443 and 80). */
  loadBalancer: 18.25,
  /** A Cloud Armor policy with its rules (before $0.75 per million requests). */
  cloudArmor: 8,
  /** A static external IPv4 address in use (VM with Caddy). */
  staticIp: 3.65,
  /** Cloud NAT gateway for the VM behind the load balancer (before data processing). */
  cloudNat: 1,
  /** The VM's disks: 20 GB boot + 10 GB data, pd-balanced at $0.10 per GB. */
  vmDisks: 3,
} as const;

/** Monthly estimate of a deployment (us-central1 list prices, idle floor: traffic and egress come on top). */
export function googleMonthlyEstimateUsd(
  size: MathesarSize,
  options: {
    regional?: boolean;
    runtime?: "cloud_run" | "vm";
    vmEdge?: "load_balancer" | "caddy";
    cloudArmor?: boolean;
  } = {},
): number {
  const tier = GOOGLE_SIZES[size];
  const runtime = options.runtime ?? "cloud_run";
  const behindLoadBalancer = runtime === "cloud_run" || options.vmEdge !== "caddy";
  const sql = tier.sqlMonthlyUsd * ((options.regional ?? tier.regionalByDefault) ? 2 : 1);
  const compute = runtime === "cloud_run" ? tier.cloudRunIdleMonthlyUsd : tier.vmMonthlyUsd;
  const edge = behindLoadBalancer
    ? GOOGLE_FIXED_MONTHLY_USD.loadBalancer + (options.cloudArmor ? GOOGLE_FIXED_MONTHLY_USD.cloudArmor : 0)
    : GOOGLE_FIXED_MONTHLY_USD.staticIp;
  const nat = runtime === "vm" && behindLoadBalancer ? GOOGLE_FIXED_MONTHLY_USD.cloudNat : 0;
  const disks = runtime === "vm" ? GOOGLE_FIXED_MONTHLY_USD.vmDisks : 0;
  return Math.round(sql + compute + edge + nat + disks);
}

/** Region used when none is given (validation checks a VM's zone against it too). */
export const DEFAULT_GOOGLE_REGION = "us-central1";

/** Runtimes: Cloud Run (managed, the default) or one Compute Engine VM. */
export const GOOGLE_RUNTIMES = ["cloud_run", "vm"] as const;
/** One of {@link GOOGLE_RUNTIMES}. */
export type GoogleRuntime = (typeof GOOGLE_RUNTIMES)[number];

/** How a VM is reached: through the HTTPS load balancer, or directly with Caddy doing TLS. */
export const GOOGLE_VM_EDGES = ["load_balancer", "caddy"] as const;
/** One of {@link GOOGLE_VM_EDGES}. */
export type GoogleVmEdge = (typeof GOOGLE_VM_EDGES)[number];

/** The VM instance group's named port: the backend service's `port_name`, mapped to Mathesar's port. */
export const VM_NAMED_PORT = "http";

/** Name of the Mathesar VM (and its instance group and network tag) for a name prefix. */
export function vmInstanceName(name: string): string {
  return `${name}-mathesar`;
}

/** PostgreSQL majors Cloud SQL offers that Mathesar supports. */
export const GOOGLE_POSTGRES_VERSIONS = { min: 14, max: 17 } as const;

/** SSL policy of the HTTPS proxy: Google's MODERN profile with TLS 1.2 as the floor. */
export const GOOGLE_SSL_POLICY = { profile: "MODERN", minTlsVersion: "TLS_1_2" } as const;

/** Source ranges of Google's load balancer proxies and health checks (they reach backends from here). */
export const GOOGLE_LOAD_BALANCER_RANGES = ["35.191.0.0/16", "130.211.0.0/22"] as const;

/** Cloud SQL flags: the log settings of the CIS benchmark (Checkov CKV_GCP_51–56, 109, 110) and pgAudit for DDL and role changes. */
export const CLOUD_SQL_LOG_FLAGS: ReadonlyArray<{ name: string; value: string }> = [
  { name: "cloudsql.enable_pgaudit", value: "on" },
  { name: "log_checkpoints", value: "on" },
  { name: "log_connections", value: "on" },
  { name: "log_disconnections", value: "on" },
  { name: "log_lock_waits", value: "on" },
  { name: "log_min_duration_statement", value: "-1" },
  { name: "log_min_error_statement", value: "error" },
  { name: "log_min_messages", value: "error" },
  { name: "log_temp_files", value: "0" },
  { name: "pgaudit.log", value: "ddl,role" },
];

/** Docker Hub images must be named with their registry on Cloud Run and for a clear pull on the VM. */
export const DOCKER_HUB_REGISTRY = "docker.io";
