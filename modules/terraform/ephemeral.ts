/**
 * Ephemeral resources (Terraform ≥ 1.10): values that exist during a run and are never written to state or
 * plan. cdktf 0.21 has no class for them, so they are added as a stack-level override; references are
 * plain interpolation strings. Used with write-only attributes (`*_wo`), they keep generated secrets out of
 * Terraform state altogether.
 */
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";

/** A declared ephemeral resource. */
export interface EphemeralResource {
  /** `ephemeral.<type>.<name>` */
  readonly address: string;
  /** A reference to one of its attributes, for write-only arguments. */
  attribute(name: string): string;
}

/** Declares `ephemeral "<type>" "<name>" { ...config }` in the stack of `scope`. */
export function ephemeralResource(
  scope: Construct,
  type: string,
  name: string,
  config: Record<string, unknown>,
): EphemeralResource {
  const address = `ephemeral.${type}.${name}`;
  TerraformStack.of(scope).addOverride(address, config);
  return { address, attribute: (attribute) => `\${${address}.${attribute}}` };
}
