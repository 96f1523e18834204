import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { MathesarOnKubernetes, MathesarOnKubernetesProps, mathesarChartValues } from "../../modules/kubernetes";
import { jsonencodeArgument } from "../../modules/policies/lib/hcl-value";

/** The release's values, written as `${jsonencode({...})}`, read back as an object. */
const chartValues = (text: string) => jsonencodeArgument(text) as { database: { existingSecret: string } };

const existing = { host: "db.example.org", passwordSecretName: "mathesar-database" };

function synth(props: MathesarOnKubernetesProps) {
  const stack = new TerraformStack(Testing.app(), "k8s");
  new KubernetesProvider(stack, "kubernetes", {});
  new HelmProvider(stack, "helm", {});
  const mathesar = new MathesarOnKubernetes(stack, "Mathesar", props);
  return { config: JSON.parse(Testing.synth(stack)), mathesar };
}

describe("chart values", () => {
  test("an existing database maps onto the chart's database values, with TLS required and the password from a Secret", () => {
    expect(mathesarChartValues({ database: { existing: { ...existing, adminSecretName: "db-admin" } } })).toMatchObject(
      {
        fullnameOverride: "mathesar",
        image: { repository: "mathesar/mathesar", tag: "0.11.0" },
        database: {
          host: "db.example.org",
          port: 5432,
          name: "mathesar",
          user: "mathesar",
          sslMode: "require",
          existingSecret: "mathesar-database",
          passwordKey: "password",
          adminExistingSecret: "db-admin",
        },
        postgresql: { enabled: false },
        admin: { enabled: true, username: "admin" },
      },
    );
  });

  test("the evaluation database is explicit", () => {
    expect(mathesarChartValues({ database: { inCluster: { evaluationOnly: true } } })).toMatchObject({
      postgresql: { enabled: true },
      database: { host: "" },
    });
  });

  test("a domain becomes the Ingress host with the cert-manager issuer", () => {
    expect(
      mathesarChartValues({
        database: { existing },
        domainName: "data.example.org",
        ingress: { clusterIssuer: "letsencrypt", className: "nginx" },
      }).ingress,
    ).toEqual({
      host: "data.example.org",
      className: "nginx",
      certManager: { clusterIssuer: "letsencrypt" },
    });
  });

  test("extra values merge over the computed ones, deeply", () => {
    const values = mathesarChartValues({
      database: { existing },
      values: { networkPolicy: { enabled: false }, database: { port: 6543 } },
    });
    expect(values).toMatchObject({
      networkPolicy: { enabled: false },
      database: { host: "db.example.org", port: 6543 },
    });
  });
});

describe("Helm release", () => {
  test("installs atomically, waits for the bootstrap Job, and gives first boot 15 minutes", () => {
    const release = synth({ database: { existing } }).config.resource.helm_release.this;
    expect(release).toMatchObject({
      atomic: true,
      wait: true,
      wait_for_jobs: true,
      timeout: 900,
      cleanup_on_fail: true,
      chart: "${path.module}/chart",
      name: "mathesar",
    });
    expect(chartValues(release.values[0]).database.existingSecret).toBe("mathesar-database");
  });

  test("creates a namespace with the Pod Security baseline level (the image runs as root)", () => {
    const ns = synth({ database: { existing } }).config.resource.kubernetes_namespace.this;
    expect(ns.metadata.labels).toEqual({
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    expect(
      synth({ database: { existing }, createNamespace: false }).config.resource.kubernetes_namespace,
    ).toBeUndefined();
  });

  test("contract outputs say where things are", () => {
    const { outputs } = synth({ database: { existing }, domainName: "data.example.org", namespace: "tools" }).mathesar;
    expect(outputs.url).toBe("https://data.example.org/");
    expect(outputs.adminPasswordLocation).toBe(
      "kubectl -n tools get secret mathesar-admin -o jsonpath='{.data.password}' | base64 -d",
    );
    expect(outputs.databaseEndpoint).toBe("db.example.org:5432");
  });
});

test("a password reference becomes a Secret in the namespace, created before the release", () => {
  const stack = new TerraformStack(Testing.app(), "k8s");
  new KubernetesProvider(stack, "kubernetes", {});
  new HelmProvider(stack, "helm", {});
  const password = new TerraformVariable(stack, "db_password", { type: "string", sensitive: true }).stringValue;
  new MathesarOnKubernetes(stack, "Mathesar", { database: { existing: { host: "db.example.org", password } } });
  const config = JSON.parse(Testing.synth(stack));
  expect(config.resource.kubernetes_secret.database_password).toMatchObject({
    data: { password: "${var.db_password}" },
    metadata: { name: "mathesar-database" },
  });
  expect(config.resource.helm_release.this.depends_on).toEqual(["kubernetes_secret.database_password"]);
  expect(chartValues(config.resource.helm_release.this.values[0]).database.existingSecret).toBe("mathesar-database");
});
