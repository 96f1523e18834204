/**
 * The construct refuses every bad input of the shared table (bad-input-cases.ts) at synth time, with a
 * MathesarInputError naming the prop; the published module refuses the same inputs with the same words
 * (__tests__/terraform/kubernetes-values.test.ts).
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { MathesarOnKubernetes } from "../../modules/kubernetes";
import { MathesarInputError } from "../../modules/mathesar";
import { BAD_INPUT_CASES, constructProps, moduleVariables, propName } from "./bad-input-cases";

function build(props: Record<string, unknown>): void {
  const stack = new TerraformStack(Testing.app(), "k8s");
  new KubernetesProvider(stack, "kubernetes", {});
  new HelmProvider(stack, "helm", {});
  const password = new TerraformVariable(stack, "db_password", { type: "string", sensitive: true }).stringValue;
  new MathesarOnKubernetes(stack, "Mathesar", constructProps(props, password));
  Testing.synth(stack);
}

describe("construct: bad input is refused at synth time", () => {
  test.each(BAD_INPUT_CASES.map((c) => [c.what, c] as const))("refuses %s", (_what, badInput) => {
    let error: unknown;
    try {
      build(badInput.props);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MathesarInputError);
    expect((error as Error).message).toContain(badInput.message(propName));
  });

  test("every case the module can be given maps onto its variables", () => {
    for (const badInput of BAD_INPUT_CASES.filter((c) => !c.constructOnly)) {
      expect(() => moduleVariables(badInput.props)).not.toThrow();
    }
  });

  test.each([
    ["several replicas with ReadWriteMany uploads", { replicas: 3, persistence: { accessMode: "ReadWriteMany" } }],
    [
      "verify-ca with a CA Secret",
      {
        database: {
          existing: { host: "db", passwordSecretName: "s", sslMode: "verify-ca", caCertificate: { secretName: "ca" } },
        },
      },
    ],
    [
      "a password reference instead of a Secret name",
      { database: { existing: { host: "db", password: "<password reference>" } } },
    ],
    [
      "Secret and ConfigMap names with dots (DNS subdomains, as Kubernetes and the chart allow)",
      {
        sso: { secretName: "mathesar.sso" },
        database: {
          existing: {
            host: "db",
            passwordSecretName: "mathesar.db",
            sslMode: "verify-ca",
            caCertificate: { configMapName: "rds.ca" },
          },
        },
      },
    ],
    ["SSO required with its Secret", { sso: { secretName: "mathesar-sso", requireSsoLogin: true } }],
    ["the evaluation database", { database: { inCluster: { evaluationOnly: true } } }],
  ])("accepts %s", (_what, props) => {
    const withDatabase = {
      database: { existing: { host: "db.example.org", passwordSecretName: "mathesar-database" } },
      ...props,
    };
    expect(() => build(withDatabase)).not.toThrow();
  });
});
