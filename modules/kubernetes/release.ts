/**
 * Building block: the Mathesar Helm chart installed as a Helm release, atomically (a failed upgrade rolls
 * back), waiting until the bootstrap hook Job and the pods are ready, optionally in a namespace created
 * with the Pod Security `baseline` level (the image runs as root, so `restricted` would refuse it).
 */
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Namespace } from "@cdktf/provider-kubernetes/lib/namespace";
import { Secret } from "@cdktf/provider-kubernetes/lib/secret";
import { isToken } from "../mathesar";
import { DeletionGuard, jsonTemplate, stableAddress } from "../terraform";

/** Props of {@link MathesarHelmRelease}. */
export interface MathesarHelmReleaseProps {
  /** Release name. */
  readonly name: string;
  /** Namespace. */
  readonly namespace: string;
  /** Create the namespace. */
  readonly createNamespace: boolean;
  /** Chart path as Terraform sees it. */
  readonly chartPath: string;
  /** Chart values. */
  readonly values: Record<string, unknown>;
  /**
   * The values as one Terraform expression producing JSON text, instead of `values` (module flavour).
   * @default - built from `values`
   */
  readonly valuesExpression?: string;
  /**
   * The database password (a secret reference): a Secret is created with it in the namespace before the
   * release, so the bootstrap hook finds it.
   * @default - the Secret exists already
   */
  readonly databasePassword?: string;
  /** Name of that Secret (key `password`). @default "<name>-database" */
  readonly databasePasswordSecretName?: string;
  /**
   * Refuse `terraform destroy` (and replacement) of the namespace, the release and the password Secret
   * while true: deleting the namespace deletes the SECRET_KEY Secret, uninstalling deletes the uploads.
   * May be a Terraform expression (the module's variable).
   * @default true
   */
  readonly deletionProtection?: boolean | string;
  /**
   * What identifies the namespace for the deletion guard (a new one replaces the guard, so that replacing
   * the namespace is refused like a destroy).
   * @default - the uid of the namespace created here, otherwise its name
   */
  readonly namespaceIdentity?: string;
}

/**
 * What a refused destroy prints: how to keep SECRET_KEY, then how to switch the guard off. A destroy-time
 * command may refer to nothing but the resource itself, so names known only to Terraform become placeholders.
 */
export function kubernetesDeletionProtectionMessage(releaseName: string, namespaceName: string): string {
  const known = (value: string) => !isToken(value) && !value.includes("${");
  const name = known(releaseName) ? releaseName : "<name>";
  const namespace = known(namespaceName) ? namespaceName : "<namespace>";
  return (
    `Deletion protection is on: destroying would uninstall Mathesar (its uploads volume) and, when Terraform created namespace ${namespace}, delete it with the Secret ${name}-secret-key, whose SECRET_KEY decrypts the saved database passwords. ` +
    `Back it up first (kubectl -n ${namespace} get secret ${name}-secret-key -o yaml > ${name}-secret-key.yaml, or your secretKey.existingSecret), then set deletion_protection = false (deletionProtection: false), apply, and destroy.`
  );
}

/** Seconds Helm waits for the bootstrap Job and the rollout (first boot migrates an empty database). */
export const RELEASE_TIMEOUT_SECONDS = 900;

/** The Mathesar Helm release. */
export class MathesarHelmRelease extends Construct {
  /** The release (escape hatch). */
  public readonly release: Release;
  /** The namespace, when created here. */
  public readonly namespace?: Namespace;
  /** The database password Secret, when created here. */
  public readonly databasePasswordSecret?: Secret;
  /** Refuses destroy and replacement of the namespace, the release and the password Secret while on. */
  public readonly deletionGuard: DeletionGuard;

  constructor(scope: Construct, id: string, props: MathesarHelmReleaseProps) {
    super(scope, id);
    if (props.createNamespace) {
      this.namespace = stableAddress(
        new Namespace(this, "Namespace", {
          metadata: {
            name: props.namespace,
            labels: {
              "pod-security.kubernetes.io/enforce": "baseline",
              "pod-security.kubernetes.io/warn": "restricted",
            },
          },
        }),
        "this",
      );
    }
    if (props.databasePassword !== undefined) {
      this.databasePasswordSecret = stableAddress(
        new Secret(this, "DatabasePassword", {
          metadata: {
            name: props.databasePasswordSecretName ?? `${props.name}-database`,
            namespace: this.namespace ? this.namespace.metadata.name : props.namespace,
          },
          data: { password: props.databasePassword },
        }),
        "database_password",
      );
    }
    this.release = stableAddress(
      new Release(this, "Release", {
        name: props.name,
        namespace: this.namespace ? this.namespace.metadata.name : props.namespace,
        chart: props.chartPath,
        // Values as JSON text: Terraform references stay ${...} templates, literals are escaped correctly.
        values: [props.valuesExpression ?? jsonTemplate(props.values)],
        atomic: true,
        cleanupOnFail: true,
        wait: true,
        waitForJobs: true,
        timeout: RELEASE_TIMEOUT_SECONDS,
        maxHistory: 10,
        dependsOn: this.databasePasswordSecret ? [this.databasePasswordSecret] : undefined,
      }),
      "this",
    );
    // The chart keeps its generated SECRET_KEY Secret on uninstall, but a deleted namespace takes it along.
    this.deletionGuard = new DeletionGuard(this, "DeletionGuard", {
      protects: [
        ...(this.namespace ? [this.namespace] : []),
        this.release,
        ...(this.databasePasswordSecret ? [this.databasePasswordSecret] : []),
      ],
      replaceWhenChanged: [
        props.namespaceIdentity ?? (this.namespace ? this.namespace.metadata.uid : props.namespace),
        this.release.id,
      ],
      enabled: props.deletionProtection ?? true,
      message: kubernetesDeletionProtectionMessage(props.name, props.namespace),
    });
  }
}
