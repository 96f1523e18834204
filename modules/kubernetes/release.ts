/**
 * Building block: the Mathesar Helm chart installed as a Helm release, atomically (a failed upgrade rolls
 * back), waiting until the bootstrap hook Job and the pods are ready, optionally in a namespace created
 * with the Pod Security `baseline` level (the image runs as root, so `restricted` would refuse it).
 */
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Namespace } from "@cdktf/provider-kubernetes/lib/namespace";
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
}

/** Seconds Helm waits for the bootstrap Job and the rollout (first boot migrates an empty database). */
export const RELEASE_TIMEOUT_SECONDS = 900;

/** The Mathesar Helm release. */
export class MathesarHelmRelease extends Construct {
  /** The release (escape hatch). */
  public readonly release: Release;
  /** The namespace, when created here. */
  public readonly namespace?: Namespace;

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
      }),
      "this",
    );
  }
}
