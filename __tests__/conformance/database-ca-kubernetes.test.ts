/**
 * verify-ca / verify-full on Kubernetes: the server's CA certificate comes from a ConfigMap (or Secret) the
 * user creates, mounted read-only into every container that connects to the database, and named by
 * PGSSLROOTCERT; without a CA the chart and the construct refuse the verifying modes.
 */
import { mathesarChartValues, type MathesarOnKubernetesProps } from "../../modules/kubernetes";
import { TerraformStack, Testing } from "cdktf";
import { MathesarOnKubernetes } from "../../modules/kubernetes";
import { HELM, helmTemplate, parseManifests } from "../support/helm";

type Container = {
  name: string;
  env?: Array<{ name: string; value?: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
};
type PodSpec = {
  initContainers?: Container[];
  containers: Container[];
  volumes?: Array<{ name: string; configMap?: { name: string; items?: unknown[] }; secret?: { secretName: string } }>;
};

const database = (extra: Record<string, unknown>) => ({
  host: "db.example.org",
  existingSecret: "mathesar-database",
  ...extra,
});

function pods(values: object): Array<{ kind: string; spec: PodSpec }> {
  const rendered = helmTemplate(values);
  if (rendered.status !== 0) throw new Error(rendered.stderr);
  return (parseManifests(rendered.stdout) as unknown as Array<{ kind: string; spec: { template: { spec: PodSpec } } }>)
    .filter((m) => m.kind === "Deployment" || m.kind === "Job")
    .map((m) => ({ kind: m.kind, spec: m.spec.template.spec }));
}

const connecting = (spec: PodSpec) =>
  [...(spec.initContainers ?? []), ...spec.containers].filter((c) =>
    (c.env ?? []).some((e) => e.name === "POSTGRES_DB"),
  );
const envOf = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));

(HELM || process.env.MATHESAR_REQUIRE_TOOLS === "1" ? describe : describe.skip)(
  "Kubernetes: the database server's CA for verify-ca / verify-full",
  () => {
    test("verify-full with a ConfigMap: mounted read-only in every connecting container, PGSSLROOTCERT names it", () => {
      const rendered = pods({
        database: database({
          sslMode: "verify-full",
          caCertificate: { configMap: "rds-ca", key: "global-bundle.pem" },
        }),
      });
      expect(rendered.length).toBeGreaterThanOrEqual(2);
      for (const { spec } of rendered) {
        expect(spec.volumes).toEqual(
          expect.arrayContaining([
            {
              name: "database-ca",
              configMap: { name: "rds-ca", items: [{ key: "global-bundle.pem", path: "global-bundle.pem" }] },
            },
          ]),
        );
        for (const c of connecting(spec)) {
          expect(envOf(c)).toMatchObject({
            PGSSLMODE: "verify-full",
            POSTGRES_SSLMODE: "verify-full",
            PGSSLROOTCERT: "/etc/mathesar/database-ca/global-bundle.pem",
          });
          expect(c.volumeMounts).toEqual(
            expect.arrayContaining([{ name: "database-ca", mountPath: "/etc/mathesar/database-ca", readOnly: true }]),
          );
        }
      }
    });

    test("a Secret works too", () => {
      for (const { spec } of pods({
        database: database({ sslMode: "verify-ca", caCertificate: { secret: "db-ca" } }),
      })) {
        expect(spec.volumes).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ name: "database-ca", secret: expect.objectContaining({ secretName: "db-ca" }) }),
          ]),
        );
        for (const c of connecting(spec)) expect(envOf(c).PGSSLROOTCERT).toBe("/etc/mathesar/database-ca/ca.crt");
      }
    });

    test("PGSSLMODE for a TCP host, none for a Unix-socket host (libpq uses no TLS there)", () => {
      for (const { spec } of pods({ database: database({}) }))
        for (const c of connecting(spec)) expect(envOf(c).PGSSLMODE).toBe("require");
      for (const { spec } of pods({ database: database({ host: "/var/run/postgresql" }) })) {
        for (const c of connecting(spec)) {
          expect(envOf(c)).not.toHaveProperty("PGSSLMODE");
          expect(envOf(c).POSTGRES_HOST).toBe("/var/run/postgresql");
        }
      }
    });

    test("without a CA: no volume, no PGSSLROOTCERT", () => {
      for (const { spec } of pods({ database: database({}) })) {
        expect((spec.volumes ?? []).map((v) => v.name)).not.toContain("database-ca");
        for (const c of connecting(spec)) expect(envOf(c)).not.toHaveProperty("PGSSLROOTCERT");
      }
    });

    test.each(["verify-full", "verify-ca"])(
      "%s without a CA is refused by the templates even without the schema",
      (sslMode) => {
        const result = helmTemplate({ database: database({ sslMode }) }, ["--skip-schema-validation"]);
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain(
          `database.sslMode ${sslMode} needs database.caCertificate.configMap or .secret`,
        );
      },
    );

    test("both a ConfigMap and a Secret are refused", () => {
      const result = helmTemplate(
        { database: database({ sslMode: "verify-full", caCertificate: { configMap: "a", secret: "b" } }) },
        ["--skip-schema-validation"],
      );
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("database.caCertificate: set configMap or secret, not both");
    });

    test("the construct passes the CA through and refuses verify-full without one", () => {
      const props = (existing: Record<string, unknown>) =>
        ({
          database: { existing: { host: "db.example.org", passwordSecretName: "pw", ...existing } },
        }) as MathesarOnKubernetesProps;
      expect(
        mathesarChartValues(
          props({ sslMode: "verify-full", caCertificate: { configMapName: "rds-ca", key: "global-bundle.pem" } }),
        ),
      ).toMatchObject({
        database: {
          sslMode: "verify-full",
          caCertificate: { configMap: "rds-ca", secret: "", key: "global-bundle.pem" },
        },
      });
      const build = (existing: Record<string, unknown>) => () =>
        new MathesarOnKubernetes(new TerraformStack(Testing.app(), "t"), "M", props(existing));
      expect(build({ sslMode: "verify-full" })).toThrow(
        /Invalid database\.existing\.sslMode "verify-full": needs database\.existing\.caCertificate/,
      );
      expect(build({ sslMode: "verify-full", caCertificate: { configMapName: "rds-ca" } })).not.toThrow();
    });
  },
);
