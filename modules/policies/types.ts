/**
 * The vocabulary of the security rule pack: the Terraform JSON a rule reads, the findings it returns, and
 * the suppressions a user may attach. Rules are pure functions over configurations, so none of this
 * depends on cdktf: the pack runs as well over `cdk.tf.json` as over the configuration a published module's
 * `.tf` files are rendered from.
 */

/** A JSON object as it appears inside a Terraform JSON configuration (a resource body, a block, ...). */
export interface JsonObject {
  readonly [key: string]: unknown;
}

/**
 * A Terraform JSON configuration: what `cdk.tf.json` holds, or one module folder's configuration (its
 * `.tf` files in Terraform's JSON syntax).
 * Only the top-level keys the rules read are named; everything below is `unknown` on purpose, because a
 * value may be a literal, a Terraform expression string (`"${var.x}"`) or absent, and every rule must
 * narrow it before trusting it.
 */
export interface TerraformJson {
  /** `{ <type>: { <name>: <body> } }`. */
  readonly resource?: unknown;
  /** `{ <type>: { <name>: <body> } }`. */
  readonly data?: unknown;
  /** `{ <name>: { type, description, default, ... } }`. */
  readonly variable?: unknown;
  /** `{ <name>: { value, description, sensitive } }`. */
  readonly output?: unknown;
  /** `{ <name>: { source, ...inputs } }`. */
  readonly module?: unknown;
  /** Provider configurations; a published module has none (its caller configures providers). */
  readonly provider?: unknown;
  /** `required_providers`, `backend`, `required_version`. */
  readonly terraform?: unknown;
  /** Anything else Terraform accepts (`locals`, `moved`, `//` metadata). */
  readonly [key: string]: unknown;
}

/**
 * The outcome of one rule for one resource, as in cdk-nag: `not_applicable` when the rule does not
 * concern the resource, or when the answer depends on a value only Terraform knows (a variable).
 */
export type FindingStatus = "compliant" | "non_compliant" | "not_applicable";

/** What one rule says about one resource. */
export interface Finding {
  /** The rule's id, e.g. `MATHESAR_PINNED_IMAGE`. */
  readonly ruleId: string;
  /** Terraform address of the resource, e.g. `digitalocean_app.this`. */
  readonly address: string;
  /** The verdict. */
  readonly status: FindingStatus;
  /** Why, in a sentence that names the attribute and the value involved. */
  readonly message: string;
}

/** A security rule: a pure function over a Terraform JSON configuration, plus what a reader needs to act on it. */
export interface PolicyRule {
  /** Our id, stable across releases, e.g. `MATHESAR_PINNED_IMAGE`. */
  readonly id: string;
  /** Equivalent Checkov / Trivy ids, so scanner reports and ours can be matched; empty when no stock scanner rule exists. */
  readonly scannerIds: readonly string[];
  /** Resource types the rule reads; `*` means any resource with the attribute it checks. */
  readonly resourceTypes: readonly string[];
  /** The cause: what a non-compliant configuration does. */
  readonly description: string;
  /** Why it matters for a Mathesar deployment. */
  readonly explanation: string;
  /** How to comply: the change that makes a non-compliant resource pass. */
  readonly remediation: string;
  /**
   * Deliberate departures of the shipped defaults from this rule, each with the suppression that carries its
   * reason (RULES.md, "Reasoned exceptions").
   * @default - none
   */
  readonly exceptions?: readonly ReasonedException[];
  /** Evaluates the rule; returns one finding per resource (or component) it looked at, none when there is nothing to look at. */
  check(config: TerraformJson): Finding[];
}

/**
 * A shipped default that departs from a rule on purpose: the rule is not weakened, the deployment that keeps
 * the default suppresses it with this reason, and RULES.md prints the same words.
 */
export interface ReasonedException {
  /** The exported name that gives the suppression, e.g. `SINGLE_AZ_DEFAULT_SUPPRESSION`. */
  readonly exportName: string;
  /** The suppression: its rule id must be the rule's, and its reason is printed verbatim. */
  readonly suppression: PolicySuppression;
  /** Where the default applies: target, resource, sizes. */
  readonly where: string;
  /** What the trade buys and costs, and how to leave the default. */
  readonly details: string;
}

/**
 * A deliberate exception, cdk-nag style: which rule, optionally which resource, and why. The reason is
 * mandatory because a suppression without one is indistinguishable from a mistake.
 */
export interface PolicySuppression {
  /** The id of the rule to suppress (one of the pack's rule ids). */
  readonly ruleId: string;
  /**
   * Only suppress findings for this Terraform address.
   * @default - every address
   */
  readonly address?: string;
  /** Why the exception is acceptable; shown next to every finding it suppresses. */
  readonly reason: string;
}

/** A finding as the pack reports it: suppressed violations keep their status and carry the reason. */
export interface PolicyFinding extends Finding {
  /** Present when a suppression matched this non-compliant finding. */
  readonly suppression?: { readonly reason: string };
}

/** Options of `runPolicies`. */
export interface RunPoliciesOptions {
  /**
   * Accepted exceptions; each must name a rule of the pack and give a reason.
   * @default []
   */
  readonly suppressions?: readonly PolicySuppression[];
  /**
   * The rules to run.
   * @default MATHESAR_RULES
   */
  readonly rules?: readonly PolicyRule[];
}
