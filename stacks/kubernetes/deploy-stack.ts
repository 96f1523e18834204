/**
 * The deployable Kubernetes stack: `cdktf deploy kubernetes` against the cluster named by KUBE_CONFIG_PATH
 * (and KUBE_CTX), which both providers read. With MATHESAR_DATABASE_HOST (plus _PORT, _NAME, _USER,
 * _SSLMODE and the Secret in MATHESAR_DATABASE_SECRET) it uses that database; without it, an evaluation
 * database inside the release.
 */
import { Construct } from "constructs";
import { LocalBackend, TerraformOutput } from "cdktf";
import { DeployableStack } from "../deployable-stack";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { CONTRACT_OUTPUTS, MathesarSize } from "../../modules/mathesar";
import { MathesarOnKubernetes, MathesarOnKubernetesProps } from "../../modules/kubernetes";

/** Terraform version the deployable stack asks for. */
export const KUBERNETES_REQUIRED_TERRAFORM = ">= 1.11";

/** Chart path as Terraform sees it from cdktf.out/stacks/<stack>. */
export const REPOSITORY_CHART_PATH = "../../../charts/mathesar";

/** Reads the deployable stack's settings from `MATHESAR_*` environment variables. */
export function kubernetesPropsFromEnv(env: NodeJS.ProcessEnv = process.env): MathesarOnKubernetesProps {
  const host = env.MATHESAR_DATABASE_HOST;
  return {
    name: env.MATHESAR_NAME,
    namespace: env.MATHESAR_NAMESPACE,
    domainName: env.MATHESAR_DOMAIN_NAME,
    mathesarVersion: env.MATHESAR_VERSION,
    size: env.MATHESAR_SIZE as MathesarSize | undefined,
    chartPath: REPOSITORY_CHART_PATH,
    ingress: {
      className: env.MATHESAR_INGRESS_CLASS,
      clusterIssuer: env.MATHESAR_CLUSTER_ISSUER,
      controllerNamespace: env.MATHESAR_INGRESS_NAMESPACE,
    },
    createNamespace: env.MATHESAR_CREATE_NAMESPACE === "false" ? false : undefined,
    // Synthesis without settings gets the evaluation database; a deployment should name a real one.
    database: host
      ? {
          existing: {
            host,
            port: env.MATHESAR_DATABASE_PORT ? Number(env.MATHESAR_DATABASE_PORT) : undefined,
            databaseName: env.MATHESAR_DATABASE_NAME,
            user: env.MATHESAR_DATABASE_USER,
            sslMode: env.MATHESAR_DATABASE_SSLMODE as "require" | undefined,
            passwordSecretName: env.MATHESAR_DATABASE_SECRET ?? "mathesar-database",
          },
        }
      : { inCluster: { evaluationOnly: true } },
  };
}

/** A root configuration that installs Mathesar on the current cluster. */
export class KubernetesStack extends DeployableStack {
  /** The deployment. */
  public readonly mathesar: MathesarOnKubernetes;

  constructor(scope: Construct, id: string, props: MathesarOnKubernetesProps) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    // The same floor as every deployable stack of this project (ephemeral values and write-only arguments elsewhere).
    this.requireTerraform(KUBERNETES_REQUIRED_TERRAFORM);
    // The providers read KUBE_CONFIG_PATH (and KUBE_CTX) from the environment themselves.
    new KubernetesProvider(this, "kubernetes", {});
    new HelmProvider(this, "helm", {});
    this.mathesar = new MathesarOnKubernetes(this, "Mathesar", props);
    for (const key of Object.keys(CONTRACT_OUTPUTS) as Array<keyof typeof CONTRACT_OUTPUTS>) {
      new TerraformOutput(this, CONTRACT_OUTPUTS[key].name, {
        value: this.mathesar.outputs[key],
        description: CONTRACT_OUTPUTS[key].description,
      });
    }
  }
}
