/**
 * The Kubernetes adapter of the conformance suite: the construct's chart values rendered by a real
 * `helm template`, so the contract is checked on the manifests the cluster would get.
 */
import { TerraformStack, Testing } from "cdktf";
import { MathesarOnKubernetes, MathesarOnKubernetesProps, mathesarChartValues } from "../../modules/kubernetes";
import type { MathesarBaseProps } from "../../modules/mathesar";
import { KubernetesStack } from "../../stacks/kubernetes/deploy-stack";
import { helmTemplate, parseManifests } from "../support/helm";
import { renderKubernetesModule, type TerraformJson } from "../support/synth";
import type { ConformanceTarget, MathesarContainer } from "./target";

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: unknown } };
type Container = {
  name: string;
  image: string;
  env?: EnvVar[];
  command?: string[];
  args?: string[];
  livenessProbe?: { httpGet?: { path: string } };
};

const withDatabase = (props: MathesarBaseProps): MathesarOnKubernetesProps =>
  ({
    ...props,
    database: { existing: { host: "db.example.org", passwordSecretName: "mathesar-database" } },
  }) as MathesarOnKubernetesProps;

function container(address: string, role: MathesarContainer["role"], c: Container): MathesarContainer {
  const env = c.env ?? [];
  return {
    address,
    role,
    image: c.image,
    plainEnv: Object.fromEntries(env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value as string])),
    secretEnv: env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name),
    healthCheckPath: c.livenessProbe?.httpGet?.path,
    command: [...(c.command ?? []), ...(c.args ?? [])].join(" "),
  };
}

/** Kubernetes: the Helm chart through MathesarOnKubernetes. */
export const kubernetesTarget: ConformanceTarget = {
  name: "Kubernetes",
  deploy: (props) => {
    const config = JSON.parse(
      Testing.synth(new KubernetesStack(Testing.app(), "kubernetes", withDatabase(props))),
    ) as TerraformJson;
    const rendered = helmTemplate(mathesarChartValues(withDatabase(props)));
    if (rendered.status !== 0) throw new Error(`helm template failed:\n${rendered.stderr}`);
    const manifests = parseManifests(rendered.stdout) as unknown as Array<{
      kind: string;
      metadata: { name: string };
      spec: TerraformJson;
    }>;
    const containers: MathesarContainer[] = [];
    for (const m of manifests) {
      if (m.kind === "Deployment") {
        for (const c of m.spec.template.spec.containers as Container[])
          containers.push(container(`Deployment/${m.metadata.name}/${c.name}`, "service", c));
      }
      if (m.kind === "Job") {
        for (const c of m.spec.template.spec.containers as Container[])
          containers.push(container(`Job/${m.metadata.name}/${c.name}`, "bootstrap", c));
      }
    }
    return { config, containers, outputNames: Object.keys(config.output ?? {}) };
  },
  build: (props) => {
    new MathesarOnKubernetes(new TerraformStack(Testing.app(), "conformance"), "Mathesar", withDatabase(props));
  },
  moduleRoot: () => renderKubernetesModule().modules[""],
  ssoVariable: { name: "sso_secret_name", value: "mathesar-sso" },
  ssoProps: (requireSsoLogin) => ({ sso: { secretName: "mathesar-sso", requireSsoLogin } }),
  // The module never creates a database (an existing server, or an evaluation one): nothing to protect.
  notApplicableInputs: ["deletion_protection"],
};
