/**
 * DigitalOcean facts the target depends on: regions, instance and database sizes, prices, versions.
 * Sources: DigitalOcean's API specification and Terraform provider (2026); prices are list prices in USD
 * per month and change over time — docs/digitalocean.md says how to check them.
 */
import type { MathesarSize } from "../mathesar";

/**
 * Datacenter regions where both managed PostgreSQL and App Platform run, with the App Platform region
 * that serves each (App Platform names regions without the number).
 */
export const DO_REGIONS = {
  ams3: "ams",
  atl1: "atl",
  blr1: "blr",
  fra1: "fra",
  lon1: "lon",
  nyc1: "nyc",
  nyc3: "nyc",
  sfo2: "sfo",
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

/** Monthly list price of a size in USD, with or without a standby database node. */
export function doMonthlyEstimateUsd(size: MathesarSize, highAvailability = false): number {
  const tier = DO_SIZES[size];
  return tier.appMonthlyUsd + tier.databaseNodeMonthlyUsd * (highAvailability ? 2 : 1);
}
