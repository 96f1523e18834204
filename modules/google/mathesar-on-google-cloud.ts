/**
 * `MathesarOnGoogleCloud`: a private network (or yours), Cloud SQL for PostgreSQL on a private IP (or any
 * PostgreSQL), Mathesar on Cloud Run (or one VM), and a global HTTPS load balancer with a Google-managed
 * certificate in front — optionally with Google sign-in (IAP) and Cloud Armor; or, for the VM, Caddy doing TLS.
 * Generated secrets live in Secret Manager and never in Terraform state.
 */
import { Construct } from "constructs";
import type { SecretManagerSecretVersion } from "@cdktf/provider-google/lib/secret-manager-secret-version";
import { Fn, Token } from "cdktf";
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  MATHESAR_IMAGE_REPOSITORY,
  MathesarOutputs,
  webConcurrency,
} from "../mathesar";
import { DataGoogleComputeZones } from "@cdktf/provider-google/lib/data-google-compute-zones";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import { DeletionGuard, bareAddress, stableAddress } from "../terraform";
import { DEFAULT_GOOGLE_REGION, GOOGLE_SIZES, vmInstanceName } from "./catalog";
import { GoogleRuntimeSettings, MathesarGoogleCloudRun, googleRuntimeEnvironment } from "./cloud-run";
import { MathesarGoogleDatabase } from "./database";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, MathesarGoogleEdge, googleDnsRecord } from "./edge";
import { googleImage } from "./image";
import { MathesarGoogleNetwork } from "./network";
import type { MathesarOnGoogleCloudProps } from "./props";
import { MathesarGoogleSecrets } from "./secrets";
import { validateGoogleProps } from "./validate";
import { MathesarGoogleVm } from "./vm";

/** What `terraform destroy` says while deletion protection is on. */
export const GOOGLE_DELETION_PROTECTION_MESSAGE =
  "Deletion protection is on for Mathesar's database and its SECRET_KEY. Back up SECRET_KEY (and the database), set deletion_protection = false (or the prop), apply, then destroy.";

/** Cloud Logging link for a deployment's logs. */
export function googleLogsUrl(project: string, runtime: "cloud_run" | "vm", name: string): string {
  const query =
    runtime === "cloud_run"
      ? `resource.type="cloud_run_revision" resource.labels.service_name="${name}"`
      : `resource.type="gce_instance" labels."compute.googleapis.com/resource_name"="${vmInstanceName(name)}"`;
  return `https://console.cloud.google.com/logs/query;query=${encodeURIComponent(query)}?project=${project}`;
}

/** Mathesar on Google Cloud. */
export class MathesarOnGoogleCloud extends Construct {
  /** The network block (new, or only Private Service Access on yours). */
  public readonly network: MathesarGoogleNetwork;
  /** The managed database, unless an existing database was given. */
  public readonly database?: MathesarGoogleDatabase;
  /** Generated application secrets. */
  public readonly secrets: MathesarGoogleSecrets;
  /** The Cloud Run service (runtime "cloud_run"). */
  public readonly cloudRun?: MathesarGoogleCloudRun;
  /** The VM (runtime "vm"). */
  public readonly vm?: MathesarGoogleVm;
  /** The load balancer, unless the VM runs Caddy. */
  public readonly edge?: MathesarGoogleEdge;
  /** The address users reach: the load balancer's or the VM's. */
  public readonly ipAddress: string;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;
  /** Refuses destroy and replacement while deletion protection is on (with an existing database: of SECRET_KEY). */
  public readonly deletionGuard: DeletionGuard;

