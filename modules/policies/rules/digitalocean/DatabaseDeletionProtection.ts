/** Managed PostgreSQL cannot be destroyed by accident. */
import {
  type ResourceRef,
  blocks,
  dependsOn,
  findingsFor,
  isExpression,
  isChildModule,
  isObject,
  outputsReferencing,
  resourcesOf,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "DO_DATABASE_DELETION_PROTECTION";

/** Resource types that can carry a destroy-time guard provisioner. */
const GUARD_TYPES = ["terraform_data", "null_resource"] as const;

/**
 * `DO_DATABASE_DELETION_PROTECTION`: every `digitalocean_database_cluster` has `lifecycle.prevent_destroy = true`
 * or a deletion guard (a `terraform_data` that depends on it and fails its own destroy-time `local-exec`).
 */
export const DatabaseDeletionProtection: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_database_cluster", ...GUARD_TYPES],
  description:
    "A digitalocean_database_cluster has neither lifecycle.prevent_destroy = true nor an active deletion guard " +
    "(terraform_data with depends_on the cluster and a destroy-time local-exec provisioner; input.protected = false " +
    "switches it off).",
  explanation:
    "DigitalOcean clusters have no deletion-protection setting, and destroying one deletes its backups too. " +
    "A `terraform destroy` or a change that forces replacement would erase every user, exploration and saved " +
    "connection Mathesar stored. The guard (modules/terraform/deletion-guard.ts) stops Terraform before it " +
    "touches the cluster and, unlike prevent_destroy, can be switched off by a variable for throwaway environments.",
  remediation:
    "Guard the cluster with the deletion guard (modules/terraform/deletion-guard.ts, on while deletion " +
    "protection is on, the default) or set lifecycle.prevent_destroy = true on it.",
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    const guards = GUARD_TYPES.flatMap((type) => resourcesOf(config, type));
    return resourcesOf(config, "digitalocean_database_cluster").map((cluster) => {
      if (blocks(cluster.body.lifecycle).some((lifecycle) => lifecycle.prevent_destroy === true)) {
        return result.compliant(cluster.address, "lifecycle.prevent_destroy = true.");
      }
      const guard = guards.find((candidate) => guardsCluster(candidate, cluster.address));
      if (guard === undefined && isChildModule(config) && outputsReferencing(config, cluster.address).length > 0) {
        // A published submodule: the root module guards it together with the app and the secrets.
        return result.notApplicable(
          cluster.address,
          "a published submodule that exports the cluster; deletion protection is the calling module's (check its guard).",
        );
      }
      if (guard === undefined) {
        return result.nonCompliant(
          cluster.address,
          "no lifecycle.prevent_destroy and no deletion guard: terraform destroy deletes the cluster and its backups.",
        );
      }
      // Our guard reads its switch from input.protected; a guard without a switch always refuses.
      const input = isObject(guard.body.input) ? guard.body.input : {};
      const enabled = input.protected;
      if (isExpression(enabled)) {
        return result.notApplicable(
          cluster.address,
          `guarded by ${guard.address}, whose input.protected ${dependsOn(enabled)}.`,
        );
      }
      if (enabled === false || enabled === "false") {
        return result.nonCompliant(
          cluster.address,
          `${guard.address} guards the cluster but input.protected is false.`,
        );
      }
      return result.compliant(cluster.address, `guarded by ${guard.address}.`);
    });
  },
};

/** True when `guard` depends on the cluster and runs a `local-exec` provisioner at destroy time. */
function guardsCluster(guard: ResourceRef, clusterAddress: string): boolean {
  const dependsOnList = Array.isArray(guard.body.depends_on) ? guard.body.depends_on : [];
  // Terraform JSON takes depends_on entries bare; accept the interpolated form too.
  const dependsOnCluster = dependsOnList.some(
    (entry) => typeof entry === "string" && entry.replace(/^\$\{(.*)\}$/, "$1").trim() === clusterAddress,
  );
  if (!dependsOnCluster) return false;
  return blocks(guard.body.provisioner).some((provisioner) =>
    blocks(provisioner["local-exec"]).some((exec) => exec.when === "destroy"),
  );
}
