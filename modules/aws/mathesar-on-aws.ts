/**
 * `MathesarOnAws`: a private network (or yours), RDS for PostgreSQL (or yours), Mathesar on ECS Fargate in
 * private subnets, and an Application Load Balancer with an ACM certificate in front — using only the
 * `aws` provider and Terraform built-ins, with every generated secret kept out of Terraform state.
 */
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  MATHESAR_IMAGE_REPOSITORY,
  MathesarOutputs,
  mathesarImage,
  webConcurrency,
} from "../mathesar";
import { DeletionGuard, stableAddress } from "../terraform";
import { AWS_SIZES } from "./catalog";
import { DB_SECRET_KEYS, MathesarAwsDatabase, RDS_MASTER_USERNAME } from "./database";
import { MathesarAwsEdge } from "./edge";
import { MathesarAwsNetwork } from "./network";
import type { MathesarOnAwsProps } from "./props";
import { MathesarAwsSecrets } from "./secrets";
import { MathesarAwsService, SecretReference } from "./service";
import { checkRegionAtPlan, literalProviderRegion } from "./region";
import { checkRegions, regionBoundProps, validateAwsProps, wrongRegionMessage } from "./validate";

/** What `terraform destroy` says while deletion protection is on. */
export const AWS_DELETION_PROTECTION_MESSAGE =
  "Deletion protection is on for Mathesar (its database and the SECRET_KEY secret). Back SECRET_KEY up first (see docs/aws.md), set deletion_protection = false and load_balancer_deletion_protection = false (or the props), apply, then destroy.";

/** Mathesar on AWS: Fargate + RDS + ALB. */
export class MathesarOnAws extends Construct {
  /** The network block, unless an existing VPC was given. */
  public readonly network?: MathesarAwsNetwork;
  /** The managed database, unless an existing database was given. */
  public readonly database?: MathesarAwsDatabase;
  /** Generated application secrets. */
  public readonly secrets: MathesarAwsSecrets;
  /** Load balancer, certificate, DNS. */
  public readonly edge: MathesarAwsEdge;
  /** The ECS service. */
  public readonly service: MathesarAwsService;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;
  /** Refuses destroy and replacement while deletion protection is on (with a managed or an existing database). */
  public readonly deletionGuard: DeletionGuard;

