/** TLS listeners accept TLS 1.2 and later only. */
import { LISTENER_TYPES, findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import { dependsOn, isExpression, isUnset, literalString } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_LB_TLS_1_2_POLICY";

/** Policy-name prefixes whose policies negotiate TLS 1.2 or later only. */
export const TLS_1_2_POLICY_PREFIXES = [
  "ELBSecurityPolicy-TLS13-",
  "ELBSecurityPolicy-TLS-1-2-",
  "ELBSecurityPolicy-FS-1-2-",
] as const;

/** TLS 1.3 policies that still accept TLS 1.0 or 1.1 (`…-TLS13-1-0-…`, `…-TLS13-1-1-…`). */
const TLS13_WITH_OLD_FLOOR = /^ELBSecurityPolicy-TLS13-1-[01]-/;

/** The policy AWS applies to an HTTPS or TLS listener that names none; it accepts TLS 1.0 and 1.1. */
export const DEFAULT_ELB_SSL_POLICY = "ELBSecurityPolicy-2016-08";

/**
 * `AWS_LB_TLS_1_2_POLICY` (CKV_AWS_103 / AWS-0047): every HTTPS or TLS listener names an `ssl_policy` starting
 * with one of {@link TLS_1_2_POLICY_PREFIXES} (and not a TLS 1.3 policy with a 1.0 or 1.1 floor).
 */
export const LbTls12Policy: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_103", "AWS-0047"],
  resourceTypes: LISTENER_TYPES,
  description:
    `An HTTPS or TLS aws_lb_listener has no ssl_policy (AWS then applies ${DEFAULT_ELB_SSL_POLICY}) or one that accepts TLS 1.0 or 1.1: ` +
    `only names starting with ${TLS_1_2_POLICY_PREFIXES.join(", ")} pass, except ELBSecurityPolicy-TLS13-1-0-* and -1-1-*.`,
  explanation:
    "TLS 1.0 and 1.1 have known weaknesses and are refused by current browsers anyway; accepting them only " +
    "lets a downgrade expose Mathesar's logins and session cookies. ELBSecurityPolicy-TLS13-1-2-2021-06 (AWS's " +
    "recommended default) offers TLS 1.3 with TLS 1.2 as the floor.",
  remediation:
    "Set ssl_policy to ELBSecurityPolicy-TLS13-1-2-2021-06 (AWS's recommended default) or another policy of TLS 1.2 and later.",
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, LISTENER_TYPES).map((listener) =>
      findingOf(ID, listener.address, checkListener(listener.body)),
    );
  },
};

/** True for a policy name that negotiates TLS 1.2 or later only. */
export function isTls12Policy(policy: string): boolean {
  return TLS_1_2_POLICY_PREFIXES.some((prefix) => policy.startsWith(prefix)) && !TLS13_WITH_OLD_FLOOR.test(policy);
}

function checkListener(body: JsonObject): Verdict {
  if (isExpression(body.protocol)) return verdict.notApplicable(`protocol ${dependsOn(body.protocol)}.`);
  const protocol = (literalString(body.protocol) ?? "HTTP").toUpperCase();
  if (protocol !== "HTTPS" && protocol !== "TLS")
    return verdict.notApplicable(`protocol ${protocol}: no TLS to negotiate.`);
  const policy = body.ssl_policy;
  if (isUnset(policy))
    return verdict.nonCompliant(`no ssl_policy: AWS applies ${DEFAULT_ELB_SSL_POLICY}, which accepts TLS 1.0 and 1.1.`);
  if (isExpression(policy)) return verdict.notApplicable(`ssl_policy ${dependsOn(policy)}.`);
  const name = literalString(policy) ?? "";
  if (isTls12Policy(name)) return verdict.compliant(`${protocol} listener with ssl_policy "${name}".`);
  return verdict.nonCompliant(`ssl_policy "${name}" accepts protocols older than TLS 1.2.`);
}
