/**
 * The Mathesar rule pack: every rule, run over one Terraform JSON configuration, with cdk-nag-style
 * suppressions that must say why and stay visible in the report.
 */
import { RdsStorageEncrypted } from "./rules/aws/RdsStorageEncrypted";
import { RdsNotPubliclyAccessible } from "./rules/aws/RdsNotPubliclyAccessible";
import { RdsBackupRetention } from "./rules/aws/RdsBackupRetention";
import { RdsDeletionProtection } from "./rules/aws/RdsDeletionProtection";
import { RdsPerformanceInsights } from "./rules/aws/RdsPerformanceInsights";
import { RdsMultiAz } from "./rules/aws/RdsMultiAz";
import { RdsLogExports } from "./rules/aws/RdsLogExports";
import { RdsAutoMinorVersionUpgrade } from "./rules/aws/RdsAutoMinorVersionUpgrade";
import { RdsForceSsl } from "./rules/aws/RdsForceSsl";
import { RdsPasswordNotInState } from "./rules/aws/RdsPasswordNotInState";
import { LbHttpRedirectsToHttps } from "./rules/aws/LbHttpRedirectsToHttps";
import { LbListenerTls12 } from "./rules/aws/LbListenerTls12";
import { LbDropInvalidHeaders } from "./rules/aws/LbDropInvalidHeaders";
import { LbAccessLogs } from "./rules/aws/LbAccessLogs";
import { LbDeletionProtection } from "./rules/aws/LbDeletionProtection";
import { LbDesyncMitigation } from "./rules/aws/LbDesyncMitigation";
import { LbTargetGroupHealthCheck } from "./rules/aws/LbTargetGroupHealthCheck";
import { EcsReadonlyRootFilesystem } from "./rules/aws/EcsReadonlyRootFilesystem";
import { EcsNotPrivileged } from "./rules/aws/EcsNotPrivileged";
import { EcsNoSecretsInEnvironment } from "./rules/aws/EcsNoSecretsInEnvironment";
import { EcsSeparateTaskRole } from "./rules/aws/EcsSeparateTaskRole";
import { EcsNoPublicIp } from "./rules/aws/EcsNoPublicIp";
import { EcsContainerInsights } from "./rules/aws/EcsContainerInsights";
import { LogGroupRetention } from "./rules/aws/LogGroupRetention";
import { VpcFlowLogs } from "./rules/aws/VpcFlowLogs";
import { SecretNotInState } from "./rules/aws/SecretNotInState";
import { DatabaseClusterInVpc } from "./rules/digitalocean/DatabaseClusterInVpc";
import { DatabaseDeletionProtection } from "./rules/digitalocean/DatabaseDeletionProtection";
import { DatabaseFirewallAttached } from "./rules/digitalocean/DatabaseFirewallAttached";
import { DatabaseFirewallNoPublicSource } from "./rules/digitalocean/DatabaseFirewallNoPublicSource";
import { FirewallNoPublicIngress } from "./rules/digitalocean/FirewallNoPublicIngress";
import { LoadBalancerHttps } from "./rules/digitalocean/LoadBalancerHttps";
import { SqlSslRequired } from "./rules/google/SqlSslRequired";
import { SqlNoPublicIp } from "./rules/google/SqlNoPublicIp";
import { SqlBackups } from "./rules/google/SqlBackups";
import { SqlLogFlags } from "./rules/google/SqlLogFlags";
import { SqlDeletionProtection } from "./rules/google/SqlDeletionProtection";
import { CloudRunNotPublic } from "./rules/google/CloudRunNotPublic";
import { CloudRunIngressLoadBalancer } from "./rules/google/CloudRunIngressLoadBalancer";
import { IapEnabled } from "./rules/google/IapEnabled";
import { IapAccessGranted } from "./rules/google/IapAccessGranted";
import { SubnetFlowLogsPrivateAccess } from "./rules/google/SubnetFlowLogsPrivateAccess";
import { SslPolicyModern } from "./rules/google/SslPolicyModern";
import { HttpRedirectsToHttps } from "./rules/google/HttpRedirectsToHttps";
import { SecretsNotInState } from "./rules/google/SecretsNotInState";
import { NoClaimableSetup } from "./rules/mathesar/NoClaimableSetup";
import { PinnedImage } from "./rules/mathesar/PinnedImage";
import { PostgresConnectionSet } from "./rules/mathesar/PostgresConnectionSet";
import { PostgresSslRequired } from "./rules/mathesar/PostgresSslRequired";
import { SecretsTypedSecret } from "./rules/mathesar/SecretsTypedSecret";
import type { PolicyFinding, PolicyRule, PolicySuppression, RunPoliciesOptions, TerraformJson } from "./types";

