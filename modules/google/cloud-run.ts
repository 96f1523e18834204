/**
 * Building block: Mathesar on Cloud Run (v2). One container that, at every instance start, runs the shared
 * bootstrap (secret checks, locked migrations, the first admin), collects static files and then starts
 * gunicorn — Cloud Run has no init containers, and the bootstrap's advisory lock makes concurrent starts
 * safe. Traffic only through the load balancer (ingress `internal-and-cloud-load-balancing`), egress to
 * private ranges through Direct VPC egress (Cloud SQL's private IP), secrets as Secret Manager references,
 * a dedicated service account that may read exactly its secrets and its uploads bucket, uploads shared by
 * every instance through a Cloud Storage volume, and a startup probe that waits out first-boot migrations.
 */
import { Construct } from "constructs";
import { Fn, ITerraformDependable, Token, ref } from "cdktf";
import { CloudRunV2Service } from "@cdktf/provider-google/lib/cloud-run-v2-service";
import { CloudRunV2ServiceIamMember } from "@cdktf/provider-google/lib/cloud-run-v2-service-iam-member";
import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member";
import {
  ADMIN_ENV,
  COLLECT_STATIC_COMMAND,
  DATABASE_CA_ENV,
  DATABASE_CA_FILE,
  LIVENESS_PATH,
  MATHESAR_MEDIA_PATH,
  MATHESAR_PORT,
  MATHESAR_START_COMMAND_PREPARED,
  adminBootstrapShellCommand,
  buildMathesarEnvironment,
  writeDatabaseCaCommand,
} from "../mathesar";
import { asString, countIf, ifElse, isSet, not, stableAddress, times } from "../terraform";
import { asBoolean, truthy } from "../terraform/wiring";

/** The longest a Cloud Run startup probe may wait (failureThreshold × periodSeconds), in seconds. */
export const CLOUD_RUN_MAX_STARTUP_SECONDS = 240;

/** A secret the runtime reads: its Secret Manager id, and whether it is there (a Terraform condition in modules). */
export interface GoogleSecretEnv {
  /** Secret id (short, in the deployment's project) or full name. */
  readonly secretId: string;
  /** Present when true. @default true */
  readonly when?: boolean | string;
}

/** The connection and identity settings both runtimes (Cloud Run and the VM) take. */
export interface GoogleRuntimeSettings {
  /** Name prefix. */
  readonly name: string;
  /** Project. */
  readonly project: string;
  /** Full image reference `registry/repository:tag`. */
  readonly image: string;
  /** Host name Mathesar is served at (`ALLOWED_HOSTS`). */
  readonly domainName: string;
  /** Gunicorn workers per instance. */
  readonly webConcurrency: number;
  /** Internal database connection. */
  readonly database: {
    readonly host: string;
    readonly port: number;
    readonly name: string;
    readonly user: string;
    readonly passwordSecretId: string;
    readonly sslMode: string;
    /**
     * The server's CA certificate(s), PEM (public): a plain variable ({@link DATABASE_CA_ENV}) the start
     * command writes to {@link DATABASE_CA_FILE}, named by `PGSSLROOTCERT`; needed for verify-ca/verify-full.
     * In the module flavour it may come out as "none" (nothing is written).
     * @default - none: the server's certificate is not verified
     */
    readonly caCertificate?: string;
  };
  /** Secret holding `SECRET_KEY`. */
  readonly secretKeySecretId: string;
  /** First admin. */
  readonly admin: {
    readonly enabled: boolean;
    readonly username: string;
    readonly email: string;
    readonly passwordSecretId: string;
  };
  /**
   * SSO configuration secret (in the module flavour a variable that may be null: then absent).
   * @default - password login only
   */
  readonly ssoConfig?: { readonly secretId: string };
  /** Require SSO for everyone. @default false */
  readonly requireSsoLogin?: boolean;
  /** Labels. @default {} */
  readonly labels?: Record<string, string>;
}

