/**
 * The defaults of `MathesarOnGoogleCloud`, declared once: the composite reads them for an unset prop, and the
 * published module's settings table (settings.ts) writes them as the variables' `default`s.
 */
import { CONTRACT_DEFAULTS, DEFAULT_MATHESAR_VERSION, DEFAULT_SIZE, MATHESAR_IMAGE_REPOSITORY } from "../mathesar";
import { DEFAULT_GOOGLE_REGION } from "./catalog";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "./edge";
import type { MathesarOnGoogleCloudProps } from "./props";

/** Every default of a Google Cloud deployment that is not picked by size. */
export const GOOGLE_DEFAULTS = {
  /** Prefix of every resource name. @default "mathesar" */
  name: CONTRACT_DEFAULTS.name,
  /** Region of everything regional. */
  region: DEFAULT_GOOGLE_REGION,
  /** The pinned Mathesar release. */
  mathesarVersion: DEFAULT_MATHESAR_VERSION,
  /** Docker Hub's repository. */
  imageRepository: MATHESAR_IMAGE_REPOSITORY,
  /** The size. */
  size: DEFAULT_SIZE,
  /** Cloud Run, the managed runtime. */
  runtime: "cloud_run" as const,
  /** A VM behind the load balancer (no public IP). */
  vmEdge: "load_balancer" as const,
  /** Cloud NAT for a VM without public IP. */
  vmCloudNat: true,
  /** The new subnetwork: /24 leaves Direct VPC egress room. */
  subnetCidr: "10.10.0.0/24",
  /** PostgreSQL major version of Cloud SQL. */
  databaseVersion: CONTRACT_DEFAULTS.databaseVersion,
  /** Daily backups kept. */
  backupRetentionDays: 7,
  /** Version of the database user's generated password. */
  passwordVersion: 1,
  /** TLS to Cloud SQL: encrypted (the instance refuses anything else). */
  sslMode: "require" as const,
  /** Deletion protection of the data and the guard. */
  deletionProtection: true,
  /** Cloud Armor's per-IP rate limit. */
  rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
  /** The first admin is created at deploy time. */
  adminEnabled: true,
  /** Username of the first admin. */
  adminUsername: CONTRACT_DEFAULTS.adminUsername,
  /** E-mail of the first admin. */
  adminEmail: CONTRACT_DEFAULTS.adminEmail,
  /** Password login stays. */
  requireSsoLogin: false,
  /** Labels every resource carries, under the user's. */
  labels: { application: "mathesar" } as Readonly<Record<string, string>>,
} as const;

/**
 * The props with the defaults the cross-field rules read filled in (region, runtime, a VM's edge), so a rule
 * and its message see the value the deployment will use — as the module's variables have it.
 */
export function withGoogleDefaults(props: MathesarOnGoogleCloudProps): MathesarOnGoogleCloudProps {
  return {
    ...props,
    region: props.region ?? GOOGLE_DEFAULTS.region,
    runtime: props.runtime ?? GOOGLE_DEFAULTS.runtime,
    vm: props.vm && { ...props.vm, edge: props.vm.edge ?? GOOGLE_DEFAULTS.vmEdge },
  };
}
