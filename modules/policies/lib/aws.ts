/**
 * Reading AWS resources: the resource types the AWS rules read (with the provider's `aws_alb*` aliases),
 * and verdicts on single arguments that say what the value is, what the provider does when it is absent,
 * and which input decides it when it is an expression.
 */
import type { Finding, JsonObject, TerraformJson } from "../types";
import {
  type ResourceRef,
  allResources,
  dependsOn,
  findingsFor,
  isExpression,
  isUnset,
  literalBoolean,
  literalNumber,
} from "./terraform-json";

/** Load balancers (`aws_alb` is the provider's older name for the same resource). */
export const LOAD_BALANCER_TYPES: readonly string[] = ["aws_lb", "aws_alb"];
/** Listeners. */
export const LISTENER_TYPES: readonly string[] = ["aws_lb_listener", "aws_alb_listener"];
/** Listener rules. */
export const LISTENER_RULE_TYPES: readonly string[] = ["aws_lb_listener_rule", "aws_alb_listener_rule"];
/** Target groups. */
export const TARGET_GROUP_TYPES: readonly string[] = ["aws_lb_target_group", "aws_alb_target_group"];

/** Every resource of one of `types`, in the order they appear. */
export function resourcesOfTypes(config: TerraformJson, types: readonly string[]): ResourceRef[] {
  return allResources(config).filter((resource) => types.includes(resource.type));
}

/** A rule's answer for one resource, before it becomes a {@link Finding}. */
export interface Verdict {
  /** The key of {@link findingsFor}'s result. */
  readonly status: "compliant" | "nonCompliant" | "notApplicable";
  /** Why. */
  readonly message: string;
}

/** Builds verdicts without repeating the status names. */
export const verdict = {
  compliant: (message: string): Verdict => ({ status: "compliant", message }),
  nonCompliant: (message: string): Verdict => ({ status: "nonCompliant", message }),
  notApplicable: (message: string): Verdict => ({ status: "notApplicable", message }),
};

/** Turns a verdict into a finding of rule `ruleId` for `address`. */
export function findingOf(ruleId: string, address: string, answer: Verdict): Finding {
  return findingsFor(ruleId)[answer.status](address, answer.message);
}

/** What a boolean argument must be, and what happens when it is absent. */
export interface BooleanExpectation {
  /** The value the rule asks for. */
  readonly want: boolean;
  /** What the provider (or AWS) uses when the argument is absent. */
  readonly providerDefault: boolean;
  /** What a wrong value does, appended to the non-compliant message. */
  readonly consequence: string;
}

/**
 * Verdict on a boolean argument of `body`: compliant when it is (or defaults to) `want`, non-compliant
 * when it is (or defaults to) the opposite, not applicable when an expression decides.
 */
export function expectBoolean(body: JsonObject, attribute: string, expectation: BooleanExpectation): Verdict {
  const value = body[attribute];
  const { want, providerDefault, consequence } = expectation;
  if (isUnset(value)) {
    return providerDefault === want
      ? verdict.compliant(`${attribute} is not set; the default, ${providerDefault}, applies.`)
      : verdict.nonCompliant(`${attribute} is not set, so the default, ${providerDefault}, applies: ${consequence}`);
  }
  if (isExpression(value)) return verdict.notApplicable(`${attribute} ${dependsOn(value)}.`);
  const literal = literalBoolean(value);
  if (literal === undefined)
    return verdict.notApplicable(`${attribute} = ${JSON.stringify(value)} is not a boolean Terraform accepts.`);
  return literal === want
    ? verdict.compliant(`${attribute} = ${literal}.`)
    : verdict.nonCompliant(`${attribute} = ${literal}: ${consequence}`);
}

/**
 * Verdict on a numeric argument that must be at least `minimum`. `providerDefault` is what applies when it is
 * absent (`undefined` when AWS's default is below any sensible minimum and is described by `absent`).
 */
export function expectAtLeast(
  body: JsonObject,
  attribute: string,
  minimum: number,
  expectation: { readonly absent: string; readonly consequence: string },
): Verdict {
  const value = body[attribute];
  if (isUnset(value)) return verdict.nonCompliant(`${attribute} is not set: ${expectation.absent}`);
  if (isExpression(value)) return verdict.notApplicable(`${attribute} ${dependsOn(value)}.`);
  const literal = literalNumber(value);
  if (literal === undefined)
    return verdict.notApplicable(`${attribute} = ${JSON.stringify(value)} is not a number Terraform accepts.`);
  return literal >= minimum
    ? verdict.compliant(`${attribute} = ${literal} (at least ${minimum}).`)
    : verdict.nonCompliant(`${attribute} = ${literal}, below ${minimum}: ${expectation.consequence}`);
}
