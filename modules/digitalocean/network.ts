/** Building block: the private network (VPC) the database and the app share. */
import { Construct } from "constructs";
import { Vpc } from "@cdktf/provider-digitalocean/lib/vpc";
import { stableAddress } from "../terraform";

/** How long `destroy` keeps retrying the VPC while DigitalOcean still lists members in it. */
export const VPC_DELETE_TIMEOUT = "20m";

/** Props of {@link MathesarDoNetwork}. */
export interface MathesarDoNetworkProps {
  /** Name prefix; the VPC is called `<name>-vpc`. */
  readonly name: string;
  /** Datacenter region, e.g. `nyc3`. */
  readonly region: string;
  /**
   * Private IPv4 range of the VPC.
   * @default - DigitalOcean picks a free range
   */
  readonly ipRange?: string;
}

/** A VPC for Mathesar's database and App Platform service. */
export class MathesarDoNetwork extends Construct {
  /** The VPC (escape hatch). */
  public readonly vpc: Vpc;
  /** Its id, for the database cluster and the app. */
  public readonly vpcId: string;

  constructor(scope: Construct, id: string, props: MathesarDoNetworkProps) {
    super(scope, id);
    this.vpc = stableAddress(
      new Vpc(this, "Vpc", {
        name: `${props.name}-vpc`,
        region: props.region,
        ipRange: props.ipRange,
        description: "Private network of Mathesar's database and app",
        // DigitalOcean still counts the cluster and the app as members for a while after deleting them;
        // the provider retries "Can not delete VPC with members" until this timeout (its default: 2m).
        timeouts: { delete: VPC_DELETE_TIMEOUT },
      }),
      "this",
    );
    this.vpcId = this.vpc.id;
  }
}
