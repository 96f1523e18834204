/**
 * Building block: the Mathesar Helm chart installed as a Helm release, atomically (a failed upgrade rolls
 * back), waiting until the bootstrap hook Job and the pods are ready, optionally in a namespace created
 * with the Pod Security `baseline` level (the image runs as root, so `restricted` would refuse it).
 */
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Namespace } from "@cdktf/provider-kubernetes/lib/namespace";
import { Secret } from "@cdktf/provider-kubernetes/lib/secret";
import { jsonTemplate, stableAddress } from "../terraform";

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

  constructor(scope: Construct, id: string, props: MathesarHelmReleaseProps) {
    super(scope, id);
    if (props.createNamespace) {
      this.namespace = stableAddress(
        new Namespace(this, "Namespace", {
          metadata: {
            name: props.namespace,
            labels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted" },
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
  }
}
