/**
 * `MathesarOnDigitalOcean`: a VPC, a managed PostgreSQL cluster (or your own database), a firewall that
 * admits only the app, generated secrets, and Mathesar on App Platform with HTTPS and a ready admin.
 */
import { Construct } from "constructs";
import { DataDigitaloceanDatabaseCa } from "@cdktf/provider-digitalocean/lib/data-digitalocean-database-ca";
import { DataDigitaloceanVpc } from "@cdktf/provider-digitalocean/lib/data-digitalocean-vpc";
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  MATHESAR_IMAGE_REPOSITORY,
  MathesarOutputs,
} from "../mathesar";
import { DeletionGuard, lookupIn, stableAddress } from "../terraform";
import { MathesarDoApp } from "./app";
import { DEFAULT_DO_REGION, DO_REGIONS, DO_SIZES } from "./catalog";
import { MathesarDoDatabase } from "./database";
import { MathesarDoDatabaseFirewall } from "./database-firewall";
import { MathesarDoNetwork } from "./network";
import type { MathesarOnDigitalOceanProps } from "./props";
import { MathesarDoSecrets } from "./secrets";
import { validateDigitalOceanProps } from "./validate";

/** What `terraform destroy` says while deletion protection is on. */
export const DO_DELETION_PROTECTION_MESSAGE =
  "Deletion protection is on for Mathesar's database and SECRET_KEY. Back up SECRET_KEY, set deletion_protection = false (deletionProtection: false), apply, then destroy.";

/** Name of the sensitive output that holds the generated admin password. */
export const DO_ADMIN_PASSWORD_OUTPUT = "admin_password";

/** Mathesar on DigitalOcean App Platform with managed PostgreSQL. */
export class MathesarOnDigitalOcean extends Construct {
  /** The VPC block, unless an existing VPC was given. */
  public readonly network?: MathesarDoNetwork;
  /** The managed database block, unless an existing database was given. */
  public readonly database?: MathesarDoDatabase;
  /** The database firewall, on managed databases only. */
  public readonly databaseFirewall?: MathesarDoDatabaseFirewall;
  /**
   * Refuses destroy and replacement while deletion protection is on: of the cluster and everything in it
   * with a managed database, of the SECRET_KEY (and the app holding it) in every mode.
   */
  public readonly deletionGuard: DeletionGuard;
  /** The existing VPC as DigitalOcean reports it (its range and region are checked), when one was given. */
  public readonly existingVpc?: DataDigitaloceanVpc;
  /** Generated secrets (Django key and admin password). */
  public readonly secrets: MathesarDoSecrets;
  /** The App Platform block. */
  public readonly app: MathesarDoApp;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;
  /** The generated admin password (sensitive). */
  public readonly adminPassword: string;
  /** The app's default host name, the CNAME target for a custom domain managed outside DigitalOcean. */
  public readonly cnameTarget: string;

