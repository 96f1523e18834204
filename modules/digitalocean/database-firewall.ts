/**
 * Building block: the cluster's trusted sources, reduced to the Mathesar app and its VPC. DigitalOcean
 * replaces a cluster's whole trusted-source list with this resource, so it is only ever attached to a
 * cluster this project created — never to a database the user brought.
 *
 * Two rules, because which one matches cannot be verified without a real deployment: the app reaches the
 * cluster's private host over the VPC, from private egress addresses, and DigitalOcean's documentation
 * does not say that an `app` rule covers those. The VPC's own range does (a private host is reachable only
 * from inside the VPC), and a VPC this project creates holds only this deployment's app and cluster. The
 * `app` rule stays for the case where DigitalOcean matches the app by identity. docs/digitalocean.md
 * gives the check to run after the first apply.
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
  /** IP range of the VPC the app and the cluster share, allowed in too. */
  readonly vpcIpRange: string;
}

/** Admits only the Mathesar app (and its VPC's range) to the database cluster. */
export class MathesarDoDatabaseFirewall extends Construct {
  /** The firewall (escape hatch). */
  public readonly firewall: DatabaseFirewall;

  constructor(scope: Construct, id: string, props: MathesarDoDatabaseFirewallProps) {
    super(scope, id);
    this.firewall = stableAddress(
      new DatabaseFirewall(this, "Firewall", {
        clusterId: props.clusterId,
        rule: [
          { type: "app", value: props.appId },
          { type: "ip_addr", value: props.vpcIpRange },
        ],
      }),
      "this",
    );
  }
}