/** Every rule of the pack, in the order RULES.md lists them. */
export const MATHESAR_RULES: readonly PolicyRule[] = [
  DatabaseFirewallAttached,
  DatabaseFirewallNoPublicSource,
  FirewallNoPublicIngress,
  DatabaseClusterInVpc,
  DatabaseDeletionProtection,
  LoadBalancerHttps,
  PinnedImage,
  SecretsTypedSecret,
  PostgresSslRequired,
  NoClaimableSetup,
  PostgresConnectionSet,
  RdsStorageEncrypted,
  RdsNotPubliclyAccessible,
  RdsBackupRetention,
  RdsDeletionProtection,
  RdsPerformanceInsights,
  RdsMultiAz,
  RdsLogExports,
  RdsAutoMinorVersionUpgrade,
  RdsForceSsl,
  RdsPasswordNotInState,
  LbHttpRedirectsToHttps,
  LbListenerTls12,
  LbDropInvalidHeaders,
  LbAccessLogs,
  LbDeletionProtection,
  LbDesyncMitigation,
  LbTargetGroupHealthCheck,
  EcsReadonlyRootFilesystem,
  EcsNotPrivileged,
  EcsNoSecretsInEnvironment,
  EcsSeparateTaskRole,
  EcsNoPublicIp,
  EcsContainerInsights,
  LogGroupRetention,
  VpcFlowLogs,
  SecretNotInState,
  SqlSslRequired,
  SqlNoPublicIp,
  SqlBackups,
  SqlLogFlags,
  SqlDeletionProtection,
  CloudRunNotPublic,
  CloudRunIngressLoadBalancer,
  IapEnabled,
  IapAccessGranted,
  SubnetFlowLogsPrivateAccess,
  SslPolicyModern,
  HttpRedirectsToHttps,
  SecretsNotInState,
];

/** Shortest accepted suppression reason, as in cdk-nag: long enough that "ok" or "n/a" are refused. */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

/** Thrown for a suppression that has no reason or names no rule of the pack. */
export class PolicySuppressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicySuppressionError";
  }
}

/**
 * Runs every rule over `config` and returns all findings, rule by rule. Non-compliant findings matched by
 * a suppression keep their status and carry its reason, so a report always shows what was waived and why.
 * @throws PolicySuppressionError when a suppression has no reason or names an unknown rule
 */
export function runPolicies(config: TerraformJson, options: RunPoliciesOptions = {}): PolicyFinding[] {
  const rules = options.rules ?? MATHESAR_RULES;
  const suppressions = options.suppressions ?? [];
  validateSuppressions(suppressions, rules);
  return rules.flatMap((rule) =>
    rule.check(config).map((finding): PolicyFinding => {
      if (finding.status !== "non_compliant") return finding;
      const match = suppressions.find(
        (suppression) =>
          suppression.ruleId === finding.ruleId &&
          (suppression.address === undefined || suppression.address === finding.address),
      );
      return match ? { ...finding, suppression: { reason: match.reason.trim() } } : finding;
    }),
  );
}

/** The findings that fail a deployment: non-compliant and not suppressed. */
export function violations(findings: readonly PolicyFinding[]): PolicyFinding[] {
  return findings.filter((finding) => finding.status === "non_compliant" && finding.suppression === undefined);
}

/** Refuses suppressions without a reason (the cdk-nag rule) or for rules the pack does not have (typos). */
function validateSuppressions(suppressions: readonly PolicySuppression[], rules: readonly PolicyRule[]): void {
  const ids = new Set(rules.map((rule) => rule.id));
  for (const suppression of suppressions) {
    const reason = typeof suppression.reason === "string" ? suppression.reason.trim() : "";
    if (reason.length < MIN_SUPPRESSION_REASON_LENGTH) {
      throw new PolicySuppressionError(
        `Invalid suppression of ${suppression.ruleId}${suppression.address ? ` on ${suppression.address}` : ""}: ` +
          `reason ${JSON.stringify(suppression.reason)} must explain why, in at least ${MIN_SUPPRESSION_REASON_LENGTH} characters.`,
      );
    }
    if (!ids.has(suppression.ruleId)) {
      throw new PolicySuppressionError(
        `Invalid suppression: no rule ${JSON.stringify(suppression.ruleId)} in the pack (rules: ${[...ids].join(", ")}).`,
      );
    }
  }
}
