/**
 * The rules of `MathesarOnGoogleCloud` that relate several settings, written once: the construct throws
 * their error at synth time, the published module carries them as `validation` blocks, with the same words
 * (modules/terraform/wiring/cross-field-rule.ts). Rules only one flavour can break (a prop the module has
 * no variable for) stay in validate.ts.
 */
import { Fn, Op, Token } from "cdktf";
import { isToken } from "../mathesar";
import {
  type Condition,
  type CrossFieldRule,
  all,
  any,
  choose,
  equal,
  isPresent,
  not,
  truthy,
} from "../terraform/wiring";
import { behindLoadBalancer, bothGiven, cloudArmorOn, existingDatabase, iapOn } from "./conditions";
import type { MathesarOnGoogleCloudProps } from "./props";

type Rule = CrossFieldRule<MathesarOnGoogleCloudProps>;

/** `a <= b` over numbers. */
function atMost(a: number, b: number): Condition {
  return isToken(a) || isToken(b) ? Token.asString(Op.lte(a, b)) : a <= b;
}

/** Whether `value` starts with `prefix`. */
function startsWith(value: string, prefix: string): Condition {
  return isToken(value) || isToken(prefix) ? Token.asString(Fn.startswith(value, prefix)) : value.startsWith(prefix);
}

/** The cross-field rules, each on the setting whose variable carries the validation. */
export const GOOGLE_CROSS_FIELD_RULES: readonly Rule[] = [
  {
    on: "maxInstances",
    holds: (p) =>
      choose(
        bothGiven(p.minInstances, p.maxInstances),
        () => atMost(p.minInstances!, p.maxInstances!),
        () => true,
      ),
    message: (w) =>
      `Invalid ${w.name("maxInstances")} ${w.value("maxInstances")}: must not be below ${w.name("minInstances")} ${w.value("minInstances")}.`,
  },
  {
    on: "sso.requireSsoLogin",
    holds: (p) => any(not(truthy(p.sso?.requireSsoLogin)), isPresent(p.sso?.configSecretId)),
    message: (w) =>
      `Invalid ${w.name("sso.requireSsoLogin")} true without ${w.name("sso.configSecretId")}: Mathesar would keep password login and only log a warning.`,
  },
  {
    on: "iap.oauthClientSecret",
    holds: (p) => equal(isPresent(p.iap?.oauthClientId), isPresent(p.iap?.oauthClientSecret)),
    message: (w) =>
      `Invalid ${w.name("iap.oauthClientSecret")}: ${w.name("iap.oauthClientId")} and ` +
      `${w.name("iap.oauthClientSecret")} go together (both, or neither for Google's managed client).`,
  },
  {
    on: "vm.zone",
    holds: (p) =>
      choose(
        isPresent(p.vm?.zone),
        () => startsWith(p.vm!.zone!, `${p.region}-`),
        () => true,
      ),
    message: (w) =>
      `Invalid ${w.name("vm.zone")} ${w.value("vm.zone")}: must be a zone of ${w.name("region")} ` +
      `${w.value("region")} (the subnetwork and the database are there).`,
  },
  {
    on: "vm.edge",
    holds: (p) => any(behindLoadBalancer(p), not(any(iapOn(p), cloudArmorOn(p), isPresent(p.securityPolicy)))),
    message: (w) =>
      `Invalid ${w.name("vm.edge")} "caddy" with ${w.name("iap.members")}, ${w.name("cloudArmor")} or ` +
      `${w.name("securityPolicy")}: they live on the load balancer, which a VM with Caddy does not use. Use ` +
      `${w.name("vm.edge")} "load_balancer".`,
  },
  {
    on: "vm.acmeEmail",
    holds: (p) =>
      any(
        equal(p.vm?.edge ?? "load_balancer", "caddy"),
        not(any(isPresent(p.vm?.acmeEmail), isPresent(p.vm?.allowedSourceRanges))),
      ),
    message: (w) =>
      `Invalid ${w.name("vm.acmeEmail")} or ${w.name("vm.allowedSourceRanges")} with ${w.name("vm.edge")} ` +
      `${w.value("vm.edge")}: they apply to "caddy" only (behind the load balancer, use ${w.name("cloudArmor.allowedIpRanges")}).`,
  },
  {
    on: "cloudArmor.allowedIpRanges",
    holds: (p) => any(not(isPresent(p.cloudArmor?.allowedIpRanges)), cloudArmorOn(p)),
    message: (w) =>
      `Invalid ${w.name("cloudArmor.allowedIpRanges")} without ${w.name("cloudArmor")}: nothing would enforce them.`,
  },
  {
    on: "securityPolicy",
    holds: (p) => not(all(cloudArmorOn(p), isPresent(p.securityPolicy))),
    message: (w) =>
      `Invalid ${w.name("cloudArmor")} with ${w.name("securityPolicy")}: give one — a backend has a single Cloud Armor policy.`,
  },
  {
    on: "network.privateServiceAccessCidr",
    holds: (p) => not(all(isPresent(p.network?.privateServiceAccessCidr), existingDatabase(p))),
    message: (w) =>
      `Invalid ${w.name("network.privateServiceAccessCidr")} with ${w.name("database.existing")}: no ` +
      `Private Service Access is created for an existing database.`,
  },
  {
    on: "network.existing",
    holds: (p) =>
      choose(
        bothGiven(p.network?.privateServiceAccessCidr, p.network?.existing),
        () => not(truthy(p.network!.existing!.privateServiceAccessConnected, true)),
        () => true,
      ),
    message: (w) =>
      `Invalid ${w.name("network.privateServiceAccessCidr")}: Private Service Access is already connected ` +
      `on ${w.name("network.existing")} (set ${w.name("network.existing.privateServiceAccessConnected")} ` +
      `false to create it here).`,
  },
  {
    on: "database.managed.sslMode",
    holds: (p) => any(not(existingDatabase(p)), equal(p.database?.managed?.sslMode ?? "require", "require")),
    message: (w) =>
      `Invalid ${w.name("database.managed.sslMode")} with ${w.name("database.existing")}: it describes the ` +
      `Cloud SQL instance the module creates and would be ignored; set ` +
      `${w.name("database.existing.sslMode")} (and ${w.name("database.existing.caCertificate")}) instead.`,
  },
];
