/** The load balancer negotiates TLS 1.2 or later with modern ciphers. */
import { findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import { namedResource } from "../../lib/google";
import { type ResourceRef, dependsOn, isExpression, isUnset, literalString } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_SSL_POLICY_MODERN";

/** SSL policies (global and regional). */
export const SSL_POLICY_TYPES: readonly string[] = ["google_compute_ssl_policy", "google_compute_region_ssl_policy"];
/** HTTPS proxies (global and regional), each of which should name one. */
export const HTTPS_PROXY_TYPES: readonly string[] = [
  "google_compute_target_https_proxy",
  "google_compute_region_target_https_proxy",
];
/** Minimum TLS versions that refuse 1.0 and 1.1. */
export const MODERN_TLS_VERSIONS: readonly string[] = ["TLS_1_2", "TLS_1_3"];
/** Profiles whose cipher suites exclude the weak ones (`CUSTOM` passes with a modern minimum version). */
export const MODERN_PROFILES: readonly string[] = ["MODERN", "RESTRICTED", "CUSTOM"];

/**
 * `GOOGLE_SSL_POLICY_MODERN` (CKV_GCP_4 / GCP-0039): every SSL policy sets `min_tls_version` to TLS_1_2 or TLS_1_3
 * and `profile` to MODERN, RESTRICTED or CUSTOM; every HTTPS proxy names an `ssl_policy`.
 */
export const SslPolicyModern: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_GCP_4", "GCP-0039"],
  resourceTypes: [...SSL_POLICY_TYPES, ...HTTPS_PROXY_TYPES],
  description:
    "A google_compute_ssl_policy leaves min_tls_version unset (the default is TLS_1_0) or below TLS_1_2, or leaves profile " +
    "unset or COMPATIBLE (the default; MODERN, RESTRICTED and CUSTOM pass); or a google_compute_target_https_proxy names no ssl_policy, so Google's default " +
    "policy (TLS 1.0, COMPATIBLE) applies.",
  explanation:
    "TLS 1.0 and 1.1 and the COMPATIBLE profile's ciphers only serve to let a downgrade expose Mathesar's " +
    "logins, session cookies and the database credentials users type in; every current browser speaks TLS 1.2. " +
    "A MODERN (or RESTRICTED) policy with min_tls_version = TLS_1_2, attached to the HTTPS proxy, closes that.",
  remediation:
    'Attach to every HTTPS proxy a google_compute_ssl_policy with profile MODERN (or RESTRICTED) and min_tls_version = "TLS_1_2".',
  check(config: TerraformJson): Finding[] {
    const policies = resourcesOfTypes(config, SSL_POLICY_TYPES);
    return [
      ...policies.map((policy) => findingOf(ID, policy.address, checkPolicy(policy))),
      ...resourcesOfTypes(config, HTTPS_PROXY_TYPES).map((proxy) =>
        findingOf(ID, proxy.address, checkProxy(proxy, policies)),
      ),
    ];
  },
};

function checkPolicy(policy: ResourceRef): Verdict {
  const bad: string[] = [];
  const unknown: string[] = [];
  const version = policy.body.min_tls_version;
  if (isUnset(version)) bad.push("min_tls_version is not set, so the default, TLS_1_0, applies");
  else if (isExpression(version)) unknown.push(`min_tls_version ${dependsOn(version)}`);
  else if (!MODERN_TLS_VERSIONS.includes(literalString(version) ?? ""))
    bad.push(`min_tls_version = ${JSON.stringify(version)} accepts TLS older than 1.2`);
  const profile = policy.body.profile;
  if (isUnset(profile)) bad.push("profile is not set, so the default, COMPATIBLE, applies");
  else if (isExpression(profile)) unknown.push(`profile ${dependsOn(profile)}`);
  else if (!MODERN_PROFILES.includes(literalString(profile) ?? ""))
    bad.push(`profile = ${JSON.stringify(profile)} offers weak ciphers`);
  if (bad.length > 0) return verdict.nonCompliant(`${bad.join("; ")}.`);
  if (unknown.length > 0) return verdict.notApplicable(`${unknown.join("; ")}.`);
  return verdict.compliant(`min_tls_version = "${literalString(version)}", profile = "${literalString(profile)}".`);
}

function checkProxy(proxy: ResourceRef, policies: readonly ResourceRef[]): Verdict {
  const value = proxy.body.ssl_policy;
  const policy = namedResource(value, policies);
  if (policy === "absent")
    return verdict.nonCompliant(
      "no ssl_policy: Google's default policy applies, which accepts TLS 1.0 with the COMPATIBLE profile.",
    );
  if (policy === "unknown") return verdict.notApplicable(`ssl_policy ${dependsOn(String(value))}.`);
  if (policy === "outside")
    return verdict.notApplicable(
      `ssl_policy ${JSON.stringify(value)} is outside this configuration: it cannot be read here.`,
    );
  return verdict.compliant(`ssl_policy is ${policy.address} (checked on its own).`);
}
