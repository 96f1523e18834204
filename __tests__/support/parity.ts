/**
 * The comparison the parity tests make between a target's two flavours (the deployable stack and the
 * published module, planned with the same inputs): planned resources by address with module paths and
 * indexes stripped, their actions, planned arguments and which arguments are unknown, and the outputs
 * named. Differences come back as readable paths, so a test can assert "none" or name its exceptions.
 */

/** The part of `terraform show -json` the comparison reads. */
export interface ParityPlan {
  readonly resource_changes?: ReadonlyArray<{
    address: string;
    type: string;
    change: { actions: string[]; after: unknown; after_unknown?: unknown };
  }>;
  readonly planned_values?: { outputs?: Record<string, { value?: unknown }> };
}

/** What a comparison leaves out or normalizes, by resource type. */
export interface ParityOptions {
  /** Arguments that differ by design, by resource type (each one documented where it is declared). */
  readonly ignoredArguments?: Readonly<Record<string, readonly string[]>>;
  /** Outputs to compare. */
  readonly outputs?: readonly string[];
  /** Addresses that name the same resource by design (after normalizing), e.g. a counted twin: alias → address. */
  readonly sameResource?: Readonly<Record<string, string>>;
  /** Rewrites a resource's planned arguments before comparing (e.g. JSON text parsed). */
  readonly normalize?: (type: string, after: Record<string, unknown>) => Record<string, unknown>;
}

/** `module.mathesar.module.database[0].digitalocean_database_cluster.this` → `digitalocean_database_cluster.this`. */
export function normalizedAddress(address: string): string {
  return address.replace(/^(module\.[\w-]+(\[[^\]]+\])?\.)+/, "").replace(/\[[^\]]+\]$/, "");
}

/** The comparable form of a plan. */
export function comparable(plan: ParityPlan, options: ParityOptions = {}): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const change of plan.resource_changes ?? []) {
    const normalized = normalizedAddress(change.address);
    const address = options.sameResource?.[normalized] ?? normalized;
    if (address in resources) throw new Error(`Two instances of ${address}: a count other than 0 or 1`);
    let after = { ...((change.change.after ?? {}) as Record<string, unknown>) };
    const unknown = { ...((change.change.after_unknown ?? {}) as Record<string, unknown>) };
    for (const ignored of options.ignoredArguments?.[change.type] ?? []) {
      delete after[ignored];
      delete unknown[ignored];
    }
    if (options.normalize) after = options.normalize(change.type, after);
    resources[address] = { actions: change.change.actions, after, unknown };
  }
  const outputs = Object.fromEntries(
    (options.outputs ?? []).map((name) => [name, plan.planned_values?.outputs?.[name]?.value]),
  );
  return { resources, outputs };
}

/** The differences between two comparables as paths; empty when they agree. */
export function differences(stack: unknown, module: unknown, at = ""): string[] {
  if (JSON.stringify(stack) === JSON.stringify(module)) return [];
  const isObject = (v: unknown) => v !== null && typeof v === "object";
  if (isObject(stack) && isObject(module) && Array.isArray(stack) === Array.isArray(module)) {
    const keys = [...new Set([...Object.keys(stack as object), ...Object.keys(module as object)])].sort();
    return keys.flatMap((key) =>
      differences(
        (stack as Record<string, unknown>)[key],
        (module as Record<string, unknown>)[key],
        at ? `${at}.${key}` : key,
      ),
    );
  }
  return [`${at}: ${JSON.stringify(stack)} (deployable stack) vs ${JSON.stringify(module)} (module)`];
}
