/** `modules/database-firewall` of terraform-digitalocean-mathesar: trusted sources = the app. */
import { Construct } from "constructs";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { MathesarDoDatabaseFirewall } from "../../../modules/digitalocean";
import { ModuleStack } from "../../../modules/terraform";
import { DO_MODULE_PROVIDERS } from "../providers";

/** Admits only the Mathesar app to a cluster created for it. */
export class DoDatabaseFirewallModule extends ModuleStack {
  public readonly description =
    "Replaces a database cluster's trusted sources with the Mathesar app and its VPC's range. Use it only on a cluster created for Mathesar: it overwrites every existing rule.";

  constructor(scope: Construct, id: string) {
    super(scope, id, { digitalocean: DO_MODULE_PROVIDERS.digitalocean });
    new DigitaloceanProvider(this, "digitalocean");
    const vars = this.variables({
      cluster_id: { type: "string", description: "Id of the database cluster to close." },
      app_id: { type: "string", description: "Id of the App Platform app allowed in." },
      vpc_ip_range: {
        type: "string",
        description:
          "IP range of the VPC the app and the cluster share, allowed in too (the app reaches the cluster from private addresses in it).",
      },
    });
    const firewall = new MathesarDoDatabaseFirewall(this, "Firewall", {
      clusterId: vars.cluster_id.stringValue,
      appId: vars.app_id.stringValue,
      vpcIpRange: vars.vpc_ip_range.stringValue,
    });
    this.outputs({ firewall_id: { value: firewall.firewall.id, description: "Id of the firewall." } });
  }
}
