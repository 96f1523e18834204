/**
 * The one wiring of the Google Cloud target: how the blocks are composed, read by both flavours. The
 * construct `MathesarOnGoogleCloud` runs it with a ConstructComposer (known props, TypeScript decides), the
 * published root module with a ModuleComposer (props are variables, Terraform decides); see
 * docs/architecture.md, "One wiring, two bindings".
 */
import { Construct } from "constructs";
import { Fn, type ITerraformDependable, TerraformHclModule, Token } from "cdktf";
import { DataGoogleComputeZones } from "@cdktf/provider-google/lib/data-google-compute-zones";
import { DnsRecordSet } from "@cdktf/provider-google/lib/dns-record-set";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import {
  CONTRACT_DEFAULTS,
  CONTRACT_OUTPUTS,
  NO_DATABASE_CA,
  type MathesarOutputs,
  isToken,
  webConcurrency,
} from "../mathesar";
import { DeletionGuard, type OutputSpec, bareAddress, lookupIn, stableAddress } from "../terraform";
import {
  type Block,
  type Composer,
  type Condition,
  all,
  asBoolean,
  choose,
  equal,
  firstOf,
  isPresent,
  not,
  oneOf,
  truthy,
} from "../terraform/wiring";
import {
  GOOGLE_CLOUD_RUN_BLOCK,
  GOOGLE_DATABASE_BLOCK,
  GOOGLE_EDGE_BLOCK,
  GOOGLE_NETWORK_BLOCK,
  GOOGLE_SECRETS_BLOCK,
  GOOGLE_VM_BLOCK,
} from "./blocks";
import { GOOGLE_SIZES, type GoogleSizeTier, vmInstanceName } from "./catalog";
import type { GoogleRuntimeSettings, MathesarGoogleCloudRun } from "./cloud-run";
import { behindLoadBalancer, cloudArmorOn, existingDatabase, iapOn, onCloudRun } from "./conditions";
import type { MathesarGoogleDatabase } from "./database";
import { GOOGLE_DEFAULTS } from "./defaults";
import type { MathesarGoogleEdge } from "./edge";
import { googleImage } from "./image";
import type { MathesarGoogleNetwork } from "./network";
import type { MathesarOnGoogleCloudProps } from "./props";
import type { MathesarGoogleSecrets } from "./secrets";
import type { MathesarGoogleVm } from "./vm";

/** What `destroy` says while deletion protection is on. */
export const GOOGLE_DELETION_PROTECTION_MESSAGE =
  "Deletion protection is on for Mathesar's database and its SECRET_KEY. Back up SECRET_KEY (and the " +
  "database), set deletion_protection = false (or the prop), apply, then destroy.";

/**
 * The Cloud Logging query of a deployment's logs. Inside a Terraform expression (a name that is a variable)
 * its quotes are escaped: cdktf writes string literals into expressions as they are.
 */
function logsQuery(runtime: "cloud_run" | "vm", name: string): string {
  const q = isToken(name) ? '\\"' : '"';
  return runtime === "cloud_run"
    ? `resource.type=${q}cloud_run_revision${q} resource.labels.service_name=${q}${name}${q}`
    : `resource.type=${q}gce_instance${q} labels.${q}compute.googleapis.com/resource_name${q}=${q}${vmInstanceName(name)}${q}`;
}

/** Cloud Logging link for a deployment's logs. */
export function googleLogsUrl(project: string, runtime: "cloud_run" | "vm", name: string): string {
  return `https://console.cloud.google.com/logs/query;query=${encodeURIComponent(logsQuery(runtime, name))}?project=${project}`;
}

