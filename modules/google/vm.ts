/**
 * Building block: Mathesar on one Compute Engine VM running Container-Optimized OS, configured by
 * cloud-init (`vm-cloud-init.ts`). Two edges:
 *
 * - `load_balancer`: behind Google's HTTPS load balancer. No public IP; Cloud NAT for egress (Docker Hub,
 *   Secret Manager); an unmanaged instance group with the named port `http` → 8000 for the backend
 *   service; a firewall rule admitting only Google's health-check and proxy ranges on 8000, to this VM's tag.
 * - `caddy`: on its own. A static external IP; Caddy on the VM terminates TLS (certificates from ACME, kept
 *   on the data disk); a firewall rule admits 80 and 443 from `allowedSourceRanges`.
 *
 * A changed user-data (a Mathesar upgrade, new settings) replaces the VM and its boot disk. What must
 * survive that, uploads and Caddy's certificates, lives on a separate persistent disk (`dataDisk`), attached
 * with a stable device name and formatted once and mounted by cloud-init.
 *
 * The VM is a shielded VM (secure boot, vTPM, integrity monitoring) with OS Login, no project SSH keys, no
 * serial port, and a dedicated service account that may write logs and metrics, read exactly the secrets
 * it is given, and read the Artifact Registry repository the image comes from (if it does). Secrets are read
 * from Secret Manager at every start and never appear in metadata, nor in Docker's container records on disk.
 *
 * `edge` may be a Terraform expression (module flavour): both user-data variants are then rendered into
 * locals and chosen by a conditional, and the edge-specific resources get `count`s.
 */
import { Construct } from "constructs";
import { Fn, ITerraformDependable, Op, TerraformCount, TerraformLocal, Token } from "cdktf";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import { ArtifactRegistryRepositoryIamMember } from "@cdktf/provider-google/lib/artifact-registry-repository-iam-member";
import { ComputeAddress } from "@cdktf/provider-google/lib/compute-address";
import { ComputeDisk } from "@cdktf/provider-google/lib/compute-disk";
import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { ComputeInstance } from "@cdktf/provider-google/lib/compute-instance";
import { ComputeInstanceGroup } from "@cdktf/provider-google/lib/compute-instance-group";
import { ComputeInstanceGroupMembership } from "@cdktf/provider-google/lib/compute-instance-group-membership";
import { ComputeRouter } from "@cdktf/provider-google/lib/compute-router";
import { ComputeRouterNat } from "@cdktf/provider-google/lib/compute-router-nat";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { DATABASE_CA_ENV } from "../mathesar/database-tls";
import { MATHESAR_PORT } from "../mathesar/image";
import { MathesarInputError, isToken } from "../terraform/input-rule";
import { and, countIf, ifElse, isSet, not, optionalAttribute, stableAddress } from "../terraform";
import { truthy } from "../terraform/wiring";
import { CADDY_IMAGE, renderCaddyfile } from "./caddyfile";
import {
  GOOGLE_REGISTRY_IMAGE_PATTERN,
  NO_REGISTRY_CREDENTIALS_COMMAND,
  VM_DATABASE_CA_BASE64_ENV,
  VM_DATA_DISK_DEVICE_NAME,
  registryCredentialCommand,
  renderVmCloudInit,
} from "./vm-cloud-init";

import {
  GOOGLE_LOAD_BALANCER_RANGES,
  GOOGLE_VM_EDGES,
  type GoogleVmEdge,
  VM_NAMED_PORT,
  vmInstanceName,
} from "./catalog";

/** Container-Optimized OS, stable channel (an image family: new VMs get the newest image). */
export const COS_IMAGE_FAMILY = "projects/cos-cloud/global/images/family/cos-stable";

/** Default boot disk size (GB). */
export const DEFAULT_VM_DISK_SIZE_GB = 20;

/** Default size of the data disk (GB): uploads and Caddy's certificates. */
export const DEFAULT_VM_DATA_DISK_SIZE_GB = 10;

/**
 * An image in an Artifact Registry Docker repository: `<location>-docker.pkg.dev/<project>/<repository>/<image>`,
 * the groups being location, project and repository. A domain-scoped project (`example.com:my-project`) is
 * written `example.com/my-project` in the path. RE2 and JavaScript read it alike (`[.]`: no escapes).
 */
