/**
 * `MathesarOnKubernetes`: the Mathesar Helm chart (charts/mathesar) installed on any cluster with the helm
 * and kubernetes providers — EKS, GKE, DigitalOcean Kubernetes or your own. The database is one you run
 * (for example a cloud target's managed database block) or, for evaluation only, an in-cluster PostgreSQL.
 * The composition is the target's one wiring (wiring.ts), shared with the published module.
 */
import { Construct } from "constructs";
import type { MathesarOutputs } from "../mathesar";
import type { MathesarOnKubernetesProps } from "./props";
import type { MathesarHelmRelease } from "./release";
import { validateKubernetesProps } from "./validate";
import { composeKubernetes } from "./wiring";

/** Mathesar on any Kubernetes cluster. */
export class MathesarOnKubernetes extends Construct {
  /** The Helm release block. */
  public readonly release: MathesarHelmRelease;
  /** The chart values the release was given. */
  public readonly values: Record<string, unknown>;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;

  constructor(scope: Construct, id: string, props: MathesarOnKubernetesProps) {
    super(scope, id);
    validateKubernetesProps(props);
    const wiring = composeKubernetes(this, props);
    this.release = wiring.release;
    this.values = wiring.values;
    this.outputs = wiring.outputs;
  }
}
