/**
 * Building block: the Mathesar Helm chart installed as a Helm release, atomically (a failed upgrade rolls
 * back), waiting until the bootstrap hook Job and the pods are ready, optionally in a namespace created
 * with the Pod Security `baseline` level (the image runs as root, so `restricted` would refuse it).
 */
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Namespace } from "@cdktf/provider-kubernetes/lib/namespace";
import { Secret } from "@cdktf/provider-kubernetes/lib/secret";
import type { TerraformResource } from "cdktf";
import { isToken } from "../mathesar";
import { DeletionGuard, countIf, optionalAttribute, stableAddress } from "../terraform";
import { type Condition, choose } from "../terraform/wiring";
import { chartValuesText } from "./chart-values";

/** Props of {@link MathesarHelmRelease}. A {@link Condition} is a known boolean or a Terraform condition. */
export interface MathesarHelmReleaseProps {
  /** Release name. */
  readonly name: string;
  /** Namespace. */
  readonly namespace: string;
  /**
   * Create the namespace (with the Pod Security `baseline` level); a Terraform condition gives it a count.
   * @default true
   */
  readonly createNamespace?: Condition;
  /** Chart path as Terraform sees it. */
  readonly chartPath: string;
  /** Chart values: known values, or expressions Terraform decides (written with `jsonencode`). */
  readonly values: Record<string, unknown>;
  /**
   * The database password (a secret reference): a Secret is created with it in the namespace before the
   * release, so the bootstrap hook finds it.
   * @default - the Secret exists already
   */
  readonly databasePassword?: string;
  /**
   * Whether to create that Secret; a Terraform condition gives it a count.
   * @default databasePassword !== undefined
   */
  readonly createDatabasePasswordSecret?: Condition;
  /** Name of that Secret (key `password`). @default "<name>-database" */
  readonly databasePasswordSecretName?: string;
  /**
   * Refuse `terraform destroy` (and replacement) of the namespace, the release and the password Secret
   * while true: deleting the namespace deletes the SECRET_KEY Secret, uninstalling deletes the uploads.
   * @default true
   */
  readonly deletionProtection?: Condition;
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
    `Deletion protection is on: destroying would uninstall Mathesar (its uploads volume) and, when ` +
    `Terraform created namespace ${namespace}, delete it with the Secret ${name}-secret-key, whose ` +
    `SECRET_KEY decrypts the saved database passwords. ` +
    `Back it up first (kubectl -n ${namespace} get secret ${name}-secret-key -o yaml > ` +
    `${name}-secret-key.yaml, or your secretKey.existingSecret), then set deletion_protection = false ` +
    `(deletionProtection: false), apply, and destroy.`
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
    const createNamespace = props.createNamespace ?? true;
    if (createNamespace !== false) {
      this.namespace = counted(
        stableAddress(
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
        ),
        createNamespace,
      );
    }
    const namespace = this.namespace;
    // The namespace's own attribute when it is created here (the release waits for it), else the name given.
    const fromNamespace = (attribute: string, pick: (created: Namespace) => string) =>
      choose(
        createNamespace,
        () => (createNamespace === true ? pick(namespace!) : optionalAttribute(namespace!, attribute)),
        () => props.namespace,
      );
    const namespaceName = fromNamespace("metadata[0].name", (created) => created.metadata.name);
    const createSecret = props.createDatabasePasswordSecret ?? props.databasePassword !== undefined;
    if (createSecret !== false) {
      this.databasePasswordSecret = counted(
        stableAddress(
          new Secret(this, "DatabasePassword", {
            metadata: { name: props.databasePasswordSecretName ?? `${props.name}-database`, namespace: namespaceName },
            data: { password: props.databasePassword ?? "" },
          }),
          "database_password",
        ),
        createSecret,
      );
    }
    this.release = stableAddress(
      new Release(this, "Release", {
        name: props.name,
        namespace: namespaceName,
        chart: props.chartPath,
        values: [chartValuesText(props.values)],
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
      // A new namespace replaces the guard, so that replacing the namespace is refused like a destroy.
      replaceWhenChanged: [fromNamespace("metadata[0].uid", (created) => created.metadata.uid), this.release.id],
      enabled: props.deletionProtection ?? true,
      message: kubernetesDeletionProtectionMessage(props.name, props.namespace),
    });
  }
}

/** A resource that exists only when `when` holds: as it is for a known `true`, with a count for a Terraform condition. */
function counted<R extends TerraformResource>(resource: R, when: Condition): R {
  if (when !== true) resource.count = countIf(when);
  return resource;
}