export const ARTIFACT_REGISTRY_IMAGE_PATTERN =
  "^([a-z0-9-]+)-docker[.]pkg[.]dev/((?:[a-z0-9-]+(?:[.][a-z0-9-]+)+/)?[a-z0-9][a-z0-9-]*)/([a-z0-9][a-z0-9._-]*)/[^/:@]";

/** The Artifact Registry repository a known image reference comes from, or undefined (another registry). */
export function artifactRegistryRepository(
  image: string,
): { location: string; project: string; repository: string } | undefined {
  const match = new RegExp(ARTIFACT_REGISTRY_IMAGE_PATTERN).exec(image);
  return match ? { location: match[1], project: match[2].replace("/", ":"), repository: match[3] } : undefined;
}

/**
 * The VM's plain environment: the database's CA (several lines) becomes one base64 line for the env file,
 * decoded by the container's command (a literal here, Terraform's base64encode for a reference).
 */
function vmEnvironment(environment: Record<string, string>): Record<string, string> {
  const { [DATABASE_CA_ENV]: ca, ...rest } = environment;
  if (ca === undefined) return environment;
  return {
    ...rest,
    [VM_DATABASE_CA_BASE64_ENV]: isToken(ca) ? Fn.base64encode(ca) : Buffer.from(ca).toString("base64"),
  };
}

/** Props of {@link MathesarGoogleVm}. */
export interface MathesarGoogleVmProps {
  /** Name prefix, 2–24 characters. */
  readonly name: string;
  readonly project: string;
  /** Zone of the VM, e.g. `us-central1-a`. */
  readonly zone: string;
  /** Region of the static IP, the router and Cloud NAT. */
  readonly region: string;
  /** Machine type, e.g. `e2-small`. */
  readonly machineType: string;
  /** `google_compute_network` id or self link. */
  readonly networkId: string;
  /** Subnetwork id or self link (in `region`). */
  readonly subnetworkId: string;
  /**
   * Full image reference, e.g. `docker.io/mathesar/mathesar:0.11.0`, or a private mirror in Artifact Registry
   * (`us-docker.pkg.dev/my-project/mirror/mathesar:0.11.0`) or Container Registry (`gcr.io/...`, `eu.gcr.io/...`).
   * For a Google registry the VM's Docker gets COS's credential helper (the VM's service account). Artifact
   * Registry: the service account is also given `roles/artifactregistry.reader` on that one repository (parsed
   * from the reference; counted when the image is a Terraform expression). Container Registry: no grant here:
   * its images live in the project's Cloud Storage bucket (`artifacts.<project>.appspot.com`, or a `gcr.io`
   * repository in Artifact Registry), and giving the VM's service account read access to it is yours to do.
   */
  readonly image: string;
  /** Host name Mathesar is served at (the Caddy site address in edge `caddy`). */
  readonly domainName: string;
  /** `load_balancer` or `caddy`; a Terraform expression in the module flavour. */
  readonly edge: GoogleVmEdge | string;
  /** Plain environment variables (from buildMathesarEnvironment(...).plain, plus DJANGO_SUPERUSER_USERNAME/EMAIL). */
  readonly environment: Record<string, string>;
  /**
   * Environment variables read from Secret Manager at every start: env name → secret (short id in `project`,
   * or `projects/<p>/secrets/<id>`). An expression that comes out empty (an optional secret that is off, e.g.
   * `var.sso_config_secret_id == null ? "" : var.sso_config_secret_id`; not `coalesce(..., "")`, which Terraform
   * refuses when every argument is null or empty) leaves the variable unset; a literal `""` is refused.
   */
  readonly secretEnvironment: Record<string, string>;
  /** Secret ids the VM's service account may read (secretAccessor on each secret, not project-wide). May be a token list. */
  readonly readableSecretIds: string[];
  /**
   * Who may reach Caddy on 80/443 (edge `caddy` only). Let's Encrypt validates from the internet, so a
   * narrower list breaks certificate issuance unless the certificate comes another way.
   * @default ["0.0.0.0/0"]
   */
  readonly allowedSourceRanges?: string[];
  /**
   * ACME account e-mail for Caddy (expiry notices). In the module flavour pass `null`, not `""`, for none.
   * @default - none
   */
  readonly acmeEmail?: string;
  readonly labels?: Record<string, string>;
  /** Boot disk size (GB). @default 20 */
  readonly diskSizeGb?: number;
  /** Size of the persistent data disk (GB) holding uploads and Caddy's certificates. @default 10 */
  readonly dataDiskSizeGb?: number;
  /**
   * Create a Cloud Router and Cloud NAT for the VM's subnetwork (edge `load_balancer`: the VM has no public
   * IP but pulls images from Docker Hub). Turn it off when the network already has a NAT for this subnet.
   * @default true
   */
  readonly createCloudNat?: boolean;
  /**
   * Caddy image reference. From a Google registry, Docker gets the credential helper as for `image`, but the
   * read permission on its repository is yours to grant. @default CADDY_IMAGE
   */
  readonly caddyImage?: string;
}

