/**
 * An input rule (modules/terraform/input-rule.ts) as a condition of the wiring's vocabulary: computed for a
 * known value, the rule's own Terraform condition for a token. A cross-field rule can then hold a field of
 * an object setting (`existing_database.host`) to the same rule, with the same words, in both flavours.
 */
import { type IResolvable, type IResolveContext, Token } from "cdktf";
import { type InputRule, isToken } from "../input-rule";
import type { Condition } from "./values";

/** The rule's condition over a token, rendered when cdktf resolves it (the operand may itself be an expression). */
class RuleCondition implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(
    private readonly rule: Pick<InputRule<never>, "condition">,
    private readonly value: unknown,
  ) {}

  resolve(context: IResolveContext): unknown {
    const outer = context.suppressBraces;
    // The operand is rendered bare (`var.x.host`), as a function's argument is.
    context.suppressBraces = true;
    const operand = context.resolve(this.value);
    context.suppressBraces = outer;
    const expression = this.rule.condition(`(${operand})`);
    return outer ? expression : `\${${expression}}`;
  }

  toString(): string {
    return Token.asString(this);
  }
}

/**
 * Whether `value` satisfies `rule`: a known answer for a known value (`undefined` is left to the caller's
 * default and holds), the rule's Terraform condition for a token.
 */
export function satisfies<T>(rule: InputRule<T>, value: T | undefined): Condition {
  if (value === undefined) return true;
  if (!isToken(value)) return rule.test(value);
  return Token.asString(new RuleCondition(rule as Pick<InputRule<never>, "condition">, value));
}

/**
 * A condition in parentheses. cdktf writes `Fn.conditional` without them, so a condition built by
 * `choose` and then used as the condition of another conditional (a `count`) or as an operand would
 * parse wrongly (`a ? b : c ? 1 : 0` is `a ? b : (c ? 1 : 0)`).
 */
export function grouped(condition: Condition): Condition {
  if (typeof condition === "boolean") return condition;
  return Token.asString(new RuleCondition({ condition: (ref) => ref }, condition));
}
