/**
 * Terraform values on the wire (msgpack; an unknown value is a msgpack extension) and the transformations
 * the stand-in applies: planned state, data source results, ephemeral results.
 */
import { decode, encode, ExtData } from "@msgpack/msgpack";
import type { BlockSchema, CtyType } from "./schema-types";

/** An unknown value. Terraform sends plain unknowns as extension 0 and refined ones as 0x0c: both land here. */
export const UNKNOWN = Symbol("unknown");

/** A value; a `dynamic` attribute's value travels as [type JSON as bytes, value] and is passed through. */
export type Value = null | string | number | boolean | Value[] | { [key: string]: Value } | typeof UNKNOWN;

function fromWire(raw: unknown): Value {
  if (raw instanceof ExtData) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "bigint") return Number(raw);
  if (Array.isArray(raw)) return raw.map(fromWire);
  // The type half of a dynamic value is msgpack "bin": kept as bytes so it is sent back unchanged.
  if (raw instanceof Uint8Array) return raw as unknown as Value;
  if (typeof raw === "object")
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, fromWire(v)]));
  return raw as Value;
}

export function decodeValue(bytes: Uint8Array | undefined): Value {
  if (!bytes || bytes.length === 0) return null;
  return fromWire(decode(bytes, { useBigInt64: true }));
}

function toWire(value: Value): unknown {
  if (value === UNKNOWN) return new ExtData(0, new Uint8Array([0]));
  if (Array.isArray(value)) return value.map(toWire);
  if ((value as unknown) instanceof Uint8Array) return value;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v as Value)]));
  return value;
}

export function encodeValue(value: Value): Uint8Array {
  return encode(toWire(value));
}

const isObject = (v: Value): v is { [key: string]: Value } =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !((v as unknown) instanceof Uint8Array);

/** The planned state of a create or update: the proposal with every null computed attribute unknown. */
export function planValue(block: BlockSchema, proposed: Value): Value {
  if (!isObject(proposed)) return proposed;
  const out: { [key: string]: Value } = { ...proposed };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.computed && out[name] === null) out[name] = UNKNOWN;
    // A write-only value is never planned nor stored: the plan carries null.
    if (attr.write_only) out[name] = null;
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((item) => planValue(nested.block, item));
    else if (nested.nesting_mode === "map" && isObject(v))
      out[name] = Object.fromEntries(Object.entries(v).map(([k, item]) => [k, planValue(nested.block, item)]));
    else if (isObject(v)) out[name] = planValue(nested.block, v);
  }
  return out;
}

/** Base64 of "stand-in": a string that also survives base64decode() in the configurations that read it. */
export const STANDIN_STRING = "c3RhbmQtaW4=";

/** A known stand-in value of a type: one element in lists and sets so that `[0]` works. */
/** What an ephemeral resource opens with: a recognisable string, so a test can prove it is never stored. */
export const EPHEMERAL_STANDIN_STRING = "ephemeral-stand-in-not-a-secret";

export function standinOf(type: CtyType, text = STANDIN_STRING): Value {
  if (type === "string") return text;
  if (type === "number") return 1;
  if (type === "bool") return false;
  if (type === "dynamic") return null;
  if (Array.isArray(type)) {
    const [kind, inner] = type as [string, unknown];
    if (kind === "list" || kind === "set") return [standinOf(inner as CtyType, text)];
    if (kind === "map") return {};
    if (kind === "object")
      return Object.fromEntries(
        Object.entries(inner as Record<string, CtyType>).map(([k, t]) => [k, standinOf(t, text)]),
      );
    if (kind === "tuple") return (inner as CtyType[]).map((t) => standinOf(t, text));
  }
  return null;
}

/** Overrides per data source where a count, for_each, index or function needs a particular shape. */
export type Overrides = Record<string, (config: { [key: string]: Value }) => { [key: string]: Value }>;

/** A data source's (or ephemeral resource's) result: the config with every null computed attribute known. */
export function readValue(
  block: BlockSchema,
  config: Value,
  override?: { [key: string]: Value },
  text = STANDIN_STRING,
): Value {
  if (!isObject(config)) return config;
  const out: { [key: string]: Value } = { ...config };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.computed && (out[name] === null || out[name] === UNKNOWN)) out[name] = standinOf(attr.type, text);
    if (override && name in override) out[name] = override[name];
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((item) => readValue(nested.block, item, undefined, text));
    else if (isObject(v)) out[name] = readValue(nested.block, v, undefined, text);
  }
  return out;
}
