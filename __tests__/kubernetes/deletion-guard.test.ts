/**
 * The SECRET_KEY on Kubernetes lives in a Secret the chart generates (kept by `helm uninstall`), or in one
 * of the user's. Deleting the namespace deletes it with everything else, and uninstalling the release
 * deletes the uploads volume: a deletion guard (modules/terraform/deletion-guard.ts, tested against
 * Terraform in __tests__/terraform/deletion-guard.test.ts) stands before both, in the construct and in the
 * published module, switched by deletion_protection.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { MathesarOnKubernetes, MathesarOnKubernetesProps } from "../../modules/kubernetes";
import { renderKubernetesModule } from "../support/synth";

const existing = { host: "db.example.org", passwordSecretName: "mathesar-database" };

function synth(props: MathesarOnKubernetesProps) {
  const stack = new TerraformStack(Testing.app(), "k8s");
  new KubernetesProvider(stack, "kubernetes", {});
  new HelmProvider(stack, "helm", {});
  new MathesarOnKubernetes(stack, "Mathesar", props);
  return JSON.parse(Testing.synth(stack));
}

describe("construct: a deletion guard before the namespace and the release", () => {
  test("on by default, depending on the namespace and the release, replaced with either", () => {
    const guard = synth({ database: { existing } }).resource.terraform_data.deletion_guard;
    expect(guard).toBeDefined();
    expect(guard.input.protected).toBe(true);
    expect(guard.depends_on).toEqual(expect.arrayContaining(["kubernetes_namespace.this", "helm_release.this"]));
    expect(guard.triggers_replace.ids).toEqual([
      "${kubernetes_namespace.this.metadata[0].uid}",
      "${helm_release.this.id}",
    ]);
    const refusal = guard.provisioner[0]["local-exec"];
    expect(refusal.when).toBe("destroy");
    expect(refusal.command).toContain("SECRET_KEY");
    expect(refusal.command).toContain("get secret mathesar-secret-key -o yaml");
  });

  test("deletionProtection: false switches it off; without a namespace of its own it still guards the release", () => {
    expect(
      synth({ database: { existing }, deletionProtection: false }).resource.terraform_data.deletion_guard.input
        .protected,
    ).toBe(false);
    const guard = synth({ database: { existing }, createNamespace: false }).resource.terraform_data.deletion_guard;
    expect(guard.depends_on).toEqual(["helm_release.this"]);
    expect(guard.triggers_replace.ids).toEqual(["mathesar", "${helm_release.this.id}"]);
  });

  test("the database password Secret the construct creates is guarded too", () => {
    const stack = new TerraformStack(Testing.app(), "k8s");
    new KubernetesProvider(stack, "kubernetes", {});
    new HelmProvider(stack, "helm", {});
    const password = new TerraformVariable(stack, "db_password", { type: "string", sensitive: true }).stringValue;
    new MathesarOnKubernetes(stack, "Mathesar", { database: { existing: { host: "db.example.org", password } } });
    const guard = JSON.parse(Testing.synth(stack)).resource.terraform_data.deletion_guard;
    expect(guard.depends_on).toContain("kubernetes_secret.database_password");
  });
});

describe("published module: deletion_protection", () => {
  const root = renderKubernetesModule().modules[""];

  test("a non-nullable bool variable, true by default", () => {
    expect(root.variable.deletion_protection).toMatchObject({ type: "bool", default: true, nullable: false });
  });

  test("the guard follows it, depends on the namespace (count) and the release, and is replaced with them", () => {
    const guard = root.resource.terraform_data.deletion_guard;
    expect(guard.input.protected).toBe("${var.deletion_protection}");
    expect(guard.depends_on).toEqual(
      expect.arrayContaining(["kubernetes_namespace.this", "helm_release.this", "kubernetes_secret.database_password"]),
    );
    expect(guard.triggers_replace.ids).toEqual([
      "${var.create_namespace ? one(kubernetes_namespace.this[*].metadata[0].uid) : var.namespace}",
      "${helm_release.this.id}",
    ]);
  });
});

describe("deployable stack", () => {
  test("asks for Terraform 1.11 or newer, like every deployable stack", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KubernetesStack, kubernetesPropsFromEnv } = require("../../stacks/kubernetes/deploy-stack");
    const stack = new KubernetesStack(Testing.app(), "kubernetes", kubernetesPropsFromEnv({}));
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe(">= 1.11");
  });
});
