/**
 * The AWS rules: the one place they are registered. Each file `<RuleName>.ts` exports the rule
 * `<RuleName>` (id `AWS_<RULE_NAME>`, rule-id.ts) and its public constants; the pack finds the rules here.
 */
export { CONTAINER_INSIGHTS_ON, EcsContainerInsights } from "./EcsContainerInsights";
export { EcsNoPublicIp } from "./EcsNoPublicIp";
export {
  EcsNoSecretsInEnvironment,
  NOT_SECRET_NAME_PATTERN,
  SECRET_NAME_PATTERN,
  isSecretName,
} from "./EcsNoSecretsInEnvironment";
export { EcsNotPrivileged } from "./EcsNotPrivileged";
export { EcsReadonlyRootFilesystem } from "./EcsReadonlyRootFilesystem";
export { EcsSeparateTaskRole } from "./EcsSeparateTaskRole";
export { LbAccessLogs } from "./LbAccessLogs";
export { LbDeletionProtection } from "./LbDeletionProtection";
export { LbDesyncMitigation, SAFE_DESYNC_MODES } from "./LbDesyncMitigation";
export { LbDropInvalidHeaders } from "./LbDropInvalidHeaders";
export { LbHttpRedirectsToHttps } from "./LbHttpRedirectsToHttps";
export { LbTargetGroupHealthCheck } from "./LbTargetGroupHealthCheck";
export { DEFAULT_ELB_SSL_POLICY, LbTls12Policy, TLS_1_2_POLICY_PREFIXES, isTls12Policy } from "./LbTls12Policy";
export { LogGroupRetention, MIN_LOG_RETENTION_DAYS } from "./LogGroupRetention";
export { RdsAutoMinorVersionUpgrade } from "./RdsAutoMinorVersionUpgrade";
export { MIN_BACKUP_RETENTION_DAYS, RdsBackupRetention } from "./RdsBackupRetention";
export { RdsDeletionProtection } from "./RdsDeletionProtection";
export { FORCE_SSL_PARAMETER, RdsForceSsl } from "./RdsForceSsl";
export { POSTGRESQL_LOG_EXPORT, RdsLogExports } from "./RdsLogExports";
export { RdsMultiAz, SINGLE_AZ_DEFAULT_REASON, SINGLE_AZ_DEFAULT_SUPPRESSION } from "./RdsMultiAz";
export { RdsNotPubliclyAccessible } from "./RdsNotPubliclyAccessible";
export { RdsPasswordNotInState } from "./RdsPasswordNotInState";
export { RdsPerformanceInsights } from "./RdsPerformanceInsights";
export { RdsStorageEncrypted } from "./RdsStorageEncrypted";
export { STORED_SECRET_ARGUMENTS, SecretNotInState } from "./SecretNotInState";
export { VpcFlowLogs } from "./VpcFlowLogs";
