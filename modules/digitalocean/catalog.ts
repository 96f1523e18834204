/**
 * DigitalOcean facts the target depends on: regions, instance and database sizes, prices, versions.
 * Sources: DigitalOcean's API specification and Terraform provider (2026); prices are list prices in USD
 * per month and change over time — docs/digitalocean.md says how to check them.
 */
import type { MathesarSize } from "../mathesar";

/**
 * Datacenter regions where both managed PostgreSQL and App Platform run, with the App Platform region
 * that serves each (App Platform names regions without the number). The app joins the VPC, so both must
 * be in the same datacenter: only pairs where the App Platform region runs in that datacenter are listed.
 * Left out: `sfo2` (App Platform's `sfo` runs in sfo3) and `nyc1` (App Platform's `nyc` lists nyc1 and
 * nyc3, and we cannot choose which one an app lands in; nyc3 is DigitalOcean's default New York
 * datacenter and this project's default region).
 */
export const DO_REGIONS = {
  ams3: "ams",
  atl1: "atl",
  blr1: "blr",
  fra1: "fra",
  lon1: "lon",
  nyc3: "nyc",
  sfo3: "sfo",
  sgp1: "sgp",
  syd1: "syd",
  tor1: "tor",
} as const;

/** A datacenter slug from {@link DO_REGIONS}. */
export type DoRegion = keyof typeof DO_REGIONS;

/** Region used when none is given. */
export const DEFAULT_DO_REGION: DoRegion = "nyc3";

/** PostgreSQL majors that both DigitalOcean (13–17) and Mathesar (14–18) support. */
export const DO_POSTGRES_VERSIONS = { min: 14, max: 17 } as const;

/** What a shared size means on DigitalOcean. */
export interface DoSizeTier {
  /** App Platform instance size of the Mathesar service. */
  readonly appInstanceSize: string;
  /** vCPUs of that instance (for the gunicorn worker count). */
  readonly appVcpus: number;
  /** Memory of that instance in MiB. */
  readonly appMemoryMiB: number;
  /** Managed PostgreSQL node size. */
  readonly databaseSize: string;
  /** Whether the database size can have a standby node (the smallest plan cannot). */
  readonly databaseSupportsStandby: boolean;
  /** List price of the app instance, USD per month. */
  readonly appMonthlyUsd: number;
  /** List price of one database node, USD per month (a standby costs the same again). */
  readonly databaseNodeMonthlyUsd: number;
}

/**
 * Sizes on DigitalOcean. Mathesar runs one instance: CSV imports write to the local disk in one request
 * and read it in the next, and App Platform has neither volumes nor sticky sessions, so a size scales up,
 * not out.
 */
export const DO_SIZES: Readonly<Record<MathesarSize, DoSizeTier>> = {
  small: {
    appInstanceSize: "apps-s-1vcpu-1gb",
    appVcpus: 1,
    appMemoryMiB: 1024,
    databaseSize: "db-s-1vcpu-1gb",
    databaseSupportsStandby: false,
    appMonthlyUsd: 12,
    databaseNodeMonthlyUsd: 15,
  },
  medium: {
    appInstanceSize: "apps-s-1vcpu-2gb",
    appVcpus: 1,
    appMemoryMiB: 2048,
    databaseSize: "db-s-1vcpu-2gb",
    databaseSupportsStandby: true,
    appMonthlyUsd: 25,
    databaseNodeMonthlyUsd: 30,
  },
  large: {
    appInstanceSize: "apps-s-2vcpu-4gb",
    appVcpus: 2,
    appMemoryMiB: 4096,
    databaseSize: "db-s-2vcpu-4gb",
    databaseSupportsStandby: true,
    appMonthlyUsd: 50,
    databaseNodeMonthlyUsd: 60,
  },
};

/**
 * List price of an App Platform dev database, USD per month (the one-click template's database). Quoted by
 * DigitalOcean's community answers; docs/digitalocean.md says to check the pricing page.
 */
export const DO_DEV_DATABASE_MONTHLY_USD = 7;

/**
 * Monthly list price of the one-click button's app: the web service on the small instance and a dev
 * database. The pre-deploy job runs for a minute or so per deployment and is billed per second on top.
 */
export function doDeployButtonMonthlyUsd(): number {
  return DO_SIZES.small.appMonthlyUsd + DO_DEV_DATABASE_MONTHLY_USD;
}

/** vCPUs and memory of an App Platform instance size, read from its slug (`apps-s-2vcpu-4gb` → 2, 4096 MiB). */
export function doAppInstanceResources(slug: string): { vcpus: number; memoryMiB: number } {
  const match = APP_INSTANCE_SLUG.exec(slug);
  if (!match) throw new Error(`Not an App Platform instance size: "${slug}"`);
  return { vcpus: Number(match[1]), memoryMiB: Math.round(Number(match[2]) * 1024) };
}

/** The part of an App Platform instance slug that names its vCPUs and memory (shared with Terraform's `regex`). */
export const APP_INSTANCE_SLUG_PATTERN = "^apps-[sd]-([0-9]+)vcpu-([0-9.]+)gb";
const APP_INSTANCE_SLUG = new RegExp(APP_INSTANCE_SLUG_PATTERN);

/**
 * Memory of a database node size in GB, read from its slug (`db-s-1vcpu-2gb` → 2); undefined when the
 * slug does not end in one.
 */
export function doDatabaseNodeMemoryGb(slug: string): number | undefined {
  const match = /-([0-9.]+)gb$/.exec(slug);
  return match ? Number(match[1]) : undefined;
}

/** DigitalOcean: "standby nodes are only supported for plans with 2 GB of RAM or more". */
export const DO_STANDBY_MIN_MEMORY_GB = 2;

/** Monthly list price of a size in USD, with or without a standby database node. */
export function doMonthlyEstimateUsd(size: MathesarSize, highAvailability = false): number {
  const tier = DO_SIZES[size];
  return tier.appMonthlyUsd + tier.databaseNodeMonthlyUsd * (highAvailability ? 2 : 1);
}
