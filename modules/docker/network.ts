/** Building block: the private bridge network the containers share (nothing on it is published but Caddy's ports). */
import { Construct } from "constructs";
import { Network } from "@cdktf/provider-docker/lib/network";
import { stableAddress } from "../terraform";

/** Props of {@link MathesarDockerNetwork}. */
export interface MathesarDockerNetworkProps {
  /** Name prefix. */
  readonly name: string;
}

/** The private network. */
export class MathesarDockerNetwork extends Construct {
  /** The network (escape hatch). */
  public readonly network: Network;
  /** Its name, which containers join. */
  public readonly networkName: string;

  constructor(scope: Construct, id: string, props: MathesarDockerNetworkProps) {
    super(scope, id);
    this.network = stableAddress(new Network(this, "Network", { name: `${props.name}-net`, driver: "bridge" }), "this");
    this.networkName = this.network.name;
  }
}
