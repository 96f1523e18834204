/**
 * Stable, readable Terraform addresses. cdktf derives logical ids from the construct path and a hash
 * (`Mathesar_Network_vpc_016EC140`); published modules need addresses that never change between releases,
 * because renaming an address destroys and recreates the resource.
 */
import { TerraformElement, TerraformStack } from "cdktf";

const claimed = new WeakMap<TerraformStack, Set<string>>();

/**
 * Gives `element` the logical id `name` (e.g. `digitalocean_vpc.this`) and refuses a second element of the
 * same type and name in one stack, which Terraform would otherwise silently merge.
 */
export function stableAddress<T extends TerraformElement>(element: T, name: string): T {
  const stack = TerraformStack.of(element);
  const kind =
    (element as unknown as { terraformResourceType?: string }).terraformResourceType ?? element.constructor.name;
  const address = `${kind}.${name}`;
  let names = claimed.get(stack);
  if (!names) {
    names = new Set();
    claimed.set(stack, names);
  }
  if (names.has(address)) {
    throw new Error(
      `${address} is declared twice in stack "${stack.node.id}": put each Mathesar deployment in its own TerraformStack.`,
    );
  }
  names.add(address);
  element.overrideLogicalId(name);
  return element;
}

/**
 * The bare address `type.name` of a resource, for `depends_on` and `replace_triggered_by` entries that are
 * set by hand: Terraform's JSON syntax refuses the `${…}` form that a resource's `fqn` renders as.
 */
export function bareAddress(resource: { terraformResourceType: string; friendlyUniqueId: string }): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