  constructor(scope: Construct, id: string, props: MathesarOnGoogleCloudProps) {
    super(scope, id);
    validateGoogleProps(props);
    const name = props.name ?? CONTRACT_DEFAULTS.name;
    const project = props.project;
    const region = props.region ?? DEFAULT_GOOGLE_REGION;
    const tier = GOOGLE_SIZES[props.size ?? DEFAULT_SIZE];
    const runtime = props.runtime ?? "cloud_run";
    const labels = { application: "mathesar", ...(props.tags ?? {}) };
    const existingDb = props.database?.existing;
    // With an existing database nothing of ours holds data but SECRET_KEY: the guard still keeps it, while the
    // stateless service and the transient uploads need not refuse deletion.
    const deletionProtection = props.deletionProtection ?? props.database?.managed?.deletionProtection ?? true;
    const resourcesProtected = existingDb ? false : deletionProtection;

    this.network = new MathesarGoogleNetwork(this, "Network", {
      name,
      project,
      region,
      existing: props.network?.existing,
      subnetCidr: props.network?.subnetCidr ?? "10.10.0.0/24",
      createPrivateServiceAccess:
        !existingDb && !(props.network?.existing?.privateServiceAccessConnected ?? !!props.network?.existing),
      privateServiceAccessCidr: props.network?.privateServiceAccessCidr,
    });
    this.secrets = new MathesarGoogleSecrets(this, "Secrets", { name, project, labels });

    let database: GoogleRuntimeSettings["database"];
    if (existingDb) {
      database = {
        host: existingDb.host,
        port: existingDb.port ?? CONTRACT_DEFAULTS.databasePort,
        name: existingDb.databaseName ?? CONTRACT_DEFAULTS.databaseName,
        user: existingDb.user ?? CONTRACT_DEFAULTS.databaseUser,
        passwordSecretId: existingDb.passwordSecretId,
        sslMode: existingDb.sslMode ?? CONTRACT_DEFAULTS.sslMode,
        caCertificate: existingDb.caCertificate,
      };
    } else {
      const managed = props.database?.managed ?? {};
      this.database = new MathesarGoogleDatabase(this, "Database", {
        name,
        project,
        region,
        networkId: this.network.networkId,
        dependsOn: this.network.dependables,
        version: managed.version ?? CONTRACT_DEFAULTS.databaseVersion,
        tier: managed.tier ?? tier.sqlTier,
        diskSizeGb: managed.diskSizeGb ?? tier.sqlDiskGb,
        highAvailability: managed.highAvailability ?? tier.regionalByDefault,
        backupRetentionDays: managed.backupRetentionDays ?? 7,
        passwordVersion: managed.passwordVersion ?? 1,
        deletionProtection: resourcesProtected,
        labels,
      });
      database = {
        host: this.database.privateIp,
        port: CONTRACT_DEFAULTS.databasePort,
        name: CONTRACT_DEFAULTS.databaseName,
        user: CONTRACT_DEFAULTS.databaseUser,
        passwordSecretId: this.database.passwordSecret.secretId,
        sslMode: managed.sslMode ?? "require",
        // verify-ca checks the server against the instance's own server CA, read from the instance.
        caCertificate: managed.sslMode === "verify-ca" ? this.database.serverCaCertificate : undefined,
      };
    }

    const image = googleImage(
      props.imageRepository ?? MATHESAR_IMAGE_REPOSITORY,
      props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION,
    );
    const settings = (workers: number): GoogleRuntimeSettings => ({
      name,
      project,
      image,
      domainName: props.domainName,
      webConcurrency: workers,
      database,
      secretKeySecretId: this.secrets.secretKey.secretId,
      admin: {
        enabled: props.admin?.enabled ?? true,
        username: props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername,
        email: props.admin?.email ?? CONTRACT_DEFAULTS.adminEmail,
        passwordSecretId: this.secrets.adminPassword.secretId,
      },
      ssoConfig: props.sso ? { secretId: props.sso.configSecretId } : undefined,
      requireSsoLogin: props.sso?.requireSsoLogin,
      labels,
    });

    const vmEdge = props.vm?.edge ?? "load_balancer";
    if (runtime === "cloud_run") {
      this.cloudRun = new MathesarGoogleCloudRun(this, "CloudRun", {
        ...settings(webConcurrency(tier.cloudRunCpu, tier.cloudRunMemoryMiB)),
        region,
        networkId: this.network.networkId,
        subnetworkId: this.network.subnetworkId,
        cpu: tier.cloudRunCpu,
        memoryMiB: tier.cloudRunMemoryMiB,
        minInstances: props.minInstances ?? tier.minInstances,
        maxInstances: props.maxInstances ?? Math.max(tier.maxInstances, props.minInstances ?? 0),
        deletionProtection: resourcesProtected,
        iapEnabled: props.iap !== undefined,
        // The versions, not just the secrets: the first revision needs a `latest` version of each.
        dependsOn: this.secretVersions(),
      });
    } else {
      const machineType = props.vm?.machineType ?? tier.vmMachineType;
      // Workers follow the size's machine (a machineType override keeps them: its memory is not known here).
      const runtimeSettings = settings(webConcurrency(tier.vmVcpus, tier.vmMemoryMiB));
      const environment = googleRuntimeEnvironment(runtimeSettings);
      const secretEnvironment = Object.fromEntries(
        Object.entries(environment.secrets).map(([key, secret]) => [key, secret.secretId]),
      );
      this.vm = new MathesarGoogleVm(this, "Vm", {
        name,
        project,
        region,
        zone: props.vm?.zone ?? this.firstZone(project, region),
        machineType,
        networkId: this.network.networkId,
        subnetworkId: this.network.subnetworkId,
        image,
        domainName: props.domainName,
        edge: vmEdge,
        environment: environment.plain,
        secretEnvironment,
        readableSecretIds: Object.values(secretEnvironment),
        allowedSourceRanges: props.vm?.allowedSourceRanges,
        acmeEmail: props.vm?.acmeEmail,
        createCloudNat: props.vm?.createCloudNat,
        labels,
      });
      // The first boot reads each secret's `latest` version (and the database user must exist): wait for them,
      // as Cloud Run does, instead of failing and retrying at boot.
      this.vm.instance.dependsOn = [...(this.vm.instance.dependsOn ?? []), ...this.secretVersions().map(bareAddress)];
    }

    if (runtime === "cloud_run" || vmEdge === "load_balancer") {
      this.edge = new MathesarGoogleEdge(this, "Edge", {
        name,
        project,
        region,
        domainName: props.domainName,
        backend: {
          cloudRunService: this.cloudRun?.service.name,
          instanceGroup: this.vm?.instanceGroup?.selfLink,
          useInstanceGroup: runtime === "vm",
        },
        iap: props.iap ? { enabled: true, ...props.iap } : undefined,
        cloudArmor: props.cloudArmor
          ? {
              enabled: true,
              allowedIpRanges: props.cloudArmor.allowedIpRanges,
              rateLimitPerMinute: props.cloudArmor.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
            }
          : undefined,
        securityPolicy: props.securityPolicy,
        dnsZone: props.dnsZone,
        labels,
      });
      this.ipAddress = this.edge.ipAddress;
    } else {
      this.ipAddress = this.vm!.address!.address;
      // Caddy obtains its certificate only once the name resolves to the VM: the record the prop promises.
      if (props.dnsZone !== undefined)
        googleDnsRecord(this, {
          project,
          dnsZone: props.dnsZone,
          domainName: props.domainName,
          ipAddress: this.ipAddress,
        });
    }

    // One guard over the deployment: Cloud SQL refuses deletion itself, but without the guard Terraform would
    // first destroy the SECRET_KEY that decrypts saved credentials, the uploads and the service. With an
    // existing database it keeps SECRET_KEY (secret and value), which decrypts what Mathesar saved there.
    const managedDatabase = this.database;
    this.deletionGuard = new DeletionGuard(this, "DeletionGuard", {
      protects: [
        this.secrets.secretKey.secret,
        this.secrets.adminPassword.secret,
        // A version holds the value itself (destroying the SECRET_KEY's loses every saved credential):
        // without these, Terraform would destroy the versions in parallel with the refusing guard.
        ...this.secretVersions(),
        ...(managedDatabase ? [managedDatabase.instance, managedDatabase.passwordSecret.secret] : []),
        ...(this.cloudRun ? [this.cloudRun.service, this.cloudRun.mediaBucket] : []),
        // The data disk holds uploads and Caddy's certificates and outlives VM replacements.
        ...(this.vm ? [this.vm.instance, this.vm.dataDisk] : []),
        ...(this.network.network ? [this.network.network] : []),
      ],
      // Both change only when the resource is created anew (each Cloud SQL instance has its own service account).
      replaceWhenChanged: [
        ...(managedDatabase ? [managedDatabase.instance.serviceAccountEmailAddress] : []),
        this.secrets.secretKey.secret.createTime,
      ],
      enabled: deletionProtection,
      message: GOOGLE_DELETION_PROTECTION_MESSAGE,
    });

    this.outputs = {
      url: `https://${props.domainName}/`,
      adminUsername: props.admin?.enabled === false ? "" : (props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername),
      adminPasswordLocation: this.secrets.adminPassword.name,
      databaseEndpoint: `${database.host}:${database.port}`,
      logs: googleLogsUrl(project, runtime, name),
    };
  }

  /** The versions holding the generated values (and, with a managed database, the password the user was given). */
  private secretVersions(): SecretManagerSecretVersion[] {
    return [
      this.secrets.secretKey.version,
      this.secrets.adminPassword.version,
      ...(this.database ? [this.database.passwordSecret.version] : []),
    ];
  }

  /**
   * The region's first zone that is up, read from the API when the VM is created — not every region has a
   * zone "a" (europe-west1 and us-east1 start at "b") — and then pinned in state: re-read at every plan, a
   * zone that is down would move the VM and its data disk (uploads, certificates) to another zone, empty.
   * A new project or region chooses again.
   */
  private firstZone(project: string, region: string): string {
    const zones = stableAddress(
      new DataGoogleComputeZones(this, "Zones", { project, region, status: "UP" }),
      "available",
    );
    const pin = stableAddress(
      new DataResource(this, "VmZone", {
        input: Fn.element(zones.names, 0),
        triggersReplace: { project, region },
        lifecycle: { ignoreChanges: ["input"] },
      }),
      "vm_zone",
    );
    return Token.asString(pin.output);
  }
}