/** What the wiring built, for the composite's public fields and the root module's outputs. */
export interface GoogleComposition {
  /** The network block (always). */
  readonly network: Block<MathesarGoogleNetwork, string>;
  /** The application secrets block (always). */
  readonly secrets: Block<MathesarGoogleSecrets, string>;
  /** Cloud SQL, unless an existing database is given. */
  readonly database: Block<MathesarGoogleDatabase, string>;
  /** Cloud Run, with runtime "cloud_run". */
  readonly cloudRun: Block<MathesarGoogleCloudRun, string>;
  /** The VM, with runtime "vm". */
  readonly vm: Block<MathesarGoogleVm, string>;
  /** The load balancer, unless the VM runs Caddy. */
  readonly edge: Block<MathesarGoogleEdge, string>;
  /** The address users reach: the load balancer's or the VM's. */
  readonly ipAddress: string;
  /** The guard that refuses destroy and replacement while deletion protection is on. */
  readonly deletionGuard: DeletionGuard;
  /** The contract outputs. */
  readonly contract: MathesarOutputs;
  /** The root module's outputs. */
  readonly outputs: Record<string, OutputSpec>;
}

/** A column of the size table for `size`: the value, or `lookup({...}, size)`. */
function sized<V extends string | number>(size: string, pick: (tier: GoogleSizeTier) => V): V {
  const table = Object.fromEntries(Object.entries(GOOGLE_SIZES).map(([key, tier]) => [key, pick(tier)]));
  return lookupIn(table as Record<string, V>, size);
}

/** `value ?? fallback` for a number (`coalesce` in Terraform). */
function orNumber(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return isToken(value) || isToken(fallback) ? Token.asNumber(Fn.coalesce([value, fallback])) : value;
}

