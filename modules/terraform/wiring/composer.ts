/**
 * Binds a target's one wiring to one flavour. The wiring (a target's `compose<Target>` function) asks the
 * composer for blocks and conditional resources; the construct composer builds constructs and decides in
 * TypeScript, the module composer writes `module` blocks and `count`s and lets Terraform decide. See
 * docs/architecture.md, "One wiring, two bindings".
 */
import { Construct } from "constructs";
import {
  Fn,
  ITerraformDependable,
  TerraformDataSource,
  TerraformHclModule,
  TerraformResource,
  Token,
  ref,
} from "cdktf";
import { MathesarInputError } from "../input-rule";
import { type BlockSpec, getPath } from "./block-spec";
import { type Condition, operand } from "./values";

/** A block as the wiring sees it: present or not, with its outputs readable either way. */
export interface Block<B extends Construct, O extends string> {
  /** The construct (construct flavour, when the block exists). */
  readonly construct?: B;
  /** Whether it exists: a known boolean, or the Terraform condition of its `count`. */
  readonly present: Condition;
  /** What `depends_on` and the deletion guard point at: its resources, or the `module` block. */
  readonly dependables: ITerraformDependable[];
  /** An output as a string (null in Terraform when a conditional block is absent). */
  out(name: O): string;
  /** An output as a number. */
  outNumber(name: O): number;
}

/** A resource or data source that exists only when a condition holds. */
export interface Conditional<R> {
  /** The resource (construct flavour, when it exists; module flavour: always, with a count). */
  readonly resource?: R;
  /** One of its attributes: `pick(resource)` when known to exist, `one(address[*].name)` otherwise. */
  attribute(name: string, pick: (resource: R) => string): string;
}

/** The binding of a wiring to one flavour. */
export interface Composer {
  /** `construct`: the TypeScript composite; `module`: the published root module. */
  readonly flavour: "construct" | "module";
  /**
   * Creates a block, when `when` holds. Pass the props as a function when they read outputs of a block
   * that may be absent: the construct flavour then never builds them for an absent block.
   */
  block<P, B extends Construct, O extends string>(
    scope: Construct,
    spec: BlockSpec<P, B, O>,
    props: P | (() => P),
    when?: Condition,
  ): Block<B, O>;
  /** Creates a resource or data source, when `when` holds (`count` in the module flavour). */
  conditional<R extends Construct & { terraformResourceType: string; friendlyUniqueId: string }>(
    when: Condition,
    create: () => R,
  ): Conditional<R>;
}

/** The construct flavour: conditions must be known; absent blocks are not built. */
export class ConstructComposer implements Composer {
  public readonly flavour = "construct";

  block<P, B extends Construct, O extends string>(
    scope: Construct,
    spec: BlockSpec<P, B, O>,
    props: P | (() => P),
    when: Condition = true,
  ): Block<B, O> {
    if (!known(when, spec.id)) {
      return {
        present: false,
        dependables: [],
        out: (name) => absent(spec.id, name),
        outNumber: (name) => absent(spec.id, name),
      };
    }
    const construct = spec.create(scope, spec.id, propsOf(props));
    return {
      construct,
      present: true,
      dependables: construct.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource),
      out: (name) => spec.outputs[name].value(construct) as string,
      outNumber: (name) => spec.outputs[name].value(construct) as number,
    };
  }

  conditional<R extends Construct & { terraformResourceType: string; friendlyUniqueId: string }>(
    when: Condition,
    create: () => R,
  ): Conditional<R> {
    if (!known(when, "a conditional resource")) return { attribute: (name) => absent("the resource", name) };
    const resource = create();
    return { resource, attribute: (_name, pick) => pick(resource) };
  }
}

function propsOf<P>(props: P | (() => P)): P {
  return typeof props === "function" ? (props as () => P)() : props;
}

function known(when: Condition, what: string): boolean {
  if (typeof when === "boolean") return when;
  throw new MathesarInputError(
    `Whether ${what} exists must be known when the construct is built, not a Terraform expression (${when}); the published module decides it in Terraform.`,
  );
}

function absent(id: string, name: string): never {
  throw new Error(`The wiring read output ${name} of block ${id}, which this configuration does not create.`);
}

/**
 * The module flavour: each block is a `module` block calling `./modules/<folder>` with the block's props
 * as arguments (undefined props are left to the submodule's defaults), counted when its condition is a
 * Terraform expression; outputs are `module.x.y` or `one(module.x[*].y)`.
 */
export class ModuleComposer implements Composer {
  public readonly flavour = "module";

  block<P, B extends Construct, O extends string>(
    scope: Construct,
    spec: BlockSpec<P, B, O>,
    props: P | (() => P),
    when: Condition = true,
  ): Block<B, O> {
    if (when === false) {
      return {
        present: false,
        dependables: [],
        out: () => Token.asString(Token.nullValue()),
        outNumber: () => Token.asNumber(Token.nullValue()),
      };
    }
    const given = propsOf(props);
    const variables: Record<string, unknown> = {};
    for (const [name, variable] of Object.entries(spec.variables)) {
      const value = getPath(given, variable.prop);
      if (value !== undefined) variables[name] = value;
    }
    const module = new TerraformHclModule(scope, spec.module, {
      source: `./modules/${spec.folder}`,
      skipAssetCreationFromLocalModules: true,
      variables,
    });
    const counted = when !== true;
    if (counted) module.addOverride("count", Fn.conditional(operand(when), 1, 0));
    const output = (name: string) =>
      counted ? Fn.one(Token.asList(ref(`module.${spec.module}[*].${name}`))) : ref(`module.${spec.module}.${name}`);
    return {
      present: when,
      dependables: [module],
      out: (name) => Token.asString(output(name)),
      outNumber: (name) => Token.asNumber(output(name)),
    };
  }

  conditional<R extends Construct & { terraformResourceType: string; friendlyUniqueId: string }>(
    when: Condition,
    create: () => R,
  ): Conditional<R> {
    if (when === false) return { attribute: () => Token.asString(Token.nullValue()) };
    const resource = create();
    if (when === true) return { resource, attribute: (_name, pick) => pick(resource) };
    (resource as unknown as { addOverride(path: string, value: unknown): void }).addOverride(
      "count",
      Fn.conditional(operand(when), 1, 0),
    );
    // A data source is addressed as `data.<type>.<name>`.
    const data = resource instanceof TerraformDataSource ? "data." : "";
    const address = `${data}${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    return {
      resource,
      attribute: (name) => Token.asString(Fn.one(Token.asList(ref(`${address}[*].${name}`)))),
    };
  }
}
