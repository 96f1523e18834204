/** The security rule pack for Mathesar deployments: rules, the pack runner, and their types. */
export * from "./types";
export { MATHESAR_RULES, MIN_SUPPRESSION_REASON_LENGTH, PolicySuppressionError, runPolicies, violations } from "./pack";
export { DatabaseClusterInVpc } from "./rules/digitalocean/DatabaseClusterInVpc";
export { DatabaseDeletionProtection } from "./rules/digitalocean/DatabaseDeletionProtection";
export { DatabaseFirewallAttached } from "./rules/digitalocean/DatabaseFirewallAttached";
export { ANYWHERE, DatabaseFirewallNoPublicSource } from "./rules/digitalocean/DatabaseFirewallNoPublicSource";
export { FirewallNoPublicIngress, PUBLIC_PORTS } from "./rules/digitalocean/FirewallNoPublicIngress";
export { LoadBalancerHttps } from "./rules/digitalocean/LoadBalancerHttps";
export { NoClaimableSetup } from "./rules/mathesar/NoClaimableSetup";
export { PinnedImage } from "./rules/mathesar/PinnedImage";
export { PostgresConnectionSet, REQUIRED_POSTGRES_VARIABLES } from "./rules/mathesar/PostgresConnectionSet";
export { MANAGED_DATABASE_TYPES, PostgresSslRequired } from "./rules/mathesar/PostgresSslRequired";
export { SECRET_VARIABLES, SecretsTypedSecret } from "./rules/mathesar/SecretsTypedSecret";
