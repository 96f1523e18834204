/**
 * The Kubernetes target's one wiring: the only place the release block is composed and the contract
 * outputs are derived, for the construct (known props) and the published module (props over its variables).
 *
 * The target has one building block, so the published module stays flat: the block's resources sit in the
 * root module itself, in both flavours, at the addresses published so far (a submodule would move
 * helm_release.this to module.release.helm_release.this, and Terraform would plan to uninstall and
 * reinstall Mathesar — the deletion guard would refuse it). The block takes conditions, so what the
 * construct decides in TypeScript (create the namespace?) the module leaves to Terraform as a `count`.
 */
import type { Construct } from "constructs";
import { asString } from "../terraform";
import { choose, isPresent, not, truthy } from "../terraform/wiring";
import { grouped } from "../terraform/wiring/rule-condition";
import { type MathesarOutputs } from "../mathesar";
import { mathesarChartValues } from "./chart-values";
import { K8S_DEFAULTS } from "./defaults";
import type { K8sExistingDatabaseProps, MathesarOnKubernetesProps } from "./props";
import { MathesarHelmRelease } from "./release";

/** What the wiring built. */
export interface KubernetesWiring {
  /** The Helm release block. */
  readonly release: MathesarHelmRelease;
  /** The chart values the release was given. */
  readonly values: Record<string, unknown>;
  /** The contract outputs. */
  readonly outputs: MathesarOutputs;
  /** The release's status (a published module output). */
  readonly releaseStatus: string;
}

/** Composes Mathesar on Kubernetes from (validated) props; the same code for both flavours. */
export function composeKubernetes(scope: Construct, props: MathesarOnKubernetesProps): KubernetesWiring {
  const name = props.name ?? K8S_DEFAULTS.name;
  const namespace = props.namespace ?? K8S_DEFAULTS.namespace;
  const existing = props.database?.existing;
  const values = mathesarChartValues(props);
  const release = new MathesarHelmRelease(scope, "Release", {
    name,
    namespace,
    createNamespace: truthy(props.createNamespace, K8S_DEFAULTS.createNamespace),
    chartPath: props.chartPath ?? K8S_DEFAULTS.chartPath,
    values,
    databasePassword: existing?.password,
    // The Secret is created when the user names none (the rules then require the password); decided on the
    // Secret's name, not on the sensitive password, so the count never derives from a secret.
    // grouped: the condition becomes the condition of the Secret's count conditional.
    createDatabasePasswordSecret: grouped(
      choose(
        isPresent(existing),
        () => not(isPresent((existing as K8sExistingDatabaseProps).passwordSecretName)),
        () => false,
      ),
    ),
    databasePasswordSecretName: `${name}-database`,
    deletionProtection: truthy(props.deletionProtection, K8S_DEFAULTS.deletionProtection),
  });
  const outputs: MathesarOutputs = {
    url: choose(
      isPresent(props.domainName),
      () => `https://${props.domainName}/`,
      () => `http://${name}.${namespace}.svc.cluster.local/`,
    ),
    adminUsername: choose(
      truthy(props.admin?.enabled, K8S_DEFAULTS.adminEnabled),
      () => props.admin?.username ?? K8S_DEFAULTS.adminUsername,
      () => "",
    ),
    adminPasswordLocation: `kubectl -n ${namespace} get secret ${name}-admin -o jsonpath='{.data.password}' | base64 -d`,
    databaseEndpoint: choose(
      isPresent(existing),
      () => {
        const database = existing as K8sExistingDatabaseProps;
        return `${database.host}:${asString(database.port ?? K8S_DEFAULTS.databasePort)}`;
      },
      () => `${name}-postgresql.${namespace}.svc:5432`,
    ),
    logs: `kubectl -n ${namespace} logs deployment/${name} (bootstrap: kubectl -n ${namespace} logs job/${name}-bootstrap)`,
  };
  return { release, values, outputs, releaseStatus: release.release.status };
}
