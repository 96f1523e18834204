/**
 * The AWS target's one wiring: how the blocks are composed, for the `MathesarOnAws` construct (a
 * ConstructComposer: TypeScript decides) and for the root module of terraform-aws-mathesar (a
 * ModuleComposer: Terraform decides over its variables). Nothing else composes the blocks.
 */
import { Construct } from "constructs";
import { Fn, type IResolvable, type ITerraformDependable, TerraformHclModule, Token, ref } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import {
  CONTRACT_DEFAULTS,
  CONTRACT_OUTPUTS,
  type MathesarOutputs,
  type MathesarSize,
  NO_DATABASE_CA,
  webConcurrency,
} from "../mathesar";
import { DeletionGuard, type OutputSpec, isToken, lookupIn, stableAddress } from "../terraform";
import {
  type Block,
  type Composer,
  type Condition,
  all,
  any,
  choose,
  equal,
  firstOf,
  isAbsent,
  isPresent,
  not,
  truthy,
} from "../terraform/wiring";
import {
  AWS_DATABASE_BLOCK,
  AWS_EDGE_BLOCK,
  AWS_NETWORK_BLOCK,
  AWS_SECRETS_BLOCK,
  AWS_SERVICE_BLOCK,
  type AwsDatabaseOutput,
  type AwsEdgeOutput,
  type AwsNetworkOutput,
  type AwsServiceOutput,
} from "./blocks";
import { AWS_SIZES, type AwsSizeTier } from "./catalog";
import { DB_SECRET_KEYS, type MathesarAwsDatabase, RDS_MASTER_USERNAME } from "./database";
import type { MathesarAwsEdge } from "./edge";
import type { MathesarAwsNetwork } from "./network";
import type { MathesarOnAwsProps } from "./props";
import type { MathesarAwsSecrets } from "./secrets";
import type { MathesarAwsService, MathesarAwsServiceProps } from "./service";
import { AWS_DEFAULTS } from "./settings";

/** What `terraform destroy` says while deletion protection is on. */
export const AWS_DELETION_PROTECTION_MESSAGE =
  "Deletion protection is on for Mathesar (its database and the SECRET_KEY secret). Back SECRET_KEY up " +
  "first (see docs/aws.md), set deletion_protection = false and load_balancer_deletion_protection = " +
  "false (or the props), apply, then destroy.";

/** The composed deployment: its blocks, the contract outputs and the root module's outputs. */
export interface AwsComposition {
  /** The network block (absent with an existing VPC). */
  readonly network: Block<MathesarAwsNetwork, AwsNetworkOutput>;
  /** The secrets block. */
  readonly secrets: Block<MathesarAwsSecrets, "secret_key_arn" | "admin_password_arn">;
  /** The database block (absent with an existing database). */
  readonly database: Block<MathesarAwsDatabase, AwsDatabaseOutput>;
  /** The edge block. */
  readonly edge: Block<MathesarAwsEdge, AwsEdgeOutput>;
  /** The service block. */
  readonly service: Block<MathesarAwsService, AwsServiceOutput>;
  /** The deletion guard. */
  readonly deletionGuard: DeletionGuard;
  /** The contract's outputs. */
  readonly contract: MathesarOutputs;
  /** Every output of the root module, by name. */
  readonly outputs: Record<string, OutputSpec>;
}

/** A size table column for `size` (a known size, or `lookup()` of the column for a Terraform value). */
function sizeValue<V extends string | number>(size: MathesarSize, column: (tier: AwsSizeTier) => V): V {
  const table = Object.fromEntries(
    (Object.keys(AWS_SIZES) as MathesarSize[]).map((s) => [s, column(AWS_SIZES[s])]),
  ) as Record<string, V>;
  return lookupIn(table, size);
}

/** `value ?? fallback`, `coalesce(value, fallback)` for a Terraform value. */
function orElse<T extends number | boolean | IResolvable>(value: T | undefined, fallback: T | IResolvable): T {
  if (value === undefined) return fallback as T;
  if (!Token.isUnresolved(value)) return value;
  const coalesced = Fn.coalesce([value, fallback]);
  return (typeof fallback === "number" ? Token.asNumber(coalesced) : Token.asAny(coalesced)) as T;
}

