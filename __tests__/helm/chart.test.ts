/**
 * The chart's files agree with the contract and with each other (no helm needed): the chart's own version
 * (SemVer, bumped with every change: charts/mathesar-versions.json) and Mathesar's appVersion, the
 * generated bootstrap program, the defaults that mirror the contract's constants, and documentation for
 * every value in values.yaml, values.schema.json and README.md.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from "../../modules/mathesar/environment";
import { STARTUP_GRACE_SECONDS } from "../../modules/mathesar/health";
import { DEFAULT_MATHESAR_VERSION, MATHESAR_IMAGE_REPOSITORY } from "../../modules/mathesar/image";
import { DEFAULT_SIZE } from "../../modules/mathesar/sizes";
import { chartGeneratedFiles } from "../../stacks/kubernetes/chart-files";
import { CHART_DIR, REPO_ROOT } from "../support/helm";

const read = (file: string) => fs.readFileSync(path.join(CHART_DIR, file), "utf8");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compareSemver, semverProblem } = require("../../scripts/version.js") as {
  compareSemver(a: string, b: string): number;
  semverProblem(value: string): string | null;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chartDigests } = require("../../scripts/chart-version.js") as {
  chartDigests(root: string): { version: string; content: string; changes: string };
};
const chartVersionScript = (args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "chart-version.js"), ...args], { encoding: "utf8" });
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
  test("version is the chart's own SemVer; appVersion is the Mathesar release the contract pins", () => {
    expect(semverProblem(String(chart.version))).toBeNull();
    expect(typeof chart.version).toBe("string");
    expect(chart.appVersion).toBe(DEFAULT_MATHESAR_VERSION);
    expect(chart.apiVersion).toBe("v2");
    expect(chart.name).toBe("mathesar");
    // Nothing ties the chart's version to the project's or Mathesar's: only the record below does.
    expect(read("Chart.yaml")).not.toMatch(/pins the chart version|Today both are/);
  });

  test("the chart's content is what charts/mathesar-versions.json recorded for its version (a change needs a bump)", () => {
    const result = chartVersionScript(["--check"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "charts", "mathesar-versions.json"), "utf8"));
    const versions = Object.keys(record);
    // The current version is the newest recorded, and every recorded one is SemVer.
    for (const version of versions) expect(semverProblem(version)).toBeNull();
    expect(versions.every((version) => compareSemver(version, String(chart.version)) <= 0)).toBe(true);
    expect(record[chart.version].content).toBe(chartDigests(REPO_ROOT).content);
  });

  test("Artifact Hub's changes speak of this chart: the Mathesar release they name is appVersion", () => {
    const changes = parse(chart.annotations["artifacthub.io/changes"]) as { description: string }[];
    const named = changes.flatMap((change) =>
      [...change.description.matchAll(/Mathesar (\d+\.\d+\.\d+)/g)].map((m) => m[1]),
    );
    for (const version of named) expect(version).toBe(DEFAULT_MATHESAR_VERSION);
  });
});

describe("the docs state the chart's own version wherever they name one", () => {
  const files = [
    "README.md",
    "charts/mathesar/README.md",
    ...fs.readdirSync(path.join(REPO_ROOT, "docs")).map((f) => `docs/${f}`),
  ];
  const stated = files
    .filter((file) => file.endsWith(".md"))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(REPO_ROOT, file), "utf8")
        .split("\n")
        .flatMap((line, index) => {
          const where = `${file}:${index + 1}`;
          const packages = [...line.matchAll(/\bmathesar-(\d+\.\d+\.\d+[0-9A-Za-z.-]*?)\.tgz/g)].map((m) => m[1]);
          const pins = /\bhelm (install|upgrade|pull|show)\b.*\bmathesar\b/.test(line)
            ? [...line.matchAll(/--version[ =](\S+)/g)].map((m) => m[1])
            : [];
          return [...packages, ...pins].map((version) => ({ where, version }));
        }),
    );

  test("every mathesar-<version>.tgz and helm --version is Chart.yaml's version (not Mathesar's, not the project's)", () => {
    expect(stated.length).toBeGreaterThanOrEqual(5);
    for (const { where, version } of stated)
      expect({ where, version }).toEqual({ where, version: String(chart.version) });
  });
});

describe("scripts/chart-version.js on a scratch copy of the chart", () => {
  let root: string;
  const scratchRead = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
  const scratchEdit = (file: string, change: (text: string) => string) =>
    fs.writeFileSync(path.join(root, file), change(scratchRead(file)));
  const run = (...args: string[]) => chartVersionScript([...args, "--root", root]);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-chart-version-"));
    fs.cpSync(path.join(REPO_ROOT, "charts"), path.join(root, "charts"), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("a copy agrees before it is changed", () => {
    expect(run("--check").status).toBe(0);
  });

  test.each<[string, string, (text: string) => string]>([
    ["a template", "charts/mathesar/templates/service.yaml", (t) => `${t}# a change\n`],
    ["a default value", "charts/mathesar/values.yaml", (t) => t.replace("replicaCount: 1", "replicaCount: 2")],
    ["the generated bootstrap", "charts/mathesar/files/bootstrap.py", (t) => `${t}\n# a change\n`],
    ["appVersion", "charts/mathesar/Chart.yaml", (t) => t.replace(/^appVersion: .*$/m, 'appVersion: "0.0.1"')],
  ])("changing %s without a version bump fails, and says to bump", (_name, file, change) => {
    scratchEdit(file, change);
    const result = run("--check");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/changed since chart version .* was recorded: bump version/);
    // Recording the same version over other content is refused too.
    const recorded = run("--record");
    expect(recorded.status).toBe(1);
    expect(recorded.stderr).toMatch(/already recorded with other content/);
  });

  test("a comment in Chart.yaml is not a chart change (helm does not package comments)", () => {
    scratchEdit("charts/mathesar/Chart.yaml", (t) => `# a comment\n${t}`);
    expect(run("--check").status).toBe(0);
  });

  test("a change with a bump, new changes and --record passes; keeping the old changes is caught", () => {
    const version = String(chart.version);
    const next = version.replace(/\.(\d+)$/, (_m, patch: string) => `.${Number(patch) + 1}`);
    scratchEdit("charts/mathesar/templates/service.yaml", (t) => `${t}# a change\n`);
    scratchEdit("charts/mathesar/Chart.yaml", (t) => t.replace(/^version: .*$/m, `version: ${next}`));
    let result = run("--check");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`chart version ${next} is not recorded`);
    expect(run("--record").status).toBe(0);
    result = run("--check");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`artifacthub.io/changes is the same as chart version ${version}'s`);
    scratchEdit("charts/mathesar/Chart.yaml", (t) =>
      t.replace(
        /artifacthub\.io\/changes: \|\n/,
        "artifacthub.io/changes: |\n    - kind: fixed\n      description: A change.\n",
      ),
    );
    // The new changes are a change of the new version's metadata: record again (the version is not released yet).
    scratchEdit("charts/mathesar-versions.json", (t) => {
      const record = JSON.parse(t);
      delete record[next];
      return JSON.stringify(record, null, 2) + "\n";
    });
    expect(run("--record").status).toBe(0);
    expect(run("--check").status).toBe(0);
    expect(Object.keys(JSON.parse(scratchRead("charts/mathesar-versions.json")))).toEqual([version, next]);
  });

  test("a version lower than one recorded is refused", () => {
    scratchEdit("charts/mathesar/Chart.yaml", (t) => t.replace(/^version: .*$/m, "version: 0.0.1"));
    expect(run("--check").stderr).toMatch(/records .*, newer than the chart's 0\.0\.1/);
    const result = run("--record");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/0\.0\.1 is not greater than the recorded chart version/);
  });

  test.each<[string[], RegExp]>([
    [[], /give --check or --record/],
    [["--check", "--record"], /once/],
    [["--bump"], /unknown argument "--bump"/],
  ])("refused: %j", (args, message) => {
    const result = chartVersionScript(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
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