/** `value ?? fallback` for a boolean (`coalesce` in Terraform). */
function orCondition(value: boolean | undefined, fallback: Condition): Condition {
  if (value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  return Token.asString(Fn.coalesce([value, fallback]));
}

/** The larger of two numbers. */
function larger(a: number, b: number): number {
  return isToken(a) || isToken(b) ? Token.asNumber(Fn.max([a, b])) : Math.max(a, b);
}

/** A field of an optional object: undefined when absent, null in Terraform when the object variable is null. */
function fieldOf<T extends object>(object: T | undefined, pick: (object: T) => string): string | undefined {
  if (object === undefined) return undefined;
  return choose(
    isPresent(object),
    () => pick(object),
    () => Token.asString(Token.nullValue()),
  );
}

/** An output of a block that may be absent: undefined when known absent, null in Terraform. */
function optionalOut<O extends string>(block: Block<Construct, O>, name: O): string | undefined {
  return block.present === false ? undefined : block.out(name);
}

/** `items` when `present`: a list in TypeScript, `present ? [...] : []` in Terraform. */
function listWhen(present: Condition, items: () => string[]): string[] {
  return choose(present, items, () => []);
}

/** Two lists as one. */
function joined(a: string[], b: string[]): string[] {
  return Token.isUnresolved(a) || Token.isUnresolved(b) ? Token.asList(Fn.concat([a, b])) : [...a, ...b];
}

/** What a block's guard protects: the given resources of its construct, or the `module` block. */
function guarded<B extends Construct>(block: Block<B, string>, pick: (construct: B) => ITerraformDependable[]) {
  return block.construct ? pick(block.construct) : block.dependables;
}

/** In the module flavour, `block` waits for the `module` blocks of `others` (the constructs wait by their props). */
function after(block: Block<Construct, string>, others: Array<Block<Construct, string>>): void {
  const [module] = block.dependables;
  if (!(module instanceof TerraformHclModule)) return;
  module.addOverride(
    "depends_on",
    others.flatMap((o) => o.dependables).map((m) => `module.${(m as TerraformHclModule).friendlyUniqueId}`),
  );
}

/** Composes Mathesar on Google Cloud from the blocks; the ONLY place the blocks are put together. */
export function composeGoogle(
  scope: Construct,
  props: MathesarOnGoogleCloudProps,
  composer: Composer,
): GoogleComposition {
  const name = props.name ?? GOOGLE_DEFAULTS.name;
  const project = props.project;
  const region = props.region ?? GOOGLE_DEFAULTS.region;
  const size = props.size ?? GOOGLE_DEFAULTS.size;
  const cloudRunOn = onCloudRun(props);
  const loadBalancerOn = behindLoadBalancer(props);
  const existingOn = existingDatabase(props);
  const existingDb = props.database?.existing;
  const managed = props.database?.managed ?? {};
  const labels: Record<string, string> = props.tags
    ? isToken(props.tags) || Token.isUnresolved(props.tags)
      ? Token.asStringMap(Fn.merge([{ ...GOOGLE_DEFAULTS.labels }, props.tags]))
      : { ...GOOGLE_DEFAULTS.labels, ...props.tags }
    : { ...GOOGLE_DEFAULTS.labels };
  const deletionProtection = truthy(
    props.deletionProtection ?? managed.deletionProtection ?? GOOGLE_DEFAULTS.deletionProtection,
  );
  // With an existing database nothing of ours holds data but SECRET_KEY: the guard still keeps it, while the
  // stateless service and the transient uploads need not refuse deletion.
  const resourcesProtected = asBoolean(all(deletionProtection, not(existingOn)));

  const existingNetwork = props.network?.existing;
  const network = composer.block(scope, GOOGLE_NETWORK_BLOCK, {
    name,
    project,
    region,
    existing: existingNetwork && {
      networkId: fieldOf(existingNetwork, (e) => e.networkId)!,
      subnetworkId: fieldOf(existingNetwork, (e) => e.subnetworkId)!,
    },
    subnetCidr: props.network?.subnetCidr ?? GOOGLE_DEFAULTS.subnetCidr,
    // Private Service Access once per network, for the Cloud SQL created here.
    // (The conditional outermost: Terraform would read `a && b ? c : d` as `(a && b) ? c : d`.)
    createPrivateServiceAccess: asBoolean(
      choose(
        isPresent(existingNetwork),
        () => all(not(existingOn), not(truthy(existingNetwork!.privateServiceAccessConnected, true))),
        () => not(existingOn),
      ),
    ),
    privateServiceAccessCidr: props.network?.privateServiceAccessCidr,
  });
  const secrets = composer.block(scope, GOOGLE_SECRETS_BLOCK, { name, project, labels });

  const database = composer.block(
    scope,
    GOOGLE_DATABASE_BLOCK,
    {
      name,
      project,
      region,
      networkId: network.out("network_id"),
      // Cloud SQL needs the Private Service Access connection first.
      dependsOn: network.construct?.dependables,
      version: managed.version ?? GOOGLE_DEFAULTS.databaseVersion,
      tier: firstOf(
        managed.tier,
        sized(size, (t) => t.sqlTier),
      ),
      diskSizeGb: orNumber(
        managed.diskSizeGb,
        sized(size, (t) => t.sqlDiskGb),
      ),
      highAvailability: asBoolean(
        orCondition(
          managed.highAvailability,
          oneOf(
            size,
            Object.keys(GOOGLE_SIZES).filter((s) => GOOGLE_SIZES[s as keyof typeof GOOGLE_SIZES].regionalByDefault),
          ),
        ),
      ),
      backupRetentionDays: managed.backupRetentionDays ?? GOOGLE_DEFAULTS.backupRetentionDays,
      passwordVersion: managed.passwordVersion ?? GOOGLE_DEFAULTS.passwordVersion,
      deletionProtection: asBoolean(deletionProtection),
      labels,
    },
    not(existingOn),
  );
  after(database, [network]);

  const managedSslMode = managed.sslMode ?? GOOGLE_DEFAULTS.sslMode;
  // The module cannot leave a variable out: "none" tells the start command to write no CA.
  const noCa = composer.flavour === "module" ? NO_DATABASE_CA : undefined;
  const connection: GoogleRuntimeSettings["database"] = {
    host: choose(
      existingOn,
      () => existingDb!.host,
      () => database.out("private_ip"),
    ),
    port: choose(
      existingOn,
      () => existingDb!.port ?? CONTRACT_DEFAULTS.databasePort,
      () => CONTRACT_DEFAULTS.databasePort,
    ),
    name: choose(
      existingOn,
      () => existingDb!.databaseName ?? CONTRACT_DEFAULTS.databaseName,
      () => CONTRACT_DEFAULTS.databaseName,
    ),
    user: choose(
      existingOn,
      () => existingDb!.user ?? CONTRACT_DEFAULTS.databaseUser,
      () => CONTRACT_DEFAULTS.databaseUser,
    ),
    passwordSecretId: choose(
      existingOn,
      () => existingDb!.passwordSecretId,
      () => database.out("password_secret_id"),
    ),
    sslMode: choose(
      existingOn,
      () => existingDb!.sslMode ?? CONTRACT_DEFAULTS.sslMode,
      () => managedSslMode,
    ),
    // verify-ca checks Cloud SQL against the instance's own server CA, read from the instance.
    caCertificate: choose(
      existingOn,
      () => (noCa === undefined ? existingDb!.caCertificate : firstOf(existingDb!.caCertificate, noCa)),
      () =>
        choose(
          equal(managedSslMode, "verify-ca"),
          () => database.out("server_ca_certificate"),
          () => noCa,
        ),
    ),
  };

  const image = googleImage(
    props.imageRepository ?? GOOGLE_DEFAULTS.imageRepository,
    props.mathesarVersion ?? GOOGLE_DEFAULTS.mathesarVersion,
  );
  const runtime = (workers: number): GoogleRuntimeSettings => ({
    name,
    project,
    image,
    domainName: props.domainName,
    webConcurrency: workers,
    database: connection,
    secretKeySecretId: secrets.out("secret_key_secret_id"),
    admin: {
      enabled: props.admin?.enabled ?? GOOGLE_DEFAULTS.adminEnabled,
      username: props.admin?.username ?? GOOGLE_DEFAULTS.adminUsername,
      email: props.admin?.email ?? GOOGLE_DEFAULTS.adminEmail,
      passwordSecretId: secrets.out("admin_password_secret_id"),
    },
    ssoConfig: props.sso ? { secretId: props.sso.configSecretId } : undefined,
    requireSsoLogin: props.sso?.requireSsoLogin,
    labels,
  });
  // The first revision (or boot) reads each secret's `latest` version, and the database user must exist.
  const secretVersions = () => [
    ...(secrets.construct ? [secrets.construct.secretKey.version, secrets.construct.adminPassword.version] : []),
    ...(database.construct ? [database.construct.passwordSecret.version] : []),
  ];

  const minInstances = orNumber(
    props.minInstances,
    sized(size, (t) => t.minInstances),
  );
  const cloudRun = composer.block(
    scope,
    GOOGLE_CLOUD_RUN_BLOCK,
    {
      ...runtime(sized(size, (t) => webConcurrency(t.cloudRunCpu, t.cloudRunMemoryMiB))),
      region,
      networkId: network.out("network_id"),
      subnetworkId: network.out("subnetwork_id"),
      cpu: sized(size, (t) => t.cloudRunCpu),
      memoryMiB: sized(size, (t) => t.cloudRunMemoryMiB),
      minInstances,
      maxInstances: larger(
        orNumber(
          props.maxInstances,
          sized(size, (t) => t.maxInstances),
        ),
        orNumber(props.minInstances, 0),
      ),
      deletionProtection: resourcesProtected,
      // IAP on the load balancer: the service keeps its invoker check for IAP's service agent.
      iapEnabled: asBoolean(iapOn(props)),
      dependsOn: secretVersions(),
    },
    cloudRunOn,
  );

  // Not every region has a zone "a" (europe-west1 and us-east1 start at "b"): the region's first zone that is
  // up, read when the VM is created and then pinned in state — re-read at every plan, a zone that is down
  // would move the VM and its data disk (uploads, certificates) to another zone, empty.
  const pickZone = all(not(cloudRunOn), not(isPresent(props.vm?.zone)));
  const zones = composer.conditional(pickZone, () =>
    stableAddress(new DataGoogleComputeZones(scope, "Zones", { project, region, status: "UP" }), "available"),
  );
  const zonePin = composer.conditional(pickZone, () =>
    stableAddress(
      new DataResource(scope, "VmZone", {
        input: Fn.element(Token.asList(zones.attribute("names", (z) => Token.asString(z.names))), 0),
        triggersReplace: { project, region },
        lifecycle: { ignoreChanges: ["input"] },
      }),
      "vm_zone",
    ),
  );
  const vmWorkers = sized(size, (t) => webConcurrency(t.vmVcpus, t.vmMemoryMiB));
  // Lazy props: read only when the VM is built (without a VM no zone was picked to read).
  const vm = composer.block(
    scope,
    GOOGLE_VM_BLOCK,
    () => ({
      ...runtime(vmWorkers),
      region,
      zone: choose(
        isPresent(props.vm?.zone),
        () => props.vm!.zone!,
        () => zonePin.attribute("output", (pin) => Token.asString(pin.output)),
      ),
      // Workers follow the size's machine (a machine type override keeps them: its memory is not known here).
      machineType: firstOf(
        props.vm?.machineType,
        sized(size, (t) => t.vmMachineType),
      ),
      networkId: network.out("network_id"),
      subnetworkId: network.out("subnetwork_id"),
      edge: props.vm?.edge ?? GOOGLE_DEFAULTS.vmEdge,
      allowedSourceRanges: props.vm?.allowedSourceRanges,
      acmeEmail: props.vm?.acmeEmail,
      createCloudNat: props.vm?.createCloudNat,
    }),
    not(cloudRunOn),
  );
  if (vm.construct) {
    // The first boot reads each secret's `latest` version: wait for them, as Cloud Run does.
    vm.construct.instance.dependsOn = [
      ...(vm.construct.instance.dependsOn ?? []),
      ...secretVersions().map(bareAddress),
    ];
  }
  after(cloudRun, [secrets, database]);
  after(vm, [secrets, database]);

  const edge = composer.block(
    scope,
    GOOGLE_EDGE_BLOCK,
    {
      name,
      project,
      region,
      domainName: props.domainName,
      backend: {
        cloudRunService: optionalOut(cloudRun, "service_name"),
        instanceGroup: optionalOut(vm, "instance_group"),
        useInstanceGroup: asBoolean(not(cloudRunOn)),
      },
      iap: props.iap && {
        members: props.iap.members,
        oauthClientId: props.iap.oauthClientId,
        oauthClientSecret: props.iap.oauthClientSecret,
      },
      cloudArmor: props.cloudArmor && {
        enabled: asBoolean(cloudArmorOn(props)),
        allowedIpRanges: props.cloudArmor.allowedIpRanges,
        rateLimitPerMinute: props.cloudArmor.rateLimitPerMinute ?? GOOGLE_DEFAULTS.rateLimitPerMinute,
      },
      securityPolicy: props.securityPolicy,
      dnsZone: props.dnsZone,
      labels,
    },
    loadBalancerOn,
  );
  const ipAddress = choose(
    loadBalancerOn,
    () => edge.out("ip_address"),
    () => vm.out("ip_address"),
  );
  // Behind the load balancer the edge writes the record; Caddy obtains its certificate only once the name
  // resolves to the VM: the record the prop promises.
  composer.conditional(all(isPresent(props.dnsZone), not(loadBalancerOn)), () =>
    stableAddress(
      new DnsRecordSet(scope, "CaddyRecord", {
        project,
        managedZone: props.dnsZone!,
        name: `${props.domainName}.`,
        type: "A",
        ttl: 300,
        rrdatas: [vm.out("ip_address")],
      }),
      "caddy",
    ),
  );

  // One guard over the deployment: Cloud SQL refuses deletion itself, but without the guard Terraform would
  // first destroy the SECRET_KEY that decrypts saved credentials, the uploads and the service. With an
  // existing database it keeps SECRET_KEY (secret and value), which decrypts what Mathesar saved there.
  const deletionGuard = new DeletionGuard(scope, "DeletionGuard", {
    protects: [
      ...guarded(network, (n) => (n.network ? [n.network] : [])),
      // A version holds the value itself (destroying the SECRET_KEY's loses every saved credential).
      ...guarded(secrets, (s) => [
        s.secretKey.secret,
        s.adminPassword.secret,
        s.secretKey.version,
        s.adminPassword.version,
      ]),
      ...guarded(database, (d) => [d.instance, d.passwordSecret.secret, d.passwordSecret.version]),
      ...guarded(cloudRun, (r) => [r.service, r.mediaBucket]),
      // The data disk holds uploads and Caddy's certificates and outlives VM replacements.
      ...guarded(vm, (v) => [v.instance, v.dataDisk]),
      ...guarded(edge, () => []),
    ],
    // Both change only when the resource is created anew (each Cloud SQL instance has its own service account).
    replaceWhenChanged: joined(
      listWhen(not(existingOn), () => [database.out("instance_service_account")]),
      [secrets.out("secret_key_created")],
    ),
    enabled: deletionProtection,
    message: GOOGLE_DELETION_PROTECTION_MESSAGE,
  });

  const adminOn = truthy(props.admin?.enabled, GOOGLE_DEFAULTS.adminEnabled);
  const query = choose(
    cloudRunOn,
    () => logsQuery("cloud_run", name),
    () => logsQuery("vm", name),
  );
  const contract: MathesarOutputs = {
    url: `https://${props.domainName}/`,
    adminUsername: choose(
      adminOn,
      () => props.admin?.username ?? GOOGLE_DEFAULTS.adminUsername,
      () => "",
    ),
    adminPasswordLocation: secrets.out("admin_password_name"),
    databaseEndpoint: `${connection.host}:${connection.port}`,
    logs:
      isToken(query) || isToken(project)
        ? `https://console.cloud.google.com/logs/query;query=${Fn.urlencode(query)}?project=${project}`
        : `https://console.cloud.google.com/logs/query;query=${encodeURIComponent(query)}?project=${project}`,
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
        "Secret Manager secret holding the first admin's password (gcloud secrets versions access latest --secret=<name>).",
    },
    [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
      value: contract.databaseEndpoint,
      description: CONTRACT_OUTPUTS.databaseEndpoint.description,
    },
    [CONTRACT_OUTPUTS.logs.name]: { value: contract.logs, description: "Cloud Logging query of Mathesar's logs." },
    ip_address: {
      value: ipAddress,
      description: "IPv4 address to point domain_name at (an A record) when DNS is not in Cloud DNS.",
    },
    secret_key_secret: {
      value: secrets.out("secret_key_name"),
      description:
        "Secret holding SECRET_KEY (back it up with the database; add an old installation's key as a new version to restore).",
    },
    network_id: { value: network.out("network_id"), description: "Id of the network." },
    database_instance_name: {
      value: optionalOut(database, "instance_name") ?? null,
      description: "Cloud SQL instance name (null with an existing database).",
    },
    cloud_run_service_name: {
      value: optionalOut(cloudRun, "service_name") ?? null,
      description: "Cloud Run service (null with runtime = vm).",
    },
    vm_instance_name: {
      value: optionalOut(vm, "instance_name") ?? null,
      description: "Compute Engine instance (null with runtime = cloud_run).",
    },
    backend_service_name: {
      value: optionalOut(edge, "backend_service_name") ?? null,
      description: "Backend service of the load balancer (null with vm_edge = caddy).",
    },
  };
  return { network, secrets, database, cloudRun, vm, edge, ipAddress, deletionGuard, contract, outputs };
}