/** A list prop with a fallback: `coalesce(value, fallback)` for a Terraform list. */
function listOr(value: string[] | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  return isTokenList(value) ? Token.asList(Fn.coalesce([value, fallback])) : value;
}

/** A Terraform list (cdktf encodes it as a one-element array), or a list holding a Terraform value. */
export function isTokenList(value: readonly string[]): boolean {
  return Token.isUnresolved(value) || value.some(isToken);
}

/** The CA the containers write: a Terraform value that is null becomes the service's "none". */
function caOrNone(ca: string | undefined): string | undefined {
  return ca !== undefined && isToken(ca) ? firstOf(ca, NO_DATABASE_CA) : ca;
}

/** A boolean condition as a boolean prop (cdktf's encoding of a Terraform boolean: an IResolvable). */
function asBoolean(condition: Condition): boolean | IResolvable {
  return typeof condition === "boolean" ? condition : Token.asAny(condition);
}

/** `first || otherwise()`, as a Terraform conditional (`||` would evaluate a null object's attribute). */
function orElseWhen(first: Condition, otherwise: () => Condition): Condition {
  if (typeof first === "boolean") return first || otherwise();
  return Token.asString(Fn.conditional(first, true, otherwise()));
}

/** What a block's construct protects, or the whole `module` block in the module flavour. */
function guarded<B extends Construct>(
  block: Block<B, string>,
  pick: (construct: B) => ITerraformDependable[],
): ITerraformDependable[] {
  return block.construct ? pick(block.construct) : block.dependables;
}

