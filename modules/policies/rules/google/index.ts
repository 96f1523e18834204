/**
 * The Google Cloud rules: the one place they are registered. Each file `<RuleName>.ts` exports the rule
 * `<RuleName>` (id `GOOGLE_<RULE_NAME>`, rule-id.ts); the pack finds the rules here. Only the rules and the
 * IAP waiver are exported: their constants (roles, resource-type lists, flags) stay behind deep imports, so
 * that a package root that also re-exports the Google constructs never sees two of a name.
 */
export { CloudRunIngressLoadBalancer } from "./CloudRunIngressLoadBalancer";
export { CloudRunNotPublic } from "./CloudRunNotPublic";
export { HttpRedirectsToHttps } from "./HttpRedirectsToHttps";
export { IapAccessGranted } from "./IapAccessGranted";
export { GOOGLE_IAP_OFF_REASON, GOOGLE_IAP_OFF_SUPPRESSION, IapEnabled, googleIapOffSuppression } from "./IapEnabled";
export { SecretsNotInState } from "./SecretsNotInState";
export { SqlBackups } from "./SqlBackups";
export { SqlDeletionProtection } from "./SqlDeletionProtection";
export { SqlLogFlags } from "./SqlLogFlags";
export { SqlNoPublicIp } from "./SqlNoPublicIp";
export { SqlSslRequired } from "./SqlSslRequired";
export { SslPolicyModern } from "./SslPolicyModern";
export { SubnetFlowLogsPrivateAccess } from "./SubnetFlowLogsPrivateAccess";
