/**
 * A building block's interface, declared once: the construct that builds it, the props it takes (each
 * bound to a Terraform variable of its published submodule) and the outputs other blocks read. From one
 * spec come the block's submodule (`dist/terraform-<target>-mathesar/modules/<folder>`), the `module`
 * block that calls it from the root module, and the construct the TypeScript composite creates.
 */
import type { Construct } from "constructs";
import type { ProviderRequirement, VariableSpec } from "../module-stack";

/** How a variable's value enters the props: the cdktf token kind of the prop it is bound to. */
export type PropKind = "string" | "number" | "boolean" | "list" | "map" | "any";

/** A submodule variable bound to a prop path of the block (`database.host` → `props.database.host`). */
export interface BlockVariable extends VariableSpec {
  /** Dotted path of the prop in the block's props. */
  readonly prop: string;
  /**
   * Token kind of the prop.
   * @default "string" for type string, "number" for number, "boolean" for bool, "list" for list/set, "map" for map, else "any"
   */
  readonly kind?: PropKind;
}

/** An output of the block's submodule. */
export interface BlockOutput<B> {
  /** What it holds, for the README. */
  readonly description: string;
  /** Hide it in CLI output. */
  readonly sensitive?: boolean;
  /** Reads the value from the construct. */
  readonly value: (block: B) => unknown;
}

/** A building block, declared once for both flavours. */
export interface BlockSpec<P, B extends Construct, O extends string = string> {
  /** Name of the `module` block in the root module (snake_case), e.g. `database_firewall`. */
  readonly module: string;
  /** Folder of the submodule under `modules/` (kebab-case), e.g. `database-firewall`. */
  readonly folder: string;
  /** Construct id of the block inside the composite, e.g. `DatabaseFirewall`. */
  readonly id: string;
  /** One paragraph for the submodule's README. */
  readonly description: string;
  /** Providers the submodule requires (source and version range). */
  readonly providers: Record<string, ProviderRequirement>;
  /**
   * Terraform versions the submodule requires.
   * @default MODULE_REQUIRED_TERRAFORM
   */
  readonly requiredTerraform?: string;
  /** Declares the provider constructs in the submodule (so cdktf records the requirements). */
  readonly declareProviders: (scope: Construct) => void;
  /** The submodule's variables, each bound to a prop. */
  readonly variables: Record<string, BlockVariable>;
  /** Builds the block. */
  readonly create: (scope: Construct, id: string, props: P) => B;
  /** The submodule's outputs. */
  readonly outputs: Record<O, BlockOutput<B>>;
}

/** The token kind a variable's type implies, unless the spec names one. */
export function kindOf(variable: BlockVariable): PropKind {
  if (variable.kind) return variable.kind;
  const type = variable.type.trim();
  if (type === "string") return "string";
  if (type === "number") return "number";
  if (type === "bool") return "boolean";
  if (/^(list|set)\(/.test(type)) return "list";
  if (/^map\(/.test(type)) return "map";
  return "any";
}

/** Reads a dotted path (`a.b.c`) of an object; undefined when any step is missing. */
export function getPath(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const key of path.split(".")) {
    if (value === undefined || value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Sets a dotted path of an object, creating the objects on the way. */
export function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let target = object;
  for (const key of keys.slice(0, -1)) {
    if (target[key] === undefined) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}
