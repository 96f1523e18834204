/**
 * Building block: Mathesar on ECS Fargate in private subnets. Each task runs a `bootstrap` container first
 * (secret checks, role and grants, locked migrations, first admin, static files into a shared volume) and
 * then the `web` container, both on a read-only root filesystem with writable volumes only where Mathesar
 * writes. Secrets come from Secrets Manager through `secrets`, never `environment`; the execution role may
 * read exactly those secrets and write exactly its log group; the task role may do nothing. Deployments
 * roll back on failure (circuit breaker) and wait out first-boot work before health checks count.
 */
import { Construct } from "constructs";
import { Fn, IResolvable, ITerraformDependable, Token } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import {
  ADMIN_ENV,
  COLLECT_STATIC_COMMAND,
  DATABASE_CA_ENV,
  DATABASE_CA_FILE,
  DATABASE_ADMIN_ENV,
  MATHESAR_MEDIA_PATH,
  MATHESAR_PORT,
  MATHESAR_START_COMMAND_PREPARED,
  MATHESAR_WORKDIR,
  STARTUP_GRACE_SECONDS,
  adminBootstrapShellCommand,
  buildMathesarEnvironment,
  writeDatabaseCaCommand,
  isToken,
  mathesarImage,
} from "../mathesar";
import { asString, countIf, hclStringLiterals, ifElse, isNull, isSet, jsonencode, stableAddress } from "../terraform";
import { truthy } from "../terraform/wiring";
import { currentRegion } from "./region";

/** A value read from Secrets Manager: a secret ARN and, for JSON secrets, the key. */
export interface SecretReference {
  /** Secret ARN. */
  readonly arn: string;
  /**
   * JSON key inside the secret.
   * @default - the whole secret string
   */
  readonly jsonKey?: string;
}

/** The ECS `valueFrom` of a secret reference (`<arn>:<key>::` for a JSON key; the key may be a variable). */
export function valueFrom(reference: SecretReference): string {
  if (reference.jsonKey === undefined) return reference.arn;
  // format(), not a template string: the value may end up inside other Terraform functions.
  const keyed = Token.asString(Fn.format("%s:%s::", [reference.arn, reference.jsonKey]));
  return isToken(reference.jsonKey)
    ? Token.asString(Fn.conditional(isNull(reference.jsonKey), reference.arn, keyed))
    : keyed;
}

/** An ECS secret entry that may be present only when a condition (known to Terraform) holds. */
interface SecretEntry {
  readonly name: string;
  readonly ref: SecretReference;
  /** Present when true; a Terraform condition for module variables. @default true */
  readonly when?: boolean | string;
}

/**
 * The `secrets` list of a container. Entries whose presence is a Terraform condition make the whole list a
 * `concat(...)` expression; its literals are escaped here, as the call renders them as they are.
 */
function secretList(entries: SecretEntry[]): unknown {
  const toEntry = (e: SecretEntry) => ({ name: e.name, valueFrom: valueFrom(e.ref) });
  const sorted = [...entries].filter((e) => e.when !== false).sort((a, b) => a.name.localeCompare(b.name));
  const conditional = sorted.filter((e) => typeof e.when === "string");
  if (conditional.length === 0) return sorted.map(toEntry);
  const always = sorted.filter((e) => typeof e.when !== "string").map(toEntry);
  return Fn.concat([
    hclStringLiterals(always),
    ...conditional.map((e) => Fn.conditional(e.when, [hclStringLiterals(toEntry(e))], [])),
  ]);
}

