/**
 * Building block: the cluster's trusted sources, reduced to the Mathesar app. DigitalOcean replaces a
 * cluster's whole trusted-source list with this resource, so it is only ever attached to a cluster this
 * project created — never to a database the user brought.
 */
import { Construct } from "constructs";
import { DatabaseFirewall } from "@cdktf/provider-digitalocean/lib/database-firewall";
import { stableAddress } from "../terraform";

/** Props of {@link MathesarDoDatabaseFirewall}. */
export interface MathesarDoDatabaseFirewallProps {
  /** The cluster to close. */
  readonly clusterId: string;
  /** The App Platform app allowed in. */
  readonly appId: string;
}

/** Admits only the Mathesar app to the database cluster. */
export class MathesarDoDatabaseFirewall extends Construct {
  /** The firewall (escape hatch). */
  public readonly firewall: DatabaseFirewall;

  constructor(scope: Construct, id: string, props: MathesarDoDatabaseFirewallProps) {
    super(scope, id);
    this.firewall = stableAddress(
      new DatabaseFirewall(this, "Firewall", {
        clusterId: props.clusterId,
        rule: [{ type: "app", value: props.appId }],
      }),
      "this",
    );
  }
}