/** What a runtime's container gets: plain variables, and variables read from Secret Manager. */
export interface GoogleRuntimeEnvironment {
  /** Plain variables, including the first admin's username and e-mail for the bootstrap. */
  readonly plain: Record<string, string>;
  /** Variable name → secret. */
  readonly secrets: Record<string, GoogleSecretEnv>;
}

/** The environment of Mathesar's container on Google Cloud (both runtimes): the shared builder, plus the bootstrap's inputs. */
export function googleRuntimeEnvironment(settings: GoogleRuntimeSettings): GoogleRuntimeEnvironment {
  const { caCertificate, ...database } = settings.database;
  const environment = buildMathesarEnvironment<GoogleSecretEnv>({
    database: {
      ...database,
      password: { secretId: settings.database.passwordSecretId },
      ...(caCertificate === undefined ? {} : { caCertificatePath: DATABASE_CA_FILE }),
    },
    secretKey: { secretId: settings.secretKeySecretId },
    allowedHosts: settings.domainName,
    webConcurrency: settings.webConcurrency,
    requireSsoLogin: settings.requireSsoLogin,
    ssoConfig: settings.ssoConfig && { ...settings.ssoConfig, when: isSet(settings.ssoConfig.secretId) },
  });
  return {
    plain: {
      ...environment.plain,
      ...(caCertificate === undefined ? {} : { [DATABASE_CA_ENV]: caCertificate }),
      [ADMIN_ENV.username]: ifElse(truthy(settings.admin.enabled), settings.admin.username, ""),
      [ADMIN_ENV.email]: settings.admin.email,
    },
    secrets: { ...environment.secrets, [ADMIN_ENV.password]: { secretId: settings.admin.passwordSecretId } },
  };
}

/**
 * The container's shell command: bootstrap (locked), static files, then the web server; with the database's CA
 * (`withDatabaseCa`), its file is written first (PGSSLROOTCERT names it).
 */
export function googleStartScript(withDatabaseCa = false): string {
  const caStep = withDatabaseCa ? `${writeDatabaseCaCommand()} && ` : "";
  return (
    `${caStep}${adminBootstrapShellCommand()} && ${COLLECT_STATIC_COMMAND} && ` +
    `exec ${MATHESAR_START_COMMAND_PREPARED.join(" ")}`
  );
}

/**
 * Grants `member` read access to each secret (a binding per secret, never project-wide). Conditional secrets
 * get a counted binding.
 */
export function grantSecretAccess(
  scope: Construct,
  project: string,
  member: string,
  secrets: Record<string, GoogleSecretEnv>,
): SecretManagerSecretIamMember[] {
  return Object.entries(secrets)
    .filter(([, secret]) => secret.when !== false)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([variable, secret]) =>
      stableAddress(
        new SecretManagerSecretIamMember(scope, `read_${variable}`, {
          project,
          secretId: secret.secretId,
          role: "roles/secretmanager.secretAccessor",
          member,
          count: secret.when === undefined || secret.when === true ? undefined : countIf(secret.when),
        }),
        variable.toLowerCase(),
      ),
    );
}

/** Props of {@link MathesarGoogleCloudRun}. */
export interface MathesarGoogleCloudRunProps extends GoogleRuntimeSettings {
  /** Region. */
  readonly region: string;
  /** Network of Direct VPC egress. */
  readonly networkId: string;
  /** Subnetwork of Direct VPC egress. */
  readonly subnetworkId: string;
  /** vCPUs per instance. */
  readonly cpu: number;
  /** Memory per instance, MiB. */
  readonly memoryMiB: number;
  /** Instances kept warm. */
  readonly minInstances: number;
  /** Most instances. */
  readonly maxInstances: number;
  /** Refuse to delete the service (Terraform's flag) and the uploads bucket's contents. */
  readonly deletionProtection: boolean;
  /**
   * What must exist before the first revision: the secrets' versions (Cloud Run refuses a revision whose
   * `latest` version is missing; a reference to a secret id waits only for the empty secret) and the
   * database user the bootstrap logs in as.
   * @default - nothing beyond the references
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Whether Identity-Aware Proxy guards the load balancer (a Terraform condition in the module flavour). Then
   * the service keeps its invoker check and only IAP's service agent may invoke it, so a caller inside the
   * network cannot reach Mathesar around IAP and Cloud Armor.
   * @default false
   */
  readonly iapEnabled?: boolean;
}

