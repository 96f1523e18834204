/**
 * Building block: the network. A new VPC network (custom subnets only) with one subnetwork that has Private
 * Google Access and flow logs, or an existing network and subnetwork; and Private Service Access — a reserved
 * range peered with Google's service network — so Cloud SQL gets a private address and no public one.
 */
import { Construct } from "constructs";
import { Fn, ITerraformDependable, Token } from "cdktf";
import { ComputeGlobalAddress } from "@cdktf/provider-google/lib/compute-global-address";
import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { ServiceNetworkingConnection } from "@cdktf/provider-google/lib/service-networking-connection";
import { countIf, ifElse, isSet, optionalAttribute, stableAddress } from "../terraform";
import { isPresent, not, truthy } from "../terraform/wiring";

/** Props of {@link MathesarGoogleNetwork}. */
export interface MathesarGoogleNetworkProps {
  /** Name prefix. */
  readonly name: string;
  /** Project. */
  readonly project: string;
  /** Region of the subnetwork. */
  readonly region: string;
  /**
   * An existing network and subnetwork; when given, none is created. In the module flavour both may be
   * variables that are null (then a network is created).
   * @default - a new network
   */
  readonly existing?: { readonly networkId: string; readonly subnetworkId: string };
  /** CIDR of a new subnetwork. */
  readonly subnetCidr: string;
  /** Whether to create the Private Service Access range and connection (a managed Cloud SQL needs them once per network). */
  readonly createPrivateServiceAccess: boolean;
  /**
   * The Private Service Access range.
   * @default - a /20 Google picks
   */
  readonly privateServiceAccessCidr?: string;
}

/** Prefix of Google-picked Private Service Access ranges. */
export const DEFAULT_PSA_PREFIX_LENGTH = 20;

/** A VPC network for Mathesar, or the one you have. */
export class MathesarGoogleNetwork extends Construct {
  /** The network id Cloud Run, the VM and Cloud SQL attach to. */
  public readonly networkId: string;
  /** The subnetwork id. */
  public readonly subnetworkId: string;
  /** The new network (escape hatch), unless an existing one was given. */
  public readonly network?: ComputeNetwork;
  /** The new subnetwork (escape hatch). */
  public readonly subnetwork?: ComputeSubnetwork;
  /** The Private Service Access connection: Cloud SQL must be created after it. */
  public readonly privateServiceAccess?: ServiceNetworkingConnection;
  /** What a private Cloud SQL instance must wait for. */
  public readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: MathesarGoogleNetworkProps) {
    super(scope, id);
    const create = not(isPresent(props.existing?.networkId));
    if (create !== false) {
      const count = create === true ? undefined : countIf(create);
      this.network = stableAddress(
        new ComputeNetwork(this, "Network", {
          project: props.project,
          name: props.name,
          autoCreateSubnetworks: false,
          routingMode: "REGIONAL",
          description: "Mathesar: Cloud Run egress, Cloud SQL private access",
          count,
        }),
        "this",
      );
      const networkRef = count === undefined ? this.network.id : optionalAttribute(this.network, "id");
      this.subnetwork = stableAddress(
        new ComputeSubnetwork(this, "Subnetwork", {
          project: props.project,
          name: `${props.name}-${props.region}`,
          region: props.region,
          network: networkRef,
          ipCidrRange: props.subnetCidr,
          // Reach Google APIs (Secret Manager, Cloud Storage, Logging) without public addresses.
          privateIpGoogleAccess: true,
          logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
          count,
        }),
        "this",
      );
      const subnetRef = count === undefined ? this.subnetwork.id : optionalAttribute(this.subnetwork, "id");
      this.networkId = props.existing ? ifElse(create, networkRef, props.existing.networkId) : networkRef;
      this.subnetworkId = props.existing ? ifElse(create, subnetRef, props.existing.subnetworkId) : subnetRef;
    } else {
      this.networkId = props.existing!.networkId;
      this.subnetworkId = props.existing!.subnetworkId;
    }

    this.dependables = [];
    const createPsa = truthy(props.createPrivateServiceAccess);
    if (createPsa !== false) {
      const count = createPsa === true ? undefined : countIf(createPsa);
      const cidr = props.privateServiceAccessCidr;
      const range = stableAddress(
        new ComputeGlobalAddress(this, "PrivateServiceRange", {
          project: props.project,
          name: `${props.name}-private-services`,
          purpose: "VPC_PEERING",
          addressType: "INTERNAL",
          network: this.networkId,
          ...rangeOf(cidr),
          description: "Private Service Access: Cloud SQL's private addresses",
          count,
        }),
        "private_services",
      );
      this.privateServiceAccess = stableAddress(
        new ServiceNetworkingConnection(this, "PrivateServiceAccess", {
          network: this.networkId,
          service: "servicenetworking.googleapis.com",
          reservedPeeringRanges: [count === undefined ? range.name : optionalAttribute(range, "name")],
          // Deleting the peering while Cloud SQL still holds addresses fails; abandon it on destroy instead.
          deletionPolicy: "ABANDON",
          count,
        }),
        "private_services",
      );
      this.dependables.push(this.privateServiceAccess);
    }
  }
}

/** `address` and `prefix_length` of a reserved range: from a CIDR, or a /20 Google picks. */
function rangeOf(cidr: string | undefined): { address?: string; prefixLength: number } {
  if (cidr === undefined) return { prefixLength: DEFAULT_PSA_PREFIX_LENGTH };
  if (!Token.isUnresolved(cidr)) {
    const [address, prefix] = cidr.split("/");
    return { address, prefixLength: Number(prefix) };
  }
  const set = isSet(cidr);
  return {
    address: ifElse(set, Token.asString(Fn.cidrhost(cidr, 0)), Token.asString(Token.nullValue())),
    prefixLength: ifElse(
      set,
      Token.asNumber(Fn.tonumber(Fn.element(Fn.split("/", cidr), 1))),
      DEFAULT_PSA_PREFIX_LENGTH,
    ),
  };
}
