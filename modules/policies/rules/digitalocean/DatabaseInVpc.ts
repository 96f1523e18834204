/** Managed PostgreSQL lives inside a VPC. */
import { findingsFor, isExpression, literalString, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "DO_DATABASE_IN_VPC";

/** `DO_DATABASE_IN_VPC`: every `digitalocean_database_cluster` sets `private_network_uuid`. */
export const DatabaseInVpc: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_database_cluster"],
  description:
    "A digitalocean_database_cluster has no private_network_uuid, so it is placed in the region's default VPC.",
  explanation:
    "Mathesar reaches its database on the cluster's private host. In a dedicated VPC shared only with the " +
    "Mathesar app, that traffic never crosses other tenants' droplets of the default VPC; with the database " +
    "firewall it is the database's network boundary. An expression (a reference to a VPC's id) counts as set.",
  remediation: "Set private_network_uuid to the id of a VPC of the deployment's own.",
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    return resourcesOf(config, "digitalocean_database_cluster").map((cluster) => {
      const uuid = cluster.body.private_network_uuid;
      // An expression here is a reference to a VPC id: the attribute is set, which is what the rule asks.
      if (isExpression(uuid)) return result.compliant(cluster.address, `private_network_uuid = ${uuid}.`);
      const literal = literalString(uuid);
      if (literal !== undefined && literal.trim() !== "")
        return result.compliant(cluster.address, `private_network_uuid = "${literal}".`);
      return result.nonCompliant(
        cluster.address,
        "private_network_uuid is not set: the cluster joins the region's default VPC.",
      );
    });
  },
};
