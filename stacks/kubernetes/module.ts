/**
 * terraform-kubernetes-mathesar: the Mathesar chart (shipped inside the module, in chart/) installed as a
 * Helm release. The root module is the Kubernetes target's one wiring (modules/kubernetes/wiring.ts) run
 * over the module's variables; its variables and their validations come from the settings table and the
 * cross-field rules. One building block, so the module is flat: a namespace and the release.
 */
import type { Construct } from "constructs";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { CONTRACT_OUTPUTS } from "../../modules/mathesar";
import {
  KUBERNETES_RULES,
  KUBERNETES_SETTINGS,
  type MathesarOnKubernetesProps,
  composeKubernetes,
} from "../../modules/kubernetes";
import { WiredRootModule } from "../../modules/terraform/wiring";
import { K8S_MODULE_PROVIDERS } from "./providers";

/** The published Kubernetes module. */
export class K8sRootModule extends WiredRootModule<MathesarOnKubernetesProps> {
  public readonly description =
    "Mathesar on any Kubernetes cluster: the Mathesar Helm chart (shipped in chart/) installed atomically " +
    "with a bootstrap hook Job for migrations and the first admin, an Ingress with cert-manager TLS, " +
    "uploads on a PersistentVolumeClaim, a NetworkPolicy and a Pod Security baseline namespace. Bring " +
    "your PostgreSQL (any managed service) through a Kubernetes Secret.";

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      providers: K8S_MODULE_PROVIDERS,
      declareProviders: (module) => {
        new KubernetesProvider(module, "kubernetes", {});
        new HelmProvider(module, "helm", {});
      },
      settings: KUBERNETES_SETTINGS,
      rules: KUBERNETES_RULES,
      compose: (module, props) => {
        const { outputs, releaseStatus } = composeKubernetes(module, props);
        return {
          ...Object.fromEntries(
            (Object.keys(CONTRACT_OUTPUTS) as Array<keyof typeof CONTRACT_OUTPUTS>).map((key) => [
              CONTRACT_OUTPUTS[key].name,
              { value: outputs[key], description: CONTRACT_OUTPUTS[key].description },
            ]),
          ),
          release_status: { value: releaseStatus, description: "Status of the Helm release." },
        };
      },
    });
  }
}