  constructor(scope: Construct, id: string, props: MathesarOnAwsProps) {
    super(scope, id);
    validateAwsProps(props);
    // ARNs and zones from another region fail only at apply (or never, until a task starts): check them
    // against the provider's region at synth when it is known, else when Terraform reads it at plan.
    const providerRegion = literalProviderRegion(this);
    if (providerRegion !== undefined) checkRegions(props, providerRegion);
    else
      checkRegionAtPlan(
        this,
        regionBoundProps(props).map((p) => ({
          region: p.region,
          message: wrongRegionMessage(p.prop, JSON.stringify(p.value), p.region, "${self.name}"),
        })),
      );
    const name = props.name ?? CONTRACT_DEFAULTS.name;
    const size = props.size ?? DEFAULT_SIZE;
    const tier = AWS_SIZES[size];
    const internal = props.internal ?? false;
    const deletionProtection = props.deletionProtection ?? props.database?.managed?.deletionProtection ?? true;

    // Network: the given VPC, or a new one over the given (or the first two available) zones.
    const existingNetwork = props.network?.existing;
    let vpcId: string;
    let vpcCidr: string;
    let publicSubnetIds: string[];
    let privateSubnetIds: string[];
    let databaseSubnetIds: string[];
    if (existingNetwork) {
      ({ vpcId, vpcCidr, privateSubnetIds } = existingNetwork);
      publicSubnetIds = existingNetwork.publicSubnetIds ?? [];
      databaseSubnetIds = existingNetwork.databaseSubnetIds ?? existingNetwork.privateSubnetIds;
    } else {
      const zones = props.network?.availabilityZones ?? this.firstTwoZones();
      this.network = new MathesarAwsNetwork(this, "Network", {
        name,
        cidr: props.network?.cidr ?? "10.0.0.0/16",
        availabilityZones: zones,
        zoneCount: props.network?.availabilityZones?.length ?? 2,
        egress: props.network?.egress ?? "nat_gateway",
        // Nothing faces the internet with an internal load balancer and VPC-endpoint egress.
        publicTier: !internal || (props.network?.egress ?? "nat_gateway") !== "vpc_endpoints",
        flowLogRetentionDays: props.network?.flowLogRetentionDays ?? 365,
        kmsKeyId: props.kmsKeyArn,
      });
      vpcId = this.network.vpc.id;
      vpcCidr = this.network.vpc.cidrBlock;
      ({ publicSubnetIds, privateSubnetIds, databaseSubnetIds } = this.network);
    }

    this.secrets = new MathesarAwsSecrets(this, "Secrets", { name, kmsKeyId: props.kmsKeyArn });

    const existingDb = props.database?.existing;
    let database: ConstructorParameters<typeof MathesarAwsService>[2]["database"];
    if (existingDb) {
      database = {
        host: existingDb.host,
        port: existingDb.port ?? CONTRACT_DEFAULTS.databasePort,
        name: existingDb.databaseName ?? CONTRACT_DEFAULTS.databaseName,
        user: existingDb.user ?? CONTRACT_DEFAULTS.databaseUser,
        password: { arn: existingDb.passwordSecretArn, jsonKey: existingDb.passwordSecretKey },
        sslMode: existingDb.sslMode ?? CONTRACT_DEFAULTS.sslMode,
        caCertificate: existingDb.caCertificate,
        securityGroupId: existingDb.securityGroupId,
      };
    } else {
      const managed = props.database?.managed ?? {};
      this.database = new MathesarAwsDatabase(this, "Database", {
        name,
        vpcId,
        subnetIds: databaseSubnetIds,
        version: managed.version ?? CONTRACT_DEFAULTS.databaseVersion,
        instanceClass: managed.instanceClass ?? tier.dbInstanceClass,
        allocatedStorageGiB: managed.allocatedStorageGiB ?? tier.dbAllocatedStorageGiB,
        multiAz: managed.highAvailability ?? tier.multiAzByDefault,
        backupRetentionDays: managed.backupRetentionDays ?? 7,
        deletionProtection,
        kmsKeyId: props.kmsKeyArn,
      });
      const secretKey = (arn: string): SecretReference => ({ arn, jsonKey: DB_SECRET_KEYS.password });
      database = {
        host: this.database.instance.address,
        port: this.database.instance.port,
        name: CONTRACT_DEFAULTS.databaseName,
        user: CONTRACT_DEFAULTS.databaseUser,
        password: secretKey(this.database.appSecret.arn),
        sslMode: props.database?.managed?.sslMode ?? "require",
        caCertificate: props.database?.managed?.caCertificate,
        admin: { user: RDS_MASTER_USERNAME, password: secretKey(this.database.masterSecret.arn) },
        securityGroupId: this.database.securityGroup.id,
        admitService: true,
      };
    }

    this.edge = new MathesarAwsEdge(this, "Edge", {
      name,
      vpcId,
      subnetIds: internal ? privateSubnetIds : publicSubnetIds,
      internal,
      allowedCidrs: props.allowedCidrs ?? (internal ? [vpcCidr] : ["0.0.0.0/0"]),
      vpcCidr,
      domainName: props.domainName,
      route53ZoneId: props.route53ZoneId,
      certificateArn: props.certificateArn,
      accessLogRetentionDays: props.accessLogRetentionDays ?? 90,
      deletionProtection: props.loadBalancerDeletionProtection ?? true,
      accessLogsForceDestroy: props.accessLogsForceDestroy ?? false,
      wafWebAclArn: props.wafWebAclArn,
      oidc: props.loadBalancerOidc,
    });

    this.service = new MathesarAwsService(this, "Service", {
      name,
      vpcId,
      subnetIds: privateSubnetIds,
      image: mathesarImage(
        props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION,
        props.imageRepository ?? MATHESAR_IMAGE_REPOSITORY,
      ),
      cpu: tier.taskCpu,
      memoryMiB: tier.taskMemoryMiB,
      desiredCount: tier.desiredCount,
      webConcurrency: webConcurrency(tier.taskCpu / 1024, tier.taskMemoryMiB),
      targetGroupArn: this.edge.targetGroup.arn,
      loadBalancerSecurityGroupId: this.edge.securityGroup.id,
      listenerRules: this.edge.forwardRules,
      domainName: props.domainName,
      database,
      secretKey: { arn: this.secrets.secretKey.arn },
      admin: {
        enabled: props.admin?.enabled ?? true,
        username: props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername,
        email: props.admin?.email ?? CONTRACT_DEFAULTS.adminEmail,
        password: { arn: this.secrets.adminPassword.arn },
      },
      ssoConfig: props.sso ? { arn: props.sso.configSecretArn } : undefined,
      requireSsoLogin: props.sso?.requireSsoLogin,
      logRetentionDays: props.logRetentionDays ?? 365,
      readonlyRootFilesystem: props.readonlyRootFilesystem ?? true,
      kmsKeyId: props.kmsKeyArn,
    });

    // One guard over the deployment: RDS and the load balancer refuse deletion themselves, but without the
    // guard Terraform would first destroy the secrets (SECRET_KEY above all), the service and a year of logs.
    // With an existing database it still guards SECRET_KEY, which decrypts what Mathesar saved there.
    this.deletionGuard = new DeletionGuard(this, "DeletionGuard", {
      protects: [
        ...(this.database ? [this.database.instance, this.database.appSecret.secret] : []),
        this.secrets.secretKey.secret,
        this.secrets.adminPassword.secret,
        this.service.service,
        this.service.logGroup,
        this.edge.loadBalancer,
        ...(this.network ? [this.network.vpc, this.network.flowLog] : []),
      ],
      replaceWhenChanged: [...(this.database ? [this.database.instance.id] : []), this.secrets.secretKey.arn],
      enabled: deletionProtection,
      message: AWS_DELETION_PROTECTION_MESSAGE,
    });

    this.outputs = {
      url: `https://${props.domainName}/`,
      adminUsername: props.admin?.enabled === false ? "" : (props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername),
      adminPasswordLocation: this.secrets.adminPassword.arn,
      databaseEndpoint: `${database.host}:${Token.isUnresolved(database.port) ? Fn.tostring(database.port) : database.port}`,
      logs: this.service.logGroup.name,
    };
  }

  /** The region's first two available zones (a data source: an API call during plan). */
  private firstTwoZones(): string[] {
    const zones = stableAddress(new DataAwsAvailabilityZones(this, "Zones", { state: "available" }), "available");
    return Fn.slice(zones.names, 0, 2);
  }
}