/** Mathesar's VM and what it needs around it. */
export class MathesarGoogleVm extends Construct {
  /** The VM (escape hatch). */
  public readonly instance: ComputeInstance;
  /** The VM's own service account. */
  public readonly serviceAccount: ServiceAccount;
  /**
   * The persistent data disk (uploads, Caddy's certificates). It outlives every replacement of the VM; put it
   * under the deletion guard.
   */
  public readonly dataDisk: ComputeDisk;
  /**
   * The unmanaged instance group for the load balancer's backend service (named port `http` → 8000).
   * Absent when the edge is known to be `caddy`; `count` 0 or 1 when the edge is a Terraform expression.
   */
  public readonly instanceGroup?: ComputeInstanceGroup;
  /** The static external IP (edge `caddy`); `count` 0 or 1 when the edge is a Terraform expression. */
  public readonly address?: ComputeAddress;
  /** The cloud-init user-data (a Terraform conditional when the edge is an expression). */
  public readonly userData: string;
  /** The network tag the firewall rules target. */
  public readonly networkTag: string;
  /** The external IP in edge `caddy` (null in `load_balancer`), as a reference. */
  public readonly externalIp?: string;

  constructor(scope: Construct, id: string, props: MathesarGoogleVmProps) {
    super(scope, id);
    const edge = props.edge;
    const knownEdge = GOOGLE_VM_EDGES.includes(edge as GoogleVmEdge);
    if (!knownEdge && !isToken(edge)) {
      throw new MathesarInputError(
        `Invalid edge ${JSON.stringify(edge)}: must be one of ${GOOGLE_VM_EDGES.map((e) => JSON.stringify(e)).join(", ")}.`,
      );
    }
    for (const [variable, secret] of Object.entries(props.secretEnvironment)) {
      // Only an expression may come out empty (then the VM leaves the variable unset); a literal is a mistake.
      if (secret === "")
        throw new MathesarInputError(
          `Invalid secretEnvironment.${variable}: an empty secret id. Leave ${variable} out instead.`,
        );
    }
    const isCaddy: boolean | string = knownEdge ? edge === "caddy" : Token.asString(Op.eq(edge, "caddy"));
    const isLoadBalancer = not(isCaddy);
    const name = props.name;
    this.networkTag = vmInstanceName(name);

    // Identity: logs, metrics, and the given secrets; nothing project-wide beyond that.
    this.serviceAccount = stableAddress(
      new ServiceAccount(this, "ServiceAccount", {
        project: props.project,
        accountId: `${name}-vm-sa`,
        displayName: `Mathesar VM (${name})`,
        description: "Runs Mathesar's VM: writes logs and metrics, reads Mathesar's secrets",
      }),
      "vm",
    );
    const member = this.serviceAccount.member;
    const dependencies: ITerraformDependable[] = [];
    for (const [role, address] of [
      ["roles/logging.logWriter", "vm_log_writer"],
      ["roles/monitoring.metricWriter", "vm_metric_writer"],
    ] as const) {
      dependencies.push(
        stableAddress(new ProjectIamMember(this, address, { project: props.project, role, member }), address),
      );
    }
    const secretIds = props.readableSecretIds;
    const secretCount = TerraformCount.of(
      Token.isUnresolved(secretIds) ? Token.asNumber(Fn.lengthOf(secretIds)) : secretIds.length,
    );
    dependencies.push(
      stableAddress(
        new SecretManagerSecretIamMember(this, "SecretAccessor", {
          count: secretCount,
          project: props.project,
          secretId: Token.asString(Fn.element(secretIds, secretCount.index)),
          role: "roles/secretmanager.secretAccessor",
          member,
        }),
        "vm_secret_accessor",
      ),
    );

    // A private image in Artifact Registry: read access to that repository only.
    const imageReader = this.imageReader(props);
    if (imageReader) dependencies.push(imageReader);
    // An image known only to Terraform: the credential helper's step is a conditional command (a known image
    // gets it, or not, from renderVmCloudInit itself).
    const registryCredentials = isToken(props.image)
      ? { mathesar: imageRegistryCredentialCommand(props.image) }
      : undefined;

    // The user-data, per edge.
    const render = (variant: GoogleVmEdge) =>
      renderVmCloudInit({
        edge: variant,
        project: props.project,
        image: props.image,
        environment: vmEnvironment(props.environment),
        secretEnvironment: props.secretEnvironment,
        caddyImage: props.caddyImage ?? CADDY_IMAGE,
        caddyfile: variant === "caddy" ? this.caddyfile(props) : undefined,
        registryCredentials,
      });
    if (knownEdge) {
      this.userData = render(edge as GoogleVmEdge);
    } else {
      // Long texts stay top-level attributes (locals), where cdktf interpolates tokens correctly.
      const local = (variant: GoogleVmEdge) =>
        stableAddress(
          new TerraformLocal(this, `UserData_${variant}`, render(variant)),
          `mathesar_vm_user_data_${variant}`,
        );
      this.userData = Token.asString(Fn.conditional(isCaddy, local("caddy").asString, local("load_balancer").asString));
    }

    // Edge load_balancer: Google's proxies and health checks reach 8000; egress through Cloud NAT.
    if (isLoadBalancer !== false) {
      stableAddress(
        new ComputeFirewall(this, "LoadBalancerFirewall", {
          ...(isLoadBalancer === true ? {} : { count: countIf(isLoadBalancer) }),
          project: props.project,
          name: `${name}-mathesar-lb-to-vm`,
          description: "Google's load balancer proxies and health checks to Mathesar on the VM",
          network: props.networkId,
          direction: "INGRESS",
          sourceRanges: [...GOOGLE_LOAD_BALANCER_RANGES],
          targetTags: [this.networkTag],
          allow: [{ protocol: "tcp", ports: [String(MATHESAR_PORT)] }],
        }),
        "vm_load_balancer",
      );
    }
    const natWanted = and(isLoadBalancer, truthy(props.createCloudNat, true));
    if (natWanted !== false) {
      const router = stableAddress(
        new ComputeRouter(this, "Router", {
          ...(natWanted === true ? {} : { count: countIf(natWanted) }),
          project: props.project,
          name: `${name}-mathesar-vm-router`,
          region: props.region,
          network: props.networkId,
          description: "Cloud NAT for Mathesar's VM (no public IP)",
        }),
        "vm_nat",
      );
      dependencies.push(
        stableAddress(
          new ComputeRouterNat(this, "Nat", {
            ...(natWanted === true ? {} : { count: countIf(natWanted) }),
            project: props.project,
            name: `${name}-mathesar-vm-nat`,
            region: props.region,
            router: natWanted === true ? router.name : optionalAttribute(router, "name"),
            natIpAllocateOption: "AUTO_ONLY",
            sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
            subnetwork: [{ name: props.subnetworkId, sourceIpRangesToNat: ["ALL_IP_RANGES"] }],
            logConfig: { enable: true, filter: "ERRORS_ONLY" },
          }),
          "vm",
        ),
      );
    }
    // Edge caddy: a static IP and 80/443 from the allowed ranges.
    if (isCaddy !== false) {
      const address = stableAddress(
        new ComputeAddress(this, "Address", {
          ...(isCaddy === true ? {} : { count: countIf(isCaddy) }),
          project: props.project,
          name: `${name}-mathesar-ip`,
          region: props.region,
          addressType: "EXTERNAL",
          networkTier: "PREMIUM",
          description: "Mathesar's VM (Caddy): point the domain's A record here",
        }),
        "vm",
      );
      this.address = address;
      this.externalIp = isCaddy === true ? address.address : optionalAttribute(address, "address");
      stableAddress(
        new ComputeFirewall(this, "CaddyFirewall", {
          ...(isCaddy === true ? {} : { count: countIf(isCaddy) }),
          project: props.project,
          name: `${name}-mathesar-https-to-vm`,
          description: "HTTP (ACME, redirect) and HTTPS to Caddy on Mathesar's VM",
          network: props.networkId,
          direction: "INGRESS",
          sourceRanges: props.allowedSourceRanges ?? ["0.0.0.0/0"],
          targetTags: [this.networkTag],
          allow: [{ protocol: "tcp", ports: ["80", "443"] }],
        }),
        "vm_caddy",
      );
    }

    // What must outlive the VM. Attached by device name, so cloud-init finds it at
    // /dev/disk/by-id/google-mathesar-data; it formats the disk only when it holds no filesystem.
    this.dataDisk = stableAddress(
      new ComputeDisk(this, "DataDisk", {
        project: props.project,
        zone: props.zone,
        name: `${name}-mathesar-data`,
        description: "Mathesar's uploads and Caddy's certificates: outlives every replacement of the VM",
        type: "pd-balanced",
        size: props.dataDiskSizeGb ?? DEFAULT_VM_DATA_DISK_SIZE_GB,
        labels: props.labels,
      }),
      "mathesar_data",
    );

    // cloud-init runs at boot, so a changed user-data (a new image tag, new settings) replaces the VM.
    const userDataTracker = stableAddress(
      new DataResource(this, "UserDataTracker", { input: { user_data: this.userData } }),
      "mathesar_vm_user_data",
    );

    // A static external IP only in edge caddy (no public IP behind the load balancer).
    const accessConfig = isCaddy === true ? [{ natIp: this.externalIp as string, networkTier: "PREMIUM" }] : undefined;
    this.instance = stableAddress(
      new ComputeInstance(this, "Instance", {
        project: props.project,
        zone: props.zone,
        name: vmInstanceName(name),
        description: "Mathesar on Container-Optimized OS",
        machineType: props.machineType,
        allowStoppingForUpdate: true,
        tags: [this.networkTag],
        labels: props.labels,
        bootDisk: {
          autoDelete: true,
          initializeParams: {
            image: COS_IMAGE_FAMILY,
            size: props.diskSizeGb ?? DEFAULT_VM_DISK_SIZE_GB,
            type: "pd-balanced",
            labels: props.labels,
          },
        },
        // Detached, not deleted, when the VM is replaced (the old VM is destroyed before the new one exists).
        attachedDisk: [{ source: this.dataDisk.selfLink, deviceName: VM_DATA_DISK_DEVICE_NAME, mode: "READ_WRITE" }],
        networkInterface: [{ subnetwork: props.subnetworkId, ...(accessConfig === undefined ? {} : { accessConfig }) }],
        serviceAccount: { email: this.serviceAccount.email, scopes: ["cloud-platform"] },
        shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
        scheduling: { automaticRestart: true, onHostMaintenance: "MIGRATE" },
        metadata: {
          "user-data": this.userData,
          "block-project-ssh-keys": "true",
          "enable-oslogin": "TRUE",
          "serial-port-enable": "false",
          // COS ships the containers' output to Cloud Logging and reports VM metrics.
          "google-logging-enabled": "true",
          "google-monitoring-enabled": "true",
        },
        // A bare address: cdktf would write a resource object as "${…}", which Terraform refuses here.
        lifecycle: {
          replaceTriggeredBy: [`${userDataTracker.terraformResourceType}.${userDataTracker.friendlyUniqueId}`],
        },
        dependsOn: dependencies,
      }),
      "mathesar",
    );
    if (typeof isCaddy === "string") {
      // cdktf cannot put a dynamic block inside a nested block; an override can.
      this.instance.addOverride("network_interface.0.dynamic.access_config", {
        for_each: Token.asList(Fn.conditional(isCaddy, [1], [])),
        content: { nat_ip: this.externalIp, network_tier: "PREMIUM" },
      });
    }

    // Edge load_balancer: the backend service's target.
    if (isLoadBalancer !== false) {
      this.instanceGroup = stableAddress(
        new ComputeInstanceGroup(this, "InstanceGroup", {
          ...(isLoadBalancer === true ? {} : { count: countIf(isLoadBalancer) }),
          project: props.project,
          zone: props.zone,
          name: vmInstanceName(name),
          description: "Mathesar's VM, for the load balancer's backend service",
          network: props.networkId,
          namedPort: [{ name: VM_NAMED_PORT, port: MATHESAR_PORT }],
        }),
        "mathesar",
      );
      // Membership as its own resource, replaced with the VM: a group's `instances` list names the VM by a
      // self link that does not change when the VM is replaced, so the new VM would silently fall out of
      // the group (and the load balancer) until a second apply (google provider issues #6127, #14157).
      stableAddress(
        new ComputeInstanceGroupMembership(this, "InstanceGroupMembership", {
          ...(isLoadBalancer === true ? {} : { count: countIf(isLoadBalancer) }),
          project: props.project,
          zone: props.zone,
          instanceGroup:
            isLoadBalancer === true ? this.instanceGroup.name : optionalAttribute(this.instanceGroup, "name"),
          instance: this.instance.selfLink,
          lifecycle: {
            replaceTriggeredBy: [
              `${this.instance.terraformResourceType}.${this.instance.friendlyUniqueId}.instance_id`,
            ],
          },
        }),
        "mathesar",
      );
    }
  }