/** Props of {@link MathesarAwsService}. */
export interface MathesarAwsServiceProps {
  /** Name prefix (cluster, service, log group). */
  readonly name: string;
  /** VPC of the service's security group. */
  readonly vpcId: string;
  /** Private subnets for the tasks (no public IPs). */
  readonly subnetIds: string[];
  /**
   * Image repository without tag (Docker Hub's or an ECR mirror). Whether the execution role may pull from
   * ECR is read from it alone, so a new version touches nothing but the task definition.
   */
  readonly imageRepository: string;
  /** The Mathesar version: the image tag (optionally `tag@sha256:…`). */
  readonly mathesarVersion: string;
  /** Task CPU units. */
  readonly cpu: number;
  /** Task memory (MiB). */
  readonly memoryMiB: number;
  /** Running tasks. */
  readonly desiredCount: number;
  /** Gunicorn workers per task. */
  readonly webConcurrency: number;
  /** Target group the `web` container registers in. */
  readonly targetGroupArn: string;
  /** Security group of the load balancer (the only source allowed to Mathesar's port). */
  readonly loadBalancerSecurityGroupId: string;
  /**
   * Listener rules the target group is attached by; the service waits for them.
   * @default - none: whoever composes the service makes it wait (the root module's `depends_on`)
   */
  readonly listenerRules?: ITerraformDependable[];
  /** Host name Mathesar is served at (`ALLOWED_HOSTS`). */
  readonly domainName: string;
  /** Internal database connection. */
  readonly database: {
    readonly host: string;
    readonly port: number;
    readonly name: string;
    readonly user: string;
    readonly password: SecretReference;
    readonly sslMode: string;
    /**
     * The server's CA certificate(s), PEM (public): a plain variable both containers write to a file before
     * they connect, named by `PGSSLROOTCERT`; needed for verify-ca/verify-full.
     * @default - none: the server's certificate is not verified
     */
    readonly caCertificate?: string;
    /**
     * The server's admin credentials: the bootstrap creates Mathesar's role and grants it its privileges. A
     * Terraform `user` that is null means none.
     * @default - the role exists and is prepared (an existing database)
     */
    readonly admin?: { readonly user: string; readonly password: SecretReference };
    /**
     * Security group of the database, to admit this service on the database port.
     * @default - no rule is added
     */
    readonly securityGroupId?: string;
    /**
     * Whether to add that rule. Needed when the group id is only known after apply (a group created in the
     * same run): Terraform must know at plan time how many rules there are.
     * @default - whether securityGroupId is set
     */
    readonly admitService?: boolean | IResolvable;
  };
  /** Django `SECRET_KEY`. */
  readonly secretKey: SecretReference;
  /** First admin. */
  readonly admin: {
    readonly enabled: boolean | IResolvable;
    readonly username: string;
    readonly email: string;
    readonly password: SecretReference;
  };
  /**
   * Mathesar SSO configuration JSON in Secrets Manager (a Terraform ARN that is null means none).
   * @default - password login only
   */
  readonly ssoConfig?: SecretReference;
  /**
   * Require SSO for everyone.
   * @default false
   */
  readonly requireSsoLogin?: boolean | IResolvable;
  /** Days to keep application logs. */
  readonly logRetentionDays: number;
  /**
   * Customer-managed KMS key (ARN) for the log group; its key policy must allow CloudWatch Logs.
   * @default - CloudWatch Logs' own encryption
   */
  readonly kmsKeyId?: string;
  /** Run both containers on a read-only root filesystem (writable volumes for static files, uploads, /tmp). */
  readonly readonlyRootFilesystem: boolean | IResolvable;
}

/** ECS container definitions as plain objects (what `jsonencode` receives). */
export type ContainerDefinition = Record<string, unknown>;

/** Image references served by ECR (`<account>.dkr.ecr.<region>.amazonaws.com/...`). */
// "[.]" rather than "\\.": the pattern is also written into HCL strings, where "\\." is not a valid escape.
export const ECR_IMAGE_PATTERN = "^[0-9]{12}[.]dkr[.]ecr[.][a-z0-9-]+[.]amazonaws[.]com";

/** Whether an image repository is served by ECR. */
export function imageFromEcr(image: string): boolean {
  return new RegExp(ECR_IMAGE_PATTERN).test(image);
}

/** Volumes (task-local storage) and where the containers mount them. */
const VOLUMES = { static: `${MATHESAR_WORKDIR}/static`, media: MATHESAR_MEDIA_PATH, tmp: "/tmp" } as const;

