/**
 * What a target provides to join the conformance suite: how to synthesize it from the shared contract
 * props, and how to find Mathesar's containers in its configuration. Each target gets one adapter file
 * beside this one and one line in `targets.ts`.
 */
import type { MathesarBaseProps } from "../../modules/mathesar";
import type { TerraformJson } from "../support/synth";

/** A container (or job) that runs the Mathesar image, as a target configures it. */
export interface MathesarContainer {
  /** Where it is declared, for messages. */
  readonly address: string;
  /** `service` serves traffic; `bootstrap` migrates and creates the first admin. */
  readonly role: "service" | "bootstrap";
  /** Full image reference `repository:tag`. */
  readonly image: string;
  /** Environment variables with plain values. */
  readonly plainEnv: Readonly<Record<string, string>>;
  /** Names of environment variables that come from the target's secret mechanism. */
  readonly secretEnv: readonly string[];
  /** HTTP path the platform health-checks (services only). */
  readonly healthCheckPath?: string;
}

/** A target of the conformance suite. */
export interface ConformanceTarget {
  /** Display name. */
  readonly name: string;
  /** Synthesizes the deployable configuration for contract props (with a managed database). */
  synth(props: MathesarBaseProps): TerraformJson;
  /** Builds the construct only (for bad-input tests); throws on bad props. */
  build(props: MathesarBaseProps): void;
  /** Mathesar's containers in a configuration. */
  containers(config: TerraformJson): MathesarContainer[];
  /** The published root module's merged configuration. */
  moduleRoot(): TerraformJson;
}
