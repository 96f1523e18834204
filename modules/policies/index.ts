/** The security rule pack for Mathesar deployments: rules (DigitalOcean, AWS, Google Cloud, cross-cloud Mathesar), the pack runner, and their types. */
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
export { CONTAINER_INSIGHTS_ON, EcsContainerInsights } from "./rules/aws/EcsContainerInsights";
export { EcsNoPublicIp } from "./rules/aws/EcsNoPublicIp";
export {
  EcsNoSecretsInEnvironment,
  NOT_SECRET_NAME_PATTERN,
  SECRET_NAME_PATTERN,
  isSecretName,
} from "./rules/aws/EcsNoSecretsInEnvironment";
export { EcsNotPrivileged } from "./rules/aws/EcsNotPrivileged";
export { EcsReadonlyRootFilesystem } from "./rules/aws/EcsReadonlyRootFilesystem";
export { EcsSeparateTaskRole } from "./rules/aws/EcsSeparateTaskRole";
export { LbAccessLogs } from "./rules/aws/LbAccessLogs";
export { LbDeletionProtection } from "./rules/aws/LbDeletionProtection";
export { LbDesyncMitigation, SAFE_DESYNC_MODES } from "./rules/aws/LbDesyncMitigation";
export { LbDropInvalidHeaders } from "./rules/aws/LbDropInvalidHeaders";
export { LbHttpRedirectsToHttps } from "./rules/aws/LbHttpRedirectsToHttps";
export {
  DEFAULT_ELB_SSL_POLICY,
  LbListenerTls12,
  TLS_1_2_POLICY_PREFIXES,
  isTls12Policy,
} from "./rules/aws/LbListenerTls12";
export { LbTargetGroupHealthCheck } from "./rules/aws/LbTargetGroupHealthCheck";
export { LogGroupRetention, MIN_LOG_RETENTION_DAYS } from "./rules/aws/LogGroupRetention";
export { RdsAutoMinorVersionUpgrade } from "./rules/aws/RdsAutoMinorVersionUpgrade";
export { MIN_BACKUP_RETENTION_DAYS, RdsBackupRetention } from "./rules/aws/RdsBackupRetention";
export { RdsDeletionProtection } from "./rules/aws/RdsDeletionProtection";
export { FORCE_SSL_PARAMETER, RdsForceSsl } from "./rules/aws/RdsForceSsl";
export { POSTGRESQL_LOG_EXPORT, RdsLogExports } from "./rules/aws/RdsLogExports";
export { RdsMultiAz, SINGLE_AZ_DEFAULT_REASON, SINGLE_AZ_DEFAULT_SUPPRESSION } from "./rules/aws/RdsMultiAz";
export { RdsNotPubliclyAccessible } from "./rules/aws/RdsNotPubliclyAccessible";
export { RdsPasswordNotInState } from "./rules/aws/RdsPasswordNotInState";
export { RdsPerformanceInsights } from "./rules/aws/RdsPerformanceInsights";
export { RdsStorageEncrypted } from "./rules/aws/RdsStorageEncrypted";
export { STORED_SECRET_ARGUMENTS, SecretNotInState } from "./rules/aws/SecretNotInState";
export { VpcFlowLogs } from "./rules/aws/VpcFlowLogs";
// Google Cloud: the rules and the IAP waiver only. Their constants (roles, resource-type lists, flags) stay behind
// deep imports, so that the package root, which also re-exports the Google constructs, never sees two of a name.
export { CloudRunIngressLoadBalancer } from "./rules/google/CloudRunIngressLoadBalancer";
export { CloudRunNotPublic } from "./rules/google/CloudRunNotPublic";
export { HttpRedirectsToHttps } from "./rules/google/HttpRedirectsToHttps";
export { IapAccessGranted } from "./rules/google/IapAccessGranted";
export {
  GOOGLE_IAP_OFF_REASON,
  GOOGLE_IAP_OFF_SUPPRESSION,
  IapEnabled,
  googleIapOffSuppression,
} from "./rules/google/IapEnabled";
export { SecretsNotInState } from "./rules/google/SecretsNotInState";
export { SqlBackups } from "./rules/google/SqlBackups";
export { SqlDeletionProtection } from "./rules/google/SqlDeletionProtection";
export { SqlLogFlags } from "./rules/google/SqlLogFlags";
export { SqlNoPublicIp } from "./rules/google/SqlNoPublicIp";
export { SqlSslRequired } from "./rules/google/SqlSslRequired";
export { SslPolicyModern } from "./rules/google/SslPolicyModern";
export { SubnetFlowLogsPrivateAccess } from "./rules/google/SubnetFlowLogsPrivateAccess";