/** Mathesar's ECS service. */
export class MathesarAwsService extends Construct {
  /** The cluster (escape hatch). */
  public readonly cluster: EcsCluster;
  /** The service (escape hatch). */
  public readonly service: EcsService;
  /** The task definition (escape hatch). */
  public readonly taskDefinition: EcsTaskDefinition;
  /** The container definitions, as objects (for inspection and tests). */
  public readonly containerDefinitions: ContainerDefinition[];
  /** Role ECS uses to pull the image, read the secrets and write logs. */
  public readonly executionRole: IamRole;
  /** Role the containers run with: no permissions (Mathesar calls no AWS API). */
  public readonly taskRole: IamRole;
  /** The tasks' security group. */
  public readonly securityGroup: SecurityGroup;
  /** The log group. */
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: MathesarAwsServiceProps) {
    super(scope, id);
    const region = currentRegion(this);
    this.logGroup = stableAddress(
      new CloudwatchLogGroup(this, "LogGroup", {
        name: `/ecs/${props.name}`,
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.kmsKeyId,
      }),
      "this",
    );
    this.cluster = stableAddress(
      new EcsCluster(this, "Cluster", { name: props.name, setting: [{ name: "containerInsights", value: "enabled" }] }),
      "this",
    );

    // SSO is added below as a possibly conditional secret, so it is left out of the shared builder here.
    const ca = props.database.caCertificate;
    const built = buildMathesarEnvironment<SecretReference>({
      database: ca === undefined ? props.database : { ...props.database, caCertificatePath: DATABASE_CA_FILE },
      secretKey: props.secretKey,
      allowedHosts: props.domainName,
      webConcurrency: props.webConcurrency,
      requireSsoLogin: props.requireSsoLogin === undefined ? undefined : truthy(props.requireSsoLogin),
    });
    const environment =
      ca === undefined ? built : { plain: { ...built.plain, [DATABASE_CA_ENV]: ca }, secrets: built.secrets };
    // With the database's CA, both containers write its file first (PGSSLROOTCERT names it).
    const withCa = (script: string) => (ca === undefined ? script : `${writeDatabaseCaCommand()} && ${script}`);
    const env = (plain: Record<string, string>) =>
      Object.entries(plain)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value }));
    const admin = props.database.admin;
    // A Terraform value may be null: the admin role or the SSO secret then exists only when it is not.
    const adminEnabled = admin ? isSet(admin.user) : false;
    const shared: SecretEntry[] = [
      ...Object.entries(environment.secrets).map(([name, ref]) => ({ name, ref })),
      ...(props.ssoConfig ? [{ name: "SSO_CONFIG_DICT", ref: props.ssoConfig, when: isSet(props.ssoConfig.arn) }] : []),
    ];
    const logging = (prefix: string) => ({
      logDriver: "awslogs",
      options: { "awslogs-group": this.logGroup.name, "awslogs-region": region.name, "awslogs-stream-prefix": prefix },
    });
    const mounts = Object.entries(VOLUMES).map(([sourceVolume, containerPath]) => ({
      sourceVolume,
      containerPath,
      readOnly: false,
    }));
    const common = {
      image: mathesarImage(props.mathesarVersion, props.imageRepository),
      readonlyRootFilesystem: props.readonlyRootFilesystem,
      mountPoints: mounts,
      linuxParameters: { initProcessEnabled: true },
    };
    this.containerDefinitions = [
      {
        name: "bootstrap",
        ...common,
        essential: false,
        command: ["sh", "-c", withCa(`${adminBootstrapShellCommand()} && ${COLLECT_STATIC_COMMAND}`)],
        environment: env({
          ...environment.plain,
          [ADMIN_ENV.username]: ifElse(truthy(props.admin.enabled), props.admin.username, ""),
          [ADMIN_ENV.email]: props.admin.email,
          [DATABASE_ADMIN_ENV.user]: admin ? ifElse(adminEnabled, admin.user, "") : "",
        }),
        secrets: secretList([
          ...shared,
          { name: ADMIN_ENV.password, ref: props.admin.password },
          ...(admin ? [{ name: DATABASE_ADMIN_ENV.password, ref: admin.password, when: adminEnabled }] : []),
        ]),
        logConfiguration: logging("bootstrap"),
      },
      {
        name: "web",
        ...common,
        essential: true,
        command:
          ca === undefined
            ? [...MATHESAR_START_COMMAND_PREPARED]
            : ["sh", "-c", withCa(`exec ${MATHESAR_START_COMMAND_PREPARED.join(" ")}`)],
        portMappings: [{ containerPort: MATHESAR_PORT, protocol: "tcp" }],
        environment: env(environment.plain),
        secrets: secretList(shared),
        dependsOn: [{ containerName: "bootstrap", condition: "SUCCESS" }],
        logConfiguration: logging("web"),
      },
    ];

    // Optional secrets may be null in a module: compact() drops them from the policy.
    const optionalArns = [...(admin ? [admin.password.arn] : []), ...(props.ssoConfig ? [props.ssoConfig.arn] : [])];
    const fixedArns = [props.secretKey.arn, props.admin.password.arn, props.database.password.arn];
    const secretArns = optionalArns.some(isToken)
      ? Token.asList(Fn.compact([...fixedArns, ...optionalArns]))
      : [...fixedArns, ...optionalArns];
    const pullFromEcr = {
      // Only for an ECR mirror (ecr:GetAuthorizationToken has no resource-level permissions).
      Sid: "PullFromEcr",
      Effect: "Allow",
      Action: [
        "ecr:GetAuthorizationToken",
        "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
      ],
      Resource: "*",
    };
    const fromEcr = isToken(props.imageRepository)
      ? Token.asString(Fn.can(Fn.regex(ECR_IMAGE_PATTERN, props.imageRepository)))
      : imageFromEcr(props.imageRepository);
    const baseStatements = [
      {
        Sid: "Logs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: Fn.format("%s:*", [this.logGroup.arn]),
      },
      { Sid: "Secrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArns },
    ];
    // Secrets under a customer-managed key: decrypt with it, only on Secrets Manager's behalf.
    const decryptSecrets = {
      Sid: "DecryptSecrets",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: props.kmsKeyId,
      // format(), not a template: a "${…}" inside a conditional's operand is not resolved reliably by cdktf.
      Condition: {
        StringEquals: { "kms:ViaService": Fn.format("secretsmanager.%s.amazonaws.com", [currentRegion(this).name]) },
      },
    };
    const optionalStatements: Array<[boolean | string, object]> = [
      [fromEcr, pullFromEcr],
      ...(props.kmsKeyId === undefined
        ? []
        : ([[isToken(props.kmsKeyId) ? isSet(props.kmsKeyId) : true, decryptSecrets]] as Array<
            [boolean | string, object]
          >)),
    ];
    this.executionRole = this.role("ExecutionRole", "execution", props.name, {
      Version: "2012-10-17",
      Statement: optionalStatements.every(([when]) => typeof when === "boolean")
        ? [...baseStatements, ...optionalStatements.filter(([when]) => when === true).map(([, statement]) => statement)]
        : Fn.concat([
            baseStatements,
            ...optionalStatements.map(([when, statement]) =>
              typeof when === "boolean" ? (when ? [statement] : []) : Fn.conditional(when, [statement], []),
            ),
          ]),
    });
    this.taskRole = this.role("TaskRole", "task", props.name);

    this.taskDefinition = stableAddress(
      new EcsTaskDefinition(this, "TaskDefinition", {
        family: props.name,
        cpu: asString(props.cpu),
        memory: asString(props.memoryMiB),
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.taskRole.arn,
        volume: Object.keys(VOLUMES).map((name) => ({ name })),
        // An object through jsonencode(): booleans and numbers stay JSON booleans and numbers, variables included.
        containerDefinitions: jsonencode(this.containerDefinitions),
      }),
      "this",
    );

    this.securityGroup = stableAddress(
      new SecurityGroup(this, "SecurityGroup", {
        namePrefix: `${props.name}-service-`,
        description: "Mathesar tasks: the Mathesar port from the load balancer; HTTPS and PostgreSQL out",
        vpcId: props.vpcId,
        ingress: [
          {
            description: "Mathesar from the load balancer",
            protocol: "tcp",
            fromPort: MATHESAR_PORT,
            toPort: MATHESAR_PORT,
            securityGroups: [props.loadBalancerSecurityGroupId],
          },
        ],
        egress: [
          {
            description: "HTTPS: image registry, Secrets Manager, CloudWatch Logs",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: ["0.0.0.0/0"],
          },
          {
            description: "PostgreSQL: the Mathesar database and the databases it connects to",
            protocol: "tcp",
            fromPort: props.database.port,
            toPort: props.database.port,
            cidrBlocks: ["0.0.0.0/0"],
          },
        ],
        tags: { Name: `${props.name}-service` },
        lifecycle: { createBeforeDestroy: true },
      }),
      "service",
    );
    const databaseGroup = props.database.securityGroupId;
    if (databaseGroup !== undefined) {
      stableAddress(
        new VpcSecurityGroupIngressRule(this, "DatabaseIngress", {
          count: countIf(
            props.database.admitService === undefined ? isSet(databaseGroup) : truthy(props.database.admitService),
          ),
          securityGroupId: databaseGroup,
          referencedSecurityGroupId: this.securityGroup.id,
          ipProtocol: "tcp",
          fromPort: props.database.port,
          toPort: props.database.port,
          description: "PostgreSQL from the Mathesar service",
        }),
        "database_from_service",
      );
    }

    this.service = stableAddress(
      new EcsService(this, "Service", {
        name: props.name,
        cluster: this.cluster.id,
        taskDefinition: this.taskDefinition.arn,
        desiredCount: props.desiredCount,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        networkConfiguration: {
          subnets: props.subnetIds,
          securityGroups: [this.securityGroup.id],
          assignPublicIp: false,
        },
        loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: "web", containerPort: MATHESAR_PORT }],
        // First boot migrates an empty database and collects static files before the web container starts.
        healthCheckGracePeriodSeconds: STARTUP_GRACE_SECONDS * 2,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        enableEcsManagedTags: true,
        propagateTags: "SERVICE",
        dependsOn: props.listenerRules,
      }),
      "this",
    );
  }

  private role(id: string, address: string, name: string, policy?: Record<string, unknown>): IamRole {
    const role = stableAddress(
      new IamRole(this, id, {
        namePrefix: `${name}-${address}-`,
        assumeRolePolicy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      }),
      address,
    );
    if (policy)
      stableAddress(new IamRolePolicy(this, `${id}Policy`, { role: role.id, policy: Fn.jsonencode(policy) }), address);
    return role;
  }
}