/** Mathesar's Cloud Run service. */
export class MathesarGoogleCloudRun extends Construct {
  /** The service (escape hatch). */
  public readonly service: CloudRunV2Service;
  /** The identity the service runs as. */
  public readonly serviceAccount: ServiceAccount;
  /** Uploaded files (CSV imports), shared by every instance. */
  public readonly mediaBucket: StorageBucket;
  /** The environment, as the container gets it (for inspection and tests). */
  public readonly environment: GoogleRuntimeEnvironment;

  constructor(scope: Construct, id: string, props: MathesarGoogleCloudRunProps) {
    super(scope, id);
    const iap = truthy(props.iapEnabled);
    this.serviceAccount = stableAddress(
      new ServiceAccount(this, "ServiceAccount", {
        project: props.project,
        accountId: `${props.name}-run`,
        displayName: "Mathesar on Cloud Run",
        description: "Reads Mathesar's secrets and its uploads bucket; nothing else.",
      }),
      "cloud_run",
    );
    const member = `serviceAccount:${this.serviceAccount.email}`;
    this.environment = googleRuntimeEnvironment(props);
    const grants = grantSecretAccess(this, props.project, member, this.environment.secrets);

    this.mediaBucket = stableAddress(
      new StorageBucket(this, "Media", {
        project: props.project,
        name: `${props.project}-${props.name}-media`,
        location: props.region,
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        forceDestroy: ifElse(truthy(props.deletionProtection), false, true),
        labels: props.labels,
      }),
      "media",
    );
    const bucketAccess = stableAddress(
      new StorageBucketIamMember(this, "MediaAccess", {
        bucket: this.mediaBucket.name,
        role: "roles/storage.objectUser",
        member,
      }),
      "media",
    );

    const env = [
      ...Object.entries(this.environment.plain).map(([name, value]) => ({ name, value })),
      ...Object.entries(this.environment.secrets)
        .filter(([, secret]) => secret.when !== false)
        .map(([name, secret]) => ({
          name,
          valueSource: { secretKeyRef: { secret: secret.secretId, version: "latest" } },
          when: secret.when,
        })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    const conditional = env.some((e) => "when" in e && typeof e.when === "string");
    const probe = { httpGet: { path: LIVENESS_PATH, port: MATHESAR_PORT }, timeoutSeconds: 5 };
    this.service = stableAddress(
      new CloudRunV2Service(this, "Service", {
        project: props.project,
        name: props.name,
        location: props.region,
        description: "Mathesar",
        // Only the load balancer (and internal sources) may reach it; the run.app URL answers 404 from outside.
        ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
        // Without IAP, no IAM check on invocation: the load balancer sends unauthenticated requests.
        // Equivalent to an allUsers invoker, but it also works under the "domain restricted sharing"
        // organization policy universities often have. With IAP, the check stays on (see below).
        invokerIamDisabled: asBoolean(not(iap)),
        deletionProtection: props.deletionProtection,
        labels: props.labels,
        dependsOn: [...grants, bucketAccess, ...(props.dependsOn ?? [])],
        template: {
          serviceAccount: this.serviceAccount.email,
          executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
          // Requests of one user stay on one instance where possible.
          sessionAffinity: true,
          timeout: "300s",
          maxInstanceRequestConcurrency: times(props.webConcurrency, 2),
          scaling: { minInstanceCount: props.minInstances, maxInstanceCount: props.maxInstances },
          vpcAccess: {
            networkInterfaces: [{ network: props.networkId, subnetwork: props.subnetworkId }],
            egress: "PRIVATE_RANGES_ONLY",
          },
          labels: props.labels,
          containers: [
            {
              name: "mathesar",
              image: props.image,
              command: ["sh", "-c", googleStartScript(props.database.caCertificate !== undefined)],
              ports: { containerPort: MATHESAR_PORT, name: "http1" },
              env: conditional
                ? undefined
                : env.map(({ name, ...rest }) => ({
                    name,
                    ...("value" in rest ? { value: rest.value } : { valueSource: rest.valueSource }),
                  })),
              resources: {
                limits: { cpu: asString(props.cpu), memory: `${asString(props.memoryMiB)}Mi` },
                // Request-based billing: warm instances cost a fraction while idle.
                cpuIdle: true,
                startupCpuBoost: true,
              },
              // Every start migrates and collects static files before gunicorn listens: allow all Cloud Run
              // permits (240 s). A first migration that takes longer is resumed by the next instance: each
              // migration commits on its own, and the bootstrap's lock is released with the killed connection.
              startupProbe: { ...probe, periodSeconds: 10, failureThreshold: CLOUD_RUN_MAX_STARTUP_SECONDS / 10 },
              livenessProbe: { ...probe, periodSeconds: 30, failureThreshold: 3 },
              volumeMounts: [{ name: "media", mountPath: MATHESAR_MEDIA_PATH }],
            },
          ],
          volumes: [{ name: "media", gcs: { bucket: this.mediaBucket.name, readOnly: false } }],
        },
      }),
      "this",
    );
    if (iap !== false) this.grantIapInvoker(props, iap);
    if (conditional) {
      // A secret that may be absent (a module variable) needs a dynamic block over a list Terraform builds;
      // plain entries carry an empty `secret`, secret entries an empty `value`.
      const entry = (e: (typeof env)[number]) =>
        "value" in e
          ? { name: e.name, value: e.value, secret: "" }
          : { name: e.name, value: "", secret: e.valueSource.secretKeyRef.secret };
      const always = env.filter((e) => !("when" in e) || typeof e.when !== "string").map(entry);
      const optional = env
        .filter((e) => "when" in e && typeof e.when === "string")
        .map((e) => Fn.conditional((e as { when: string }).when, [entry(e)], []));
      this.service.addOverride("template.containers.0.dynamic.env", {
        for_each: Token.asString(Fn.concat([always, ...optional])),
        content: {
          name: "${env.value.name}",
          value: '${env.value.secret == "" ? env.value.value : null}',
          dynamic: {
            value_source: {
              for_each: '${env.value.secret == "" ? [] : [env.value.secret]}',
              content: { secret_key_ref: { secret: "${value_source.value}", version: "latest" } },
            },
          },
        },
      });
    }
  }

  /**
   * IAP calls Cloud Run as its service agent, `service-<project number>@gcp-sa-iap.iam.gserviceaccount.com`
   * (Google's "Enabling IAP for Cloud Run"): it alone gets `roles/run.invoker`. The number is read from the API.
   */
  private grantIapInvoker(props: MathesarGoogleCloudRunProps, iap: true | string): void {
    const count = iap === true ? undefined : countIf(iap);
    const project = stableAddress(new DataGoogleProject(this, "Project", { projectId: props.project, count }), "this");
    const projectNumber =
      iap === true ? project.number : Token.asString(Fn.one(Token.asList(ref("data.google_project.this[*].number"))));
    stableAddress(
      new CloudRunV2ServiceIamMember(this, "IapInvoker", {
        project: props.project,
        location: props.region,
        name: this.service.name,
        role: "roles/run.invoker",
        member: `serviceAccount:service-${projectNumber}@gcp-sa-iap.iam.gserviceaccount.com`,
        count,
      }),
      "iap",
    );
  }
}
