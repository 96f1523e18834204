/**
 * JSON-valued attributes (ECS container definitions) as Terraform string templates. cdktf's
 * `Fn.jsonencode` renders string literals into HCL without escaping their quotes (a shell command with a
 * quoted argument breaks the configuration), so we serialize with `JSON.stringify`, whose escaping is
 * right, and let Terraform interpolate the references. A token that must stay a JSON boolean or number
 * (a module variable) is wrapped with {@link rawJson} and lands unquoted.
 */
import { Token } from "cdktf";

const RAW = "__mathesar_raw_json_";
const raws = new Map<string, string>();

/** Marks a token to be written into the JSON unquoted (for booleans and numbers known only to Terraform). */
export function rawJson(value: unknown): unknown {
  if (!Token.isUnresolved(value)) return value;
  const marker = `${RAW}${raws.size}__`;
  raws.set(marker, Token.asString(value));
  return marker;
}

/** `JSON.stringify(value)`, with {@link rawJson} values unquoted; references stay `${...}` templates. */
export function jsonTemplate(value: unknown): string {
  let text = JSON.stringify(value);
  for (const [marker, token] of raws) text = text.split(`"${marker}"`).join(token);
  return text;
}