  constructor(scope: Construct, id: string, props: MathesarOnDigitalOceanProps = {}) {
    super(scope, id);
    validateDigitalOceanProps(props);

    const name = props.name ?? CONTRACT_DEFAULTS.name;
    const region = props.region ?? DEFAULT_DO_REGION;
    const size = props.size ?? DEFAULT_SIZE;
    const tier = DO_SIZES[size];
    const adminUsername = props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername;
    const tags = Object.entries(props.tags ?? {}).map(([key, value]) => `${key}:${value}`);

    if (props.existingVpcId === undefined) {
      this.network = new MathesarDoNetwork(this, "Network", { name, region, ipRange: props.vpcIpRange });
    } else {
      // Read once: the firewall admits its range, and it must be in the region of the cluster and the app.
      this.existingVpc = stableAddress(
        new DataDigitaloceanVpc(this, "ExistingVpc", {
          id: props.existingVpcId,
          lifecycle: {
            postcondition: [
              {
                condition: `\${self.region == ${JSON.stringify(region)}}`,
                errorMessage: `Invalid existingVpcId: the existing VPC \${self.id} is in region \${self.region}; it must be in ${JSON.stringify(region)}, the region of the database and the app.`,
              },
            ],
          },
        }),
        "existing",
      );
    }
    const vpcId = props.existingVpcId ?? this.network!.vpcId;
    const vpcIpRange = this.network ? this.network.vpc.ipRange : this.existingVpc!.ipRange;
    this.secrets = new MathesarDoSecrets(this, "Secrets");

    const existing = props.database?.existing;
    let connection: MathesarDoAppConnection;
    if (existing) {
      connection = {
        database: {
          host: existing.host,
          port: existing.port ?? CONTRACT_DEFAULTS.databasePort,
          name: existing.databaseName ?? CONTRACT_DEFAULTS.databaseName,
          user: existing.user ?? CONTRACT_DEFAULTS.databaseUser,
          password: existing.password,
          sslMode: existing.sslMode ?? CONTRACT_DEFAULTS.sslMode,
        },
        databaseCaCertificate: existing.caCertificate,
      };
    } else {
      const managed = props.database?.managed ?? {};
      this.database = new MathesarDoDatabase(this, "Database", {
        name,
        region,
        vpcId,
        size: managed.nodeSize ?? tier.databaseSize,
        version: managed.version ?? CONTRACT_DEFAULTS.databaseVersion,
        highAvailability: managed.highAvailability ?? false,
        tags,
      });
      connection = {
        database: {
          host: this.database.cluster.privateHost,
          port: this.database.cluster.port,
          name: this.database.database.name,
          user: this.database.user.name,
          password: this.database.user.password,
          sslMode: managed.sslMode ?? "require",
        },
        databaseAdmin: { user: this.database.cluster.user, password: this.database.cluster.password },
        // verify-ca/verify-full: the cluster's own CA, as DigitalOcean serves it.
        databaseCaCertificate:
          (managed.sslMode ?? "require") === "require"
            ? undefined
            : stableAddress(
                new DataDigitaloceanDatabaseCa(this, "DatabaseCa", { clusterId: this.database.cluster.id }),
                "this",
              ).certificate,
      };
    }

    this.app = new MathesarDoApp(this, "App", {
      name,
      appRegion: lookupIn(DO_REGIONS, region),
      vpcId,
      imageRepository: props.imageRepository ?? MATHESAR_IMAGE_REPOSITORY,
      imageTag: props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION,
      // WEB_CONCURRENCY follows this instance size (the app derives it from the slug).
      instanceSize: props.appInstanceSize ?? tier.appInstanceSize,
      ...connection,
      secretKey: props.secretKey ?? this.secrets.secretKey,
      admin: {
        enabled: props.admin?.enabled ?? true,
        username: adminUsername,
        email: props.admin?.email ?? CONTRACT_DEFAULTS.adminEmail,
        password: this.secrets.adminPassword,
      },
      domainName: props.domainName,
      domainZone: props.domainZone,
      ssoConfigJson: props.sso?.configJson,
      requireSsoLogin: props.sso?.requireSsoLogin,
      ignoreEnvChanges: props.ignoreEnvChanges,
    });

    if (this.database) {
      this.databaseFirewall = new MathesarDoDatabaseFirewall(this, "DatabaseFirewall", {
        clusterId: this.database.cluster.id,
        appId: this.app.appId,
        vpcIpRange,
      });
    }
    // Guard everything whose loss loses data: the cluster and the database in it (managed mode), the
    // secret key that decrypts saved credentials — in the user's own database too — the firewall that
    // keeps the cluster closed, and the app that holds the key.
    const managedResources =
      this.database && this.databaseFirewall
        ? [this.database.cluster, this.database.database, this.database.user, this.databaseFirewall.firewall]
        : [];
    this.deletionGuard = new DeletionGuard(this, "DeletionGuard", {
      protects: [
        ...managedResources,
        this.secrets.secretKeyResource,
        this.secrets.adminPasswordResource,
        this.app.app,
        ...(this.network ? [this.network.vpc] : []),
      ],
      // The cluster, and the secret key: regenerating it would make saved credentials unreadable.
      replaceWhenChanged: [...(this.database ? [this.database.cluster.id] : []), this.secrets.secretKeyResource.id],
      enabled: existing ? (existing.deletionProtection ?? true) : (props.database?.managed?.deletionProtection ?? true),
      message: DO_DELETION_PROTECTION_MESSAGE,
    });

    this.adminPassword = this.secrets.adminPassword;
    this.cnameTarget = this.app.cnameTarget;
    this.outputs = {
      url: props.domainName ? `https://${props.domainName}/` : this.app.liveUrl,
      adminUsername,
      adminPasswordLocation: `terraform output -raw ${DO_ADMIN_PASSWORD_OUTPUT}`,
      databaseEndpoint: `${connection.database.host}:${connection.database.port}`,
      logs: `https://cloud.digitalocean.com/apps/${this.app.appId}/logs`,
    };
  }
}

/** The database part of the app's props. */
type MathesarDoAppConnection = Pick<
  ConstructorParameters<typeof MathesarDoApp>[2],
  "database" | "databaseAdmin" | "databaseCaCertificate"
>;
