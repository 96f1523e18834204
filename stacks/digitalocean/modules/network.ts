/** `modules/network` of terraform-digitalocean-mathesar: the VPC block as a module. */
import { Construct } from "constructs";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { MathesarDoNetwork } from "../../../modules/digitalocean";
import { ModuleStack } from "../../../modules/terraform";
import { DO_MODULE_PROVIDERS } from "../providers";
import { DO_VARIABLES } from "../variables";

/** The VPC Mathesar's database and app share. */
export class DoNetworkModule extends ModuleStack {
  public readonly description = "A VPC for Mathesar's database and App Platform app.";

  constructor(scope: Construct, id: string) {
    super(scope, id, { digitalocean: DO_MODULE_PROVIDERS.digitalocean });
    new DigitaloceanProvider(this, "digitalocean");
    const vars = this.variables({
      name: DO_VARIABLES.name,
      region: DO_VARIABLES.region,
      ip_range: { ...DO_VARIABLES.vpc_ip_range, validations: undefined },
    });
    const network = new MathesarDoNetwork(this, "Network", {
      name: vars.name.stringValue,
      region: vars.region.stringValue,
      ipRange: vars.ip_range.stringValue,
    });
    this.outputs({
      vpc_id: { value: network.vpcId, description: "Id of the VPC." },
      vpc_urn: { value: network.vpc.urn, description: "URN of the VPC (for DigitalOcean projects)." },
      ip_range: { value: network.vpc.ipRange, description: "IP range of the VPC." },
    });
  }
}
