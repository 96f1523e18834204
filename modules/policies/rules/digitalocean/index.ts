/**
 * The DigitalOcean rules: the one place they are registered. Each file `<RuleName>.ts` exports the rule
 * `<RuleName>` (id `DO_<RULE_NAME>`, rule-id.ts) and its public constants; the pack finds the rules here.
 */
export { DatabaseDeletionProtection } from "./DatabaseDeletionProtection";
export { DatabaseFirewallAttached } from "./DatabaseFirewallAttached";
export { ANYWHERE, DatabaseFirewallNoPublicSource } from "./DatabaseFirewallNoPublicSource";
export { DatabaseInVpc } from "./DatabaseInVpc";
export { FirewallNoPublicIngress, PUBLIC_PORTS } from "./FirewallNoPublicIngress";
export { LoadbalancerHttps } from "./LoadbalancerHttps";
