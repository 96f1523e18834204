/**
 * What a target provides to join the conformance suite: a deployment synthesized from the shared contract
 * props, with Mathesar's containers as the target configures them. Each target gets one adapter file
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
  /** The command the container starts with, joined by spaces (empty: the image's own, `run -fnse`). */
  readonly command: string;
}

/** One synthesized deployment, seen through the contract. */
export interface Deployment {
  /** The deployable configuration. */
  readonly config: TerraformJson;
  /** Mathesar's containers. */
  readonly containers: MathesarContainer[];
  /** Names of the deployable stack's outputs. */
  readonly outputNames: string[];
}

/** A target of the conformance suite. */
export interface ConformanceTarget {
  /** Display name. */
  readonly name: string;
  /** Synthesizes a deployment for contract props (with a managed database). */
  deploy(props: MathesarBaseProps): Deployment;
  /** Builds the construct only (for bad-input tests); throws on bad props. */
  build(props: MathesarBaseProps): void;
  /** The published root module's merged configuration. */
  moduleRoot(): TerraformJson;
  /** The published root module's variable that turns Mathesar's SSO on, with a valid value. */
  readonly ssoVariable: { readonly name: string; readonly value: string };
  /** The target's own `sso` prop (its secret reference), for the SSO version checks. */
  ssoProps(requireSsoLogin?: boolean): Record<string, unknown>;
  /** Contract inputs that do not apply to this target (its adapter says why in a comment). @default [] */
  readonly notApplicableInputs?: readonly string[];
}
