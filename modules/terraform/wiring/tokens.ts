/**
 * cdktf's encoding of a boolean that Terraform decides: an IResolvable typed `boolean` (what
 * `TerraformVariable.booleanValue` returns), so props can be typed `boolean` in both flavours.
 */
import { Token } from "cdktf";
import type { Condition } from "./values";

/** A condition as a `boolean` prop: a known boolean as is, a Terraform condition as cdktf's boolean token. */
export function asBoolean(condition: Condition): boolean {
  if (typeof condition === "boolean") return condition;
  // The one place the encoding is typed: cdktf itself returns an IResolvable where it promises a boolean.
  const token: unknown = Token.asAny(condition);
  return token as boolean;
}
