/**
 * The chart's files agree with the contract and with each other (no helm needed): the pinned version, the
 * generated bootstrap program, the defaults that mirror the contract's constants, and documentation for
 * every value in values.yaml, values.schema.json and README.md.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from "../../modules/mathesar/environment";
import { STARTUP_GRACE_SECONDS } from "../../modules/mathesar/health";
import { DEFAULT_MATHESAR_VERSION, MATHESAR_IMAGE_REPOSITORY } from "../../modules/mathesar/image";
import { DEFAULT_SIZE } from "../../modules/mathesar/sizes";
import { chartGeneratedFiles } from "../../stacks/kubernetes/chart-files";
import { CHART_DIR, REPO_ROOT } from "../support/helm";

const read = (file: string) => fs.readFileSync(path.join(CHART_DIR, file), "utf8");
const chart = parse(read("Chart.yaml"));
const values = parse(read("values.yaml"));
const schema = JSON.parse(read("values.schema.json"));
const readme = read("README.md");

/** Dotted paths of every leaf of values.yaml (empty maps and lists are leaves; so are maps like resources). */
function leaves(node: unknown, prefix = ""): string[] {
  if (node === null || typeof node !== "object" || Array.isArray(node) || Object.keys(node).length === 0)
    return [prefix];
  const free = ["resources", "podSecurityContext", "securityContext", "dnsPodLabels"];
  if (free.includes(prefix.split(".").pop()!)) return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, child]) =>
    leaves(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** The schema node of a dotted path. */
function schemaNode(dotted: string): { description?: string } | undefined {
  let node = schema;
  for (const key of dotted.split(".")) {
    node = node?.properties?.[key];
    if (!node) return undefined;
  }
  return node;
}

describe("Chart.yaml", () => {
  test("version and appVersion are the Mathesar release the contract pins", () => {
    expect(chart.version).toBe(DEFAULT_MATHESAR_VERSION);
    expect(chart.appVersion).toBe(DEFAULT_MATHESAR_VERSION);
    expect(chart.apiVersion).toBe("v2");
    expect(chart.name).toBe("mathesar");
  });
});

describe("files/bootstrap.py", () => {
  test("is exactly what `npm run synth` generates from modules/mathesar/admin-bootstrap.ts", () => {
    const generated = chartGeneratedFiles();
    const relative = "charts/mathesar/files/bootstrap.py";
    expect(Object.keys(generated)).toContain(relative);
    expect(fs.readFileSync(path.join(REPO_ROOT, relative), "utf8")).toBe(generated[relative]);
  });

  test("files/values.schema.json is values.schema.json byte for byte (the templates apply it; `npm run synth` copies it)", () => {
    const relative = "charts/mathesar/files/values.schema.json";
    expect(chartGeneratedFiles()[relative]).toBe(read("values.schema.json"));
    expect(fs.readFileSync(path.join(REPO_ROOT, relative), "utf8")).toBe(read("values.schema.json"));
    expect(read(path.join("templates", "_validate.tpl"))).toContain('.Files.Get "files/values.schema.json"');
  });

  test("is loaded by the templates with .Files.Get (never copied into them)", () => {
    const configMap = read(path.join("templates", "configmap-bootstrap.yaml"));
    expect(configMap).toContain('.Files.Get "files/bootstrap.py"');
    expect(configMap).not.toContain("pg_advisory_lock");
  });
});

describe("values.yaml defaults mirror the contract", () => {
  test("image, size, timeout, grace period, database TLS", () => {
    expect(values.image).toMatchObject({ repository: MATHESAR_IMAGE_REPOSITORY, tag: "" });
    expect(values.size).toBe(DEFAULT_SIZE);
    expect(values.requestTimeoutSeconds).toBe(DEFAULT_REQUEST_TIMEOUT_SECONDS);
    expect(values.startupGraceSeconds).toBe(STARTUP_GRACE_SECONDS);
    expect(schema.properties.startupGraceSeconds.minimum).toBe(STARTUP_GRACE_SECONDS);
    expect(values.database).toMatchObject({
      host: "",
      port: 5432,
      name: "mathesar",
      user: "mathesar",
      sslMode: "require",
      passwordKey: "password",
    });
  });

  test("secure by default: NetworkPolicy on, admin on, read-only root, no privilege escalation, no capabilities", () => {
    expect(values.networkPolicy.enabled).toBe(true);
    expect(values.admin.enabled).toBe(true);
    expect(values.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(values.podSecurityContext.seccompProfile.type).toBe("RuntimeDefault");
    expect(values.postgresql.enabled).toBe(false);
    expect(values.persistence).toMatchObject({ enabled: true, size: "10Gi", accessMode: "ReadWriteOnce" });
    expect(values.replicaCount).toBe(1);
  });
});

describe("every value is documented", () => {
  const paths = leaves(values);

  test("values.yaml has the values this test expects to walk", () => {
    expect(paths.length).toBeGreaterThan(60);
    expect(paths).toEqual(
      expect.arrayContaining([
        "database.host",
        "ingress.certManager.clusterIssuer",
        "postgresql.image.tag",
        "resources",
      ]),
    );
  });

  test.each(paths.map((p) => [p]))("%s: in the README's tables and in the schema with a description", (dotted) => {
    expect(readme).toContain(`| \`${dotted}\` |`);
    expect(schemaNode(dotted)?.description).toMatch(/\w/);
  });

  test("the README documents no value that does not exist", () => {
    const documented = [...readme.matchAll(/^\| `([A-Za-z0-9.]+)` \|/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThanOrEqual(paths.length);
    for (const dotted of documented) expect(paths).toContain(dotted);
  });

  test("every top-level value in the schema is in values.yaml (and the reverse)", () => {
    const inSchema = Object.keys(schema.properties).filter((k) => k !== "global");
    expect(inSchema.sort()).toEqual(Object.keys(values).sort());
  });
});
