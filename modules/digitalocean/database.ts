/**
 * Building block: a managed PostgreSQL cluster inside the VPC holding Mathesar's internal database and
 * role. Deletion protection is added by the composer (it must cover the app's secrets too).
 */
import { Construct } from "constructs";
import { DatabaseCluster } from "@cdktf/provider-digitalocean/lib/database-cluster";
import { DatabaseDb } from "@cdktf/provider-digitalocean/lib/database-db";
import { DatabaseUser } from "@cdktf/provider-digitalocean/lib/database-user";
import { CONTRACT_DEFAULTS } from "../mathesar";
import { asString, ifElse, stableAddress } from "../terraform";

/** Props of {@link MathesarDoDatabase}. */
export interface MathesarDoDatabaseProps {
  /** Name prefix; the cluster is called `<name>-db`. */
  readonly name: string;
  /** Datacenter region, e.g. `nyc3`. */
  readonly region: string;
  /** VPC the cluster lives in; it gets no public access from the app's side. */
  readonly vpcId: string;
  /** Node size slug, e.g. `db-s-1vcpu-1gb`. */
  readonly nodeSize: string;
  /** PostgreSQL major version (14–17). */
  readonly postgresVersion: number;
  /** Add a standby node that takes over on failure (doubles the cost; not on the smallest size). */
  readonly highAvailability: boolean;
  /**
   * Tags for the cluster.
   * @default []
   */
  readonly tags?: string[];
}

/** Managed PostgreSQL for Mathesar's internal database. */
export class MathesarDoDatabase extends Construct {
  /** The cluster (escape hatch). */
  public readonly cluster: DatabaseCluster;
  /** Mathesar's internal database. */
  public readonly database: DatabaseDb;
  /** Mathesar's login role. */
  public readonly user: DatabaseUser;

  constructor(scope: Construct, id: string, props: MathesarDoDatabaseProps) {
    super(scope, id);
    this.cluster = stableAddress(
      new DatabaseCluster(this, "Cluster", {
        name: `${props.name}-db`,
        engine: "pg",
        version: asString(props.postgresVersion),
        size: props.nodeSize,
        region: props.region,
        // A standby node is what DigitalOcean calls high availability.
        nodeCount: ifElse(props.highAvailability, 2, 1),
        privateNetworkUuid: props.vpcId,
        tags: props.tags,
      }),
      "this",
    );
    this.database = stableAddress(
      new DatabaseDb(this, "Database", { clusterId: this.cluster.id, name: CONTRACT_DEFAULTS.databaseName }),
      "mathesar",
    );
    this.user = stableAddress(
      // After the database: destroy then removes the role first, the database next, the cluster last,
      // instead of three deletions racing on one cluster.
      new DatabaseUser(this, "User", {
        clusterId: this.cluster.id,
        name: CONTRACT_DEFAULTS.databaseUser,
        dependsOn: [this.database],
      }),
      "mathesar",
    );
  }
}
