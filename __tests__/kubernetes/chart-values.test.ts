/**
 * The chart values the one wiring computes (the same for the construct and the module: the parity test) are
 * values the chart accepts: `helm template` renders them for every input of the matrix, and what matters
 * reaches the manifests.
 */
import { mathesarChartValues } from "../../modules/kubernetes";
import { HELM, helmTemplate, parseManifests } from "../support/helm";
import { describeWithTool } from "../support/tools";
import { constructProps } from "./bad-input-cases";
import { MATRIX } from "./input-matrix";

type Manifest = { kind: string; metadata: { name: string }; spec?: any };

const render = (props: Record<string, unknown>): Manifest[] => {
  const result = helmTemplate(mathesarChartValues(constructProps(props, "${var.db_password}")));
  if (result.status !== 0) throw new Error(result.stderr);
  return parseManifests(result.stdout) as unknown as Manifest[];
};
const web = (manifests: Manifest[]) =>
  manifests.find((m) => m.kind === "Deployment" && !m.metadata.name.endsWith("postgresql"))!.spec.template.spec
    .containers[0];

describeWithTool("helm", HELM !== undefined, "Kubernetes chart values from the wiring, rendered by helm", () => {
  test.each(Object.entries(MATRIX))("%s: the chart renders them", (_label, props) => {
    expect(render(props).map((m) => m.kind)).toEqual(
      expect.arrayContaining(["Deployment", "Service", "NetworkPolicy"]),
    );
  });

  test("the evaluation database's values (the full database shape, host empty) give the in-cluster PostgreSQL", () => {
    const manifests = render(MATRIX["evaluation database, every default"]);
    expect(manifests.some((m) => m.kind === "StatefulSet" || m.metadata.name.endsWith("postgresql"))).toBe(true);
  });

  test("a version pinned by digest reaches the image by its digest", () => {
    const props = MATRIX["a version pinned by digest from a mirror"];
    expect(web(render(props)).image).toBe(`registry.example.org/mirror/mathesar:0.11.0@sha256:${"ab".repeat(32)}`);
  });

  test("a password reference points the pods at the Secret the release block creates, key password", () => {
    const env = web(
      render(MATRIX["existing database with a password reference, verify-full against a CA, an admin Secret"]),
    ).env as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
    expect(env.find((e) => e.name === "POSTGRES_PASSWORD")?.valueFrom?.secretKeyRef).toEqual({
      name: "mathesar-database",
      key: "password",
    });
    expect(env.find((e) => e.name === "PGSSLMODE")?.value).toBe("verify-full");
  });
});
