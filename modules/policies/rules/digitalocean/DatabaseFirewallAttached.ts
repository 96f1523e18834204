/** Every managed PostgreSQL cluster has a database firewall (trusted sources). */
import {
  findingsFor,
  isChildModule,
  outputsReferencing,
  referencesAddress,
  resourcesOf,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "DO_DATABASE_FIREWALL_ATTACHED";

/** `DO_DATABASE_FIREWALL_ATTACHED`: a `digitalocean_database_firewall` closes every `digitalocean_database_cluster`. */
export const DatabaseFirewallAttached: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_database_cluster", "digitalocean_database_firewall"],
  description: "A DigitalOcean database cluster has no digitalocean_database_firewall whose cluster_id references it.",
  explanation:
    "Without trusted sources a DigitalOcean cluster accepts connections from any address on the internet, " +
    "protected only by its password. Mathesar's internal database holds its users, sessions and the saved " +
    "credentials of every database Mathesar connects to; admit only the Mathesar app " +
    '(rule { type = "app", value = digitalocean_app.this.id }). In a published submodule that exports the ' +
    "cluster id and has no firewall of its own, the firewall lives in a sibling submodule: not_applicable, check " +
    "the calling configuration.",
  remediation:
    'Add a digitalocean_database_firewall whose cluster_id references the cluster, with a rule of type "app" for the Mathesar app.',
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    const firewalls = resourcesOf(config, "digitalocean_database_firewall");
    return resourcesOf(config, "digitalocean_database_cluster").map((cluster) => {
      const closing = firewalls.filter((firewall) => referencesAddress(firewall.body.cluster_id, cluster.address));
      if (closing.length > 0) {
        return result.compliant(cluster.address, `closed by ${closing.map((f) => f.address).join(", ")}.`);
      }
      // A published submodule hands its cluster id to the caller, which attaches the firewall in a
      // sibling submodule: from inside this module the firewall cannot be seen.
      const exported = outputsReferencing(config, `${cluster.address}.id`);
      if (isChildModule(config) && exported.length > 0) {
        return result.notApplicable(
          cluster.address,
          `no firewall in this module; its id leaves through output ${exported.join(", ")}, so the calling configuration must attach one (check it there).`,
        );
      }
      return result.nonCompliant(
        cluster.address,
        "no digitalocean_database_firewall references this cluster: it accepts connections from any address.",
      );
    });
  },
};