  /**
   * `roles/artifactregistry.reader` for the VM on the Artifact Registry repository the image comes from: none
   * for another registry; for an image known only to Terraform, counted 0 or 1 by whether it parses (the image
   * is a variable, so the count is known at plan time). Container Registry gets no grant (see `image`).
   */
  private imageReader(props: MathesarGoogleVmProps): ArtifactRegistryRepositoryIamMember | undefined {
    const common = { role: "roles/artifactregistry.reader", member: this.serviceAccount.member };
    if (!isToken(props.image)) {
      const repository = artifactRegistryRepository(props.image);
      if (repository === undefined) return undefined;
      return stableAddress(
        new ArtifactRegistryRepositoryIamMember(this, "ImageReader", { ...repository, ...common }),
        "vm_image_reader",
      );
    }
    const parts = Token.asList(Fn.regex(ARTIFACT_REGISTRY_IMAGE_PATTERN, props.image));
    return stableAddress(
      new ArtifactRegistryRepositoryIamMember(this, "ImageReader", {
        count: countIf(Token.asString(Fn.can(Fn.regex(ARTIFACT_REGISTRY_IMAGE_PATTERN, props.image)))),
        location: Token.asString(Fn.element(parts, 0)),
        project: Token.asString(Fn.replace(Token.asString(Fn.element(parts, 1)), "/", ":")),
        repository: Token.asString(Fn.element(parts, 2)),
        ...common,
      }),
      "vm_image_reader",
    );
  }

