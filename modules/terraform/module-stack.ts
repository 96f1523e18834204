/**
 * The module flavour of a stack: what `dist/` publishes for plain-Terraform users. A module has typed,
 * described, validated variables in and outputs out; no provider block and no backend (the caller owns
 * both); and version ranges, not exact pins, in `required_providers`.
 */
import { Construct } from "constructs";
import { TerraformHclModule, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { InputRule, hclString, validationFor } from "../terraform/input-rule";

/**
 * An HCL object literal of known values, e.g. `{ small = "apps-s-1vcpu-1gb", large = 5 }`, for `lookup()` in
 * hand-written root-module expressions.
 */
export function hclObject(table: Readonly<Record<string, string | number | boolean>>): string {
  const value = (v: string | number | boolean) => (typeof v === "string" ? hclString(v) : String(v));
  return `{ ${Object.entries(table)
    .map(([key, v]) => `${key} = ${value(v)}`)
    .join(", ")} }`;
}

/** Lowest Terraform that understands everything our modules use (cross-variable validation: 1.9). */
export const MODULE_REQUIRED_TERRAFORM = ">= 1.9";

/** A Terraform input variable of a published module. */
export interface VariableSpec {
  /** Terraform type constraint, e.g. `string`, `number`, `map(string)`. */
  readonly type: string;
  /** What the variable does, shown in the generated README. */
  readonly description: string;
  /** Default value; `undefined` makes the variable required. `null` means "unset" and makes the variable nullable. */
  readonly default?: unknown;
  /**
   * Whether the variable accepts `null`. Variables are non-nullable unless their default is `null`: a caller
   * passing `null` then gets the default (or, for a required variable, Terraform's own refusal) instead of a
   * silently weakened setting (`deletion_protection = null` must never mean "off"). Set `true` for a
   * submodule variable that its root module feeds with a value that can be null.
   * @default default === null
   */
  readonly nullable?: boolean;
  /** Hide the value in plans and outputs. */
  readonly sensitive?: boolean;
  /**
   * The input rule; its `validation` block is generated with this variable's own name (so a spec can be
   * shared by modules that name the variable differently). A `null` default lets null through.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly rule?: InputRule<any>;
  /** Further `validation` blocks, e.g. ones that relate several variables (root modules only). */
  readonly validations?: ReadonlyArray<{ condition: string; errorMessage: string }>;
}

/** A Terraform output of a published module. */
export interface OutputSpec {
  /** The value (usually a token). */
  readonly value: unknown;
  /** What it holds, shown in the generated README. */
  readonly description: string;
  /** Hide the value in CLI output. */
  readonly sensitive?: boolean;
}

/** Provider requirement of a module: source and version range. */
export interface ProviderRequirement {
  /** Registry source, e.g. `digitalocean/digitalocean`. */
  readonly source: string;
  /** Version constraint, e.g. `>= 2.71.0, < 3.0.0`. */
  readonly version: string;
}

/** A stack synthesized as a reusable module rather than a root configuration. */
export abstract class ModuleStack extends TerraformStack {
  /** One-paragraph description, the first thing the generated README says. */
  public abstract readonly description: string;

  constructor(
    scope: Construct,
    id: string,
    providers: Record<string, ProviderRequirement>,
    requiredTerraform = MODULE_REQUIRED_TERRAFORM,
  ) {
    super(scope, id);
    // Providers are configured by the caller; the provider constructs exist only so that cdktf records the
    // requirements. The overrides remove the block and the backend and loosen the exact pins to ranges.
    this.addOverride("provider", undefined);
    this.addOverride("terraform.backend", undefined);
    this.addOverride("terraform.required_version", requiredTerraform);
    for (const [name, requirement] of Object.entries(providers)) {
      this.addOverride(`terraform.required_providers.${name}`, requirement);
    }
  }

  /** Declares the module's variables, named as given (snake_case). */
  protected variables<K extends string>(specs: Record<K, VariableSpec>): Record<K, TerraformVariable> {
    const result = {} as Record<K, TerraformVariable>;
    for (const name of Object.keys(specs) as K[]) {
      const spec = specs[name];
      const variable = new TerraformVariable(this, name, {
        type: spec.type,
        description: spec.description,
        // cdktf cannot synthesize a null default (it snake-cases it as an object); set it by override.
        default: spec.default === null ? undefined : spec.default,
        nullable: isNullable(spec),
        sensitive: spec.sensitive,
        validation: validationsOf(name, spec),
      });
      if (spec.default === null) variable.addOverride("default", null);
      result[name] = variable;
    }
    return result;
  }

  /**
   * Calls a local submodule (`./modules/<folder>`) with raw Terraform expressions as arguments; `when`
   * makes it conditional (`count = when ? 1 : 0`, a plan-time-known expression).
   */
  protected submodule(
    name: string,
    folder: string,
    variables: Record<string, unknown>,
    when?: string,
  ): TerraformHclModule {
    const module = new TerraformHclModule(this, name, {
      source: `./modules/${folder}`,
      skipAssetCreationFromLocalModules: true,
      variables,
    });
    if (when) module.addOverride("count", `\${${when} ? 1 : 0}`);
    return module;
  }

  /** Declares the module's outputs, named as given (snake_case). */
  protected outputs(specs: Record<string, OutputSpec>): void {
    for (const [name, spec] of Object.entries(specs)) {
      // Outputs share the construct namespace with variables; Terraform does not, so rename after creation.
      new TerraformOutput(this, `output_${name}`, {
        value: spec.value,
        description: spec.description,
        sensitive: spec.sensitive,
      }).overrideLogicalId(name);
    }
  }
}

/** A variable accepts null only when its default is null or its spec says so (see {@link VariableSpec.nullable}). */
export function isNullable(spec: VariableSpec): boolean {
  return spec.nullable ?? spec.default === null;
}

function validationsOf(
  name: string,
  spec: VariableSpec,
): Array<{ condition: string; errorMessage: string }> | undefined {
  const all = [
    ...(spec.rule ? [validationFor(name, spec.rule, { nullable: isNullable(spec), sensitive: spec.sensitive })] : []),
    ...(spec.validations ?? []),
  ];
  return all.length > 0 ? all : undefined;
}