/** Composes Mathesar on AWS from the blocks; `props` are known (construct) or Terraform variables (module). */
export function composeAws(scope: Construct, props: MathesarOnAwsProps, composer: Composer): AwsComposition {
  const name = props.name ?? AWS_DEFAULTS.name;
  const size = props.size ?? AWS_DEFAULTS.size;
  const internal = props.internal ?? AWS_DEFAULTS.internal;
  const kmsKeyId = props.kmsKeyArn;
  const deletionProtection =
    props.deletionProtection ?? props.database?.managed?.deletionProtection ?? AWS_DEFAULTS.deletionProtection;

  // Network: a new VPC over the given (or the region's first two available) zones, or the given one.
  const existingNetwork = props.network?.existing;
  const newVpc = isAbsent(existingNetwork);
  const givenZones = props.network?.availabilityZones;
  const zonesData = composer.conditional(all(newVpc, isAbsent(givenZones)), () =>
    stableAddress(new DataAwsAvailabilityZones(scope, "Zones", { state: "available" }), "available"),
  );
  const zones = choose(
    isPresent(givenZones),
    () => givenZones!,
    () =>
      zonesData.resource && typeof newVpc === "boolean"
        ? Fn.slice(zonesData.resource.names, 0, 2)
        : Token.asList(Fn.slice(Fn.one(Token.asList(ref("data.aws_availability_zones.available[*].names"))), 0, 2)),
  );
  const egress = props.network?.egress ?? AWS_DEFAULTS.egress;
  const network = composer.block(
    scope,
    AWS_NETWORK_BLOCK,
    {
      name,
      cidr: props.network?.cidr ?? AWS_DEFAULTS.vpcCidr,
      availabilityZones: zones,
      // Known when the zones are (or are the first two); else the block counts the list.
      zoneCount: givenZones === undefined ? 2 : isTokenList(givenZones) ? undefined : givenZones.length,
      egress,
      // Nothing faces the internet with an internal load balancer and VPC-endpoint egress.
      publicTier: asBoolean(any(not(truthy(internal)), not(equal(egress, "vpc_endpoints")))),
      flowLogRetentionDays: props.network?.flowLogRetentionDays ?? AWS_DEFAULTS.flowLogRetentionDays,
      kmsKeyId,
    },
    newVpc,
  );
  const fromNetwork = (output: AwsNetworkOutput, existing: () => string) =>
    choose(newVpc, () => network.out(output), existing);
  const fromNetworkList = (output: AwsNetworkOutput, existing: () => string[]) =>
    choose(newVpc, () => Token.asList(network.out(output)), existing);
  const vpcId = fromNetwork("vpc_id", () => existingNetwork!.vpcId);
  const vpcCidr = fromNetwork("vpc_cidr", () => existingNetwork!.vpcCidr);
  const publicSubnetIds = fromNetworkList("public_subnet_ids", () => listOr(existingNetwork!.publicSubnetIds, []));
  const privateSubnetIds = fromNetworkList("private_subnet_ids", () => existingNetwork!.privateSubnetIds);
  const databaseSubnetIds = fromNetworkList("database_subnet_ids", () =>
    listOr(existingNetwork!.databaseSubnetIds, existingNetwork!.privateSubnetIds),
  );
  // The construct flavour reads the block's lists directly (a list output is not a string).
  const networkConstruct = network.construct;

  const secrets = composer.block(scope, AWS_SECRETS_BLOCK, { name, kmsKeyId });

  // Database: RDS, or the given PostgreSQL.
  const existingDb = props.database?.existing;
  const managed = isAbsent(existingDb);
  const rds = props.database?.managed ?? {};
  const database = composer.block(
    scope,
    AWS_DATABASE_BLOCK,
    {
      name,
      vpcId,
      subnetIds: networkConstruct ? networkConstruct.databaseSubnetIds : databaseSubnetIds,
      postgresVersion: rds.version ?? AWS_DEFAULTS.databaseVersion,
      instanceClass: firstOf(
        rds.instanceClass,
        sizeValue(size, (t) => t.dbInstanceClass),
      ),
      allocatedStorageGiB: orElse(
        rds.allocatedStorageGiB,
        sizeValue(size, (t) => t.dbAllocatedStorageGiB),
      ),
      highAvailability: orElse<boolean | IResolvable>(rds.highAvailability, multiAzBySize(size)),
      backupRetentionDays: rds.backupRetentionDays ?? AWS_DEFAULTS.backupRetentionDays,
      deletionProtection,
      kmsKeyId,
    },
    managed,
  );
  const fromDb = <T>(fromManaged: () => T, fromExisting: () => T) => choose(managed, fromManaged, fromExisting);
  const nothing = () => Token.asString(Token.nullValue());
  const serviceDatabase: MathesarAwsServiceProps["database"] = {
    host: fromDb(
      () => database.out("address"),
      () => existingDb!.host,
    ),
    port: fromDb(
      () => database.outNumber("port"),
      () => existingDb!.port ?? CONTRACT_DEFAULTS.databasePort,
    ),
    name: fromDb(
      () => CONTRACT_DEFAULTS.databaseName,
      () => existingDb!.databaseName ?? CONTRACT_DEFAULTS.databaseName,
    ),
    user: fromDb(
      () => CONTRACT_DEFAULTS.databaseUser,
      () => existingDb!.user ?? CONTRACT_DEFAULTS.databaseUser,
    ),
    password: {
      arn: fromDb(
        () => database.out("app_secret_arn"),
        () => existingDb!.passwordSecretArn,
      ),
      jsonKey: fromDb<string | undefined>(
        () => DB_SECRET_KEYS.password,
        () => existingDb!.passwordSecretKey,
      ),
    },
    sslMode: fromDb<string>(
      () => rds.sslMode ?? AWS_DEFAULTS.databaseSslMode,
      () => existingDb!.sslMode ?? CONTRACT_DEFAULTS.sslMode,
    ),
    caCertificate: caOrNone(
      fromDb(
        () => rds.caCertificate,
        () => existingDb!.caCertificate,
      ),
    ),
    // The bootstrap creates Mathesar's role with RDS's master credentials; an existing role is prepared already.
    admin:
      managed === false
        ? undefined
        : {
            user: fromDb(() => RDS_MASTER_USERNAME, nothing),
            password: {
              arn: fromDb(() => database.out("master_secret_arn"), nothing),
              jsonKey: DB_SECRET_KEYS.password,
            },
          },
    securityGroupId: fromDb<string | undefined>(
      () => database.out("security_group_id"),
      () => existingDb!.securityGroupId,
    ),
    // Known at plan although a new group's id is not: the rule exists for RDS and for a given group.
    admitService: asBoolean(orElseWhen(managed, () => isPresent(existingDb?.securityGroupId))),
  };

  const edge = composer.block(scope, AWS_EDGE_BLOCK, {
    name,
    vpcId,
    subnetIds: networkConstruct
      ? internal
        ? networkConstruct.privateSubnetIds
        : networkConstruct.publicSubnetIds
      : choose(
          truthy(internal),
          () => privateSubnetIds,
          () => publicSubnetIds,
        ),
    internal,
    allowedCidrs: listOr(
      props.allowedCidrs,
      choose(
        truthy(internal),
        () => [vpcCidr],
        () => ["0.0.0.0/0"],
      ),
    ),
    vpcCidr,
    domainName: props.domainName,
    route53ZoneId: props.route53ZoneId,
    certificateArn: props.certificateArn,
    accessLogRetentionDays: props.accessLogRetentionDays ?? AWS_DEFAULTS.accessLogRetentionDays,
    deletionProtection: props.loadBalancerDeletionProtection ?? AWS_DEFAULTS.loadBalancerDeletionProtection,
    accessLogsForceDestroy: props.accessLogsForceDestroy ?? AWS_DEFAULTS.accessLogsForceDestroy,
    wafWebAclArn: props.wafWebAclArn,
    oidc: props.loadBalancerOidc,
  });

  const cpu = sizeValue(size, (t) => t.taskCpu);
  const memoryMiB = sizeValue(size, (t) => t.taskMemoryMiB);
  const adminEnabled = props.admin?.enabled ?? true;
  const adminUsername = props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername;
  const service = composer.block(scope, AWS_SERVICE_BLOCK, {
    name,
    vpcId,
    subnetIds: networkConstruct ? networkConstruct.privateSubnetIds : privateSubnetIds,
    imageRepository: props.imageRepository ?? AWS_DEFAULTS.imageRepository,
    mathesarVersion: props.mathesarVersion ?? AWS_DEFAULTS.mathesarVersion,
    cpu,
    memoryMiB,
    desiredCount: sizeValue(size, (t) => t.desiredCount),
    webConcurrency: sizeValue(size, (t) => webConcurrency(t.taskCpu / 1024, t.taskMemoryMiB)),
    targetGroupArn: edge.out("target_group_arn"),
    loadBalancerSecurityGroupId: edge.out("security_group_id"),
    listenerRules: edge.construct?.forwardRules,
    domainName: props.domainName,
    database: serviceDatabase,
    secretKey: { arn: secrets.out("secret_key_arn") },
    admin: {
      enabled: adminEnabled,
      username: adminUsername,
      email: props.admin?.email ?? CONTRACT_DEFAULTS.adminEmail,
      password: { arn: secrets.out("admin_password_arn") },
    },
    ssoConfig: props.sso?.configSecretArn === undefined ? undefined : { arn: props.sso.configSecretArn },
    requireSsoLogin: props.sso?.requireSsoLogin,
    logRetentionDays: props.logRetentionDays ?? AWS_DEFAULTS.logRetentionDays,
    readonlyRootFilesystem: props.readonlyRootFilesystem ?? AWS_DEFAULTS.readonlyRootFilesystem,
    kmsKeyId,
  });
  // In the module flavour the target group's listener rule is in the edge module: wait for all of it.
  const [serviceModule] = service.dependables;
  if (!service.construct && serviceModule instanceof TerraformHclModule) {
    serviceModule.addOverride("depends_on", [`module.${AWS_EDGE_BLOCK.module}`]);
  }

  // One guard over the deployment: RDS and the load balancer refuse deletion themselves, but without the
  // guard Terraform would first destroy the secrets (SECRET_KEY above all), the service and a year of logs.
  // With an existing database it still guards SECRET_KEY, which decrypts what Mathesar saved there.
  const deletionGuard = new DeletionGuard(scope, "DeletionGuard", {
    protects: service.construct
      ? [
          ...guarded(database, (d) => [d.instance, d.appSecret.secret]),
          ...guarded(secrets, (s) => [s.secretKey.secret, s.adminPassword.secret]),
          ...guarded(service, (s) => [s.service, s.logGroup]),
          ...guarded(edge, (e) => [e.loadBalancer]),
          ...guarded(network, (n) => [n.vpc, n.flowLog]),
        ]
      : [network, secrets, database, edge, service].flatMap((block) => block.dependables),
    replaceWhenChanged: [
      ...(database.construct ? [database.construct.instance.id] : []),
      ...(managed === false || database.construct ? [] : [database.out("instance_resource_id")]),
      secrets.out("secret_key_arn"),
    ],
    enabled: truthy(deletionProtection, true),
    message: AWS_DELETION_PROTECTION_MESSAGE,
  });

  const port = serviceDatabase.port;
  const contract: MathesarOutputs = {
    url: `https://${props.domainName}/`,
    adminUsername: choose(
      truthy(adminEnabled, true),
      () => adminUsername,
      () => "",
    ),
    adminPasswordLocation: secrets.out("admin_password_arn"),
    databaseEndpoint: choose(
      managed,
      () => (database.construct ? `${serviceDatabase.host}:${Fn.tostring(port)}` : database.out("endpoint")),
      () => `${existingDb!.host}:${isToken(port) ? Fn.tostring(existingDb!.port) : port}`,
    ),
    logs: service.out("log_group_name"),
  };
  const outputs: Record<string, OutputSpec> = {
    [CONTRACT_OUTPUTS.url.name]: { value: contract.url, description: CONTRACT_OUTPUTS.url.description },
    [CONTRACT_OUTPUTS.adminUsername.name]: {
      value: contract.adminUsername,
      description: CONTRACT_OUTPUTS.adminUsername.description,
    },
    [CONTRACT_OUTPUTS.adminPasswordLocation.name]: {
      value: contract.adminPasswordLocation,
      description:
        "ARN of the Secrets Manager secret holding the first admin's password (aws secretsmanager get-secret-value --secret-id <arn>).",
    },
    [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
      value: contract.databaseEndpoint,
      description: CONTRACT_OUTPUTS.databaseEndpoint.description,
    },
    [CONTRACT_OUTPUTS.logs.name]: {
      value: contract.logs,
      description: "CloudWatch log group of Mathesar's containers.",
    },
    load_balancer_dns_name: {
      value: edge.out("dns_name"),
      description: "DNS name of the load balancer: point domain_name at it when DNS is not in Route 53.",
    },
    certificate_validation: {
      value: edge.out("certificate_validation"),
      description: "DNS records that validate the certificate when DNS is not in Route 53.",
    },
    vpc_id: { value: vpcId, description: "Id of the VPC." },
    secret_key_secret_arn: {
      value: secrets.out("secret_key_arn"),
      description:
        "ARN of the secret holding SECRET_KEY (back it up with the database; put an old installation's key here to restore).",
    },
    access_log_bucket: {
      value: edge.out("access_log_bucket"),
      description: "Bucket of the load balancer's access logs.",
    },
    load_balancer_security_group_id: {
      value: edge.out("security_group_id"),
      description: "Security group of the load balancer.",
    },
    service_security_group_id: {
      value: service.out("security_group_id"),
      description: "Security group of Mathesar's tasks (admit it on databases Mathesar should reach).",
    },
    database_instance_identifier: {
      value: choose(managed, () => database.out("instance_identifier"), nothing),
      description: "RDS instance identifier (null with an existing database).",
    },
    ecs_cluster_name: { value: service.out("cluster_name"), description: "ECS cluster." },
    ecs_service_name: {
      value: service.out("service_name"),
      description: "ECS service (aws ecs update-service --force-new-deployment to restart).",
    },
  };
  return { network, secrets, database, edge, service, deletionGuard, contract, outputs };
}

/** Multi-AZ by size: known, or `lookup()` for a Terraform size. */
function multiAzBySize(size: MathesarSize): boolean | IResolvable {
  if (!isToken(size)) return AWS_SIZES[size].multiAzByDefault;
  const table = Object.fromEntries(
    (Object.keys(AWS_SIZES) as MathesarSize[]).map((s) => [s, AWS_SIZES[s].multiAzByDefault]),
  );
  return Token.asAny(Fn.lookup(table as unknown as string, size));
}