  /** The Caddyfile; an ACME e-mail known only to Terraform becomes a conditional `email` line. */
  private caddyfile(props: MathesarGoogleVmProps): string {
    const email = props.acmeEmail;
    if (email === undefined || !isToken(email))
      return renderCaddyfile({ domainName: props.domainName, acmeEmail: email });
    // A comment line when there is none (Caddyfile comments start with "#").
    const line = ifElse(isSet(email), Token.asString(Fn.format("email %s", [email])), "# no ACME e-mail");
    return renderCaddyfile({ domainName: props.domainName, extraGlobalOptions: [line] });
  }
}

/**
 * For an image known only to Terraform: `configure-docker --registries=<host>` when its registry is Google's,
 * else a harmless echo. Never configured for another host: the helper would then be asked for Docker Hub's
 * (or anyone's) credentials. The host is the pattern's group (`try`: the branch not taken must not fail).
 */
function imageRegistryCredentialCommand(image: string): string {
  // Not `host != ""`: cdktf drops an empty-string operand (it would render `!= undefined`).
  const isGoogle = Token.asString(Fn.can(Fn.regex(GOOGLE_REGISTRY_IMAGE_PATTERN, image)));
  const host = Token.asString(
    Fn.try([Fn.element(Token.asList(Fn.regex(GOOGLE_REGISTRY_IMAGE_PATTERN, image)), 0), ""]),
  );
  return ifElse(
    isGoogle,
    Token.asString(Fn.format(registryCredentialCommand("%s"), [host])),
    NO_REGISTRY_CREDENTIALS_COMMAND,
  );
}
