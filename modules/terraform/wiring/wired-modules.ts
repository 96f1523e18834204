/**
 * The published module flavour of a wiring: a block's submodule generated from its spec, and the root
 * module base that declares the settings as variables, their cross-field rules as validations, and runs
 * the target's wiring with the module composer.
 */
import type { Construct } from "constructs";
import { ModuleStack, type OutputSpec, type ProviderRequirement } from "../module-stack";
import { type BlockSpec, kindOf, setPath } from "./block-spec";
import { ModuleComposer } from "./composer";
import { type CrossFieldRule, crossFieldValidations } from "./cross-field-rule";
import { type Settings, propsFromVariables, variableSpecs } from "./settings";

/** A block's submodule: its variables bound to the block's props, the block, its outputs. */
export class BlockModule<P, B extends Construct, O extends string> extends ModuleStack {
  public readonly description: string;
  /** The block inside the submodule. */
  public readonly block: B;

  constructor(scope: Construct, id: string, spec: BlockSpec<P, B, O>) {
    super(scope, id, spec.providers, spec.requiredTerraform);
    this.description = spec.description;
    spec.declareProviders(this);
    const specs = Object.fromEntries(
      Object.entries(spec.variables).map(([name, variable]) => {
        const { prop: _prop, kind: _kind, ...rest } = variable;
        return [name, rest];
      }),
    );
    const variables = this.variables(specs);
    const props: Record<string, unknown> = {};
    for (const [name, variable] of Object.entries(spec.variables)) {
      const token = variables[name];
      const kind = kindOf(variable);
      const value =
        kind === "string"
          ? token.stringValue
          : kind === "number"
            ? token.numberValue
            : kind === "boolean"
              ? token.booleanValue
              : kind === "list"
                ? token.listValue
                : kind === "map"
                  ? token.value
                  : token.value;
      setPath(props, variable.prop, value);
    }
    this.block = spec.create(this, spec.id, props as P);
    this.outputs(
      Object.fromEntries(
        (Object.entries(spec.outputs) as Array<[string, BlockSpec<P, B, O>["outputs"][O]]>).map(([name, output]) => [
          name,
          { value: output.value(this.block), description: output.description, sensitive: output.sensitive },
        ]),
      ),
    );
  }
}

/** What a root module needs from its target. */
export interface RootModuleOptions<P> {
  /** Providers the module requires. */
  readonly providers: Record<string, ProviderRequirement>;
  /**
   * Terraform versions the module requires.
   * @default MODULE_REQUIRED_TERRAFORM
   */
  readonly requiredTerraform?: string;
  /** Declares the provider constructs. */
  readonly declareProviders: (scope: Construct) => void;
  /** The settings table. */
  readonly settings: Settings;
  /** The cross-field rules. */
  readonly rules: readonly CrossFieldRule<P>[];
  /** The target's one wiring; returns the root module's outputs. */
  readonly compose: (scope: Construct, props: P, composer: ModuleComposer) => Record<string, OutputSpec>;
}

/** A root module produced by running a target's wiring with the module composer. */
export abstract class WiredRootModule<P> extends ModuleStack {
  constructor(scope: Construct, id: string, options: RootModuleOptions<P>) {
    super(scope, id, options.providers, options.requiredTerraform);
    options.declareProviders(this);
    const props = propsFromVariables<P>(options.settings);
    const crossField = crossFieldValidations(options.rules, options.settings, props);
    const specs = variableSpecs(options.settings);
    this.variables(
      Object.fromEntries(
        Object.entries(specs).map(([name, spec]) => [
          name,
          crossField[name] ? { ...spec, validations: [...(spec.validations ?? []), ...crossField[name]] } : spec,
        ]),
      ),
    );
    this.outputs(options.compose(this, props, new ModuleComposer()));
  }
}
