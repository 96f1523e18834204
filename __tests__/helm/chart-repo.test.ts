/**
 * The chart repository scripts/chart-repo.js builds (a dry run of a release): the packaged chart is named
 * after the chart's version and carries Mathesar's version as appVersion, index.yaml lists it with its digest
 * at the given URL (and keeps older versions when merging), Artifact Hub's metadata is complete and says the
 * truth (the images are those the chart renders), and bad arguments are refused before anything is written.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { DEFAULT_MATHESAR_VERSION } from "../../modules/mathesar/image";
import {
  CHART_DIR,
  HELM,
  REPO_ROOT,
  helmLintFile,
  helmTemplateFile,
  parseManifests,
  type Manifest,
} from "../support/helm";
import { describeWithTool } from "../support/tools";

const SCRIPT = path.join(REPO_ROOT, "scripts", "chart-repo.js");
const BASE_URL = "https://charts.example.org/mathesar";
const chart = parse(fs.readFileSync(path.join(CHART_DIR, "Chart.yaml"), "utf8"));
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
const REPOSITORY_URL: string = pkg.repository.url;
const ciValues = (name: string) => path.join(CHART_DIR, "ci", `${name}-values.yaml`);

/** SemVer 2.0.0, as helm requires of a chart version (the regular expression semver.org publishes). */
const SEMVER_IDENTIFIER = String.raw`(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER = new RegExp(
  String.raw`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
    String.raw`(?:-(${SEMVER_IDENTIFIER}(?:\.${SEMVER_IDENTIFIER})*))?` +
    String.raw`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`,
);

/** Runs the script with the helm the tests use; returns exit status and output. */
function chartRepo(args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    encoding: "utf8",
    env: { ...process.env, MATHESAR_HELM: HELM ?? "helm" },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** An Artifact Hub annotation holding a YAML list (Artifact Hub parses the string). */
function annotationList(key: string): Record<string, unknown>[] {
  const raw = chart.annotations?.[key];
  expect(typeof raw).toBe("string");
  const list = parse(raw, { uniqueKeys: true });
  expect(Array.isArray(list)).toBe(true);
  expect(list.length).toBeGreaterThan(0);
  return list;
}

/** A Docker reference in its full form: docker.io/library/postgres:17 for postgres:17. */
function fullImage(reference: string): string {
  const first = reference.split("/")[0];
  const hasRegistry = reference.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry) return reference;
  return reference.includes("/") ? `docker.io/${reference}` : `docker.io/library/${reference}`;
}

/** Every container image of the pods in `docs` (init containers included). */
function renderedImages(docs: Manifest[]): Set<string> {
  const images = new Set<string>();
  for (const doc of docs) {
    const spec = doc.kind === "Pod" ? doc.spec : doc.spec?.template?.spec;
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) images.add(fullImage(c.image));
  }
  return images;
}

describe("Chart.yaml versions and project metadata (no helm needed)", () => {
  test("version is the chart's own SemVer; appVersion is the Mathesar release the contract pins", () => {
    expect(chart.version).toMatch(SEMVER);
    expect(String(chart.appVersion)).toBe(DEFAULT_MATHESAR_VERSION);
    // The SemVer check can fail: these are what helm would refuse or what "latest" would mean.
    for (const bad of ["", "latest", "0.11", "v0.11.0", "01.2.3", "1.2.3-"]) expect(bad).not.toMatch(SEMVER);
  });

  test("home, sources and maintainers point at this project's repository, not a person or a placeholder", () => {
    expect(REPOSITORY_URL).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(chart.home).toBe(REPOSITORY_URL);
    expect(chart.sources).toContain(REPOSITORY_URL);
    expect(chart.maintainers).toEqual([{ name: "mathesar-deploy contributors", url: REPOSITORY_URL }]);
    const text = fs.readFileSync(path.join(CHART_DIR, "Chart.yaml"), "utf8");
    expect(text).not.toMatch(/your-org|example\.com|Mathesar Deploy\n/);
  });

  test("Artifact Hub: license, prerelease and security flags are set and consistent", () => {
    const annotations = chart.annotations;
    expect(annotations["artifacthub.io/license"]).toBe(pkg.license);
    // Artifact Hub reads "true"/"false" strings; a prerelease flag must agree with the version's own.
    expect(annotations["artifacthub.io/prerelease"]).toBe(String(String(chart.version).includes("-")));
    expect(["true", "false"]).toContain(annotations["artifacthub.io/containsSecurityUpdates"]);
  });

  test("Artifact Hub: links are named https addresses of this project or of Mathesar", () => {
    const links = annotationList("artifacthub.io/links");
    for (const link of links) {
      expect(Object.keys(link).sort()).toEqual(["name", "url"]);
      expect(link.name).toMatch(/\w/);
      const url = new URL(String(link.url));
      expect(url.protocol).toBe("https:");
      const ours = String(link.url).startsWith(`${REPOSITORY_URL}/`);
      expect({ url: link.url, allowed: ours || /(^|\.)mathesar\.org$/.test(url.hostname) }).toEqual({
        url: link.url,
        allowed: true,
      });
    }
    // The links into this repository name files that exist.
    for (const link of links) {
      const match = /\/(?:tree|blob)\/main\/(.+)$/.exec(String(link.url));
      if (match) expect(fs.existsSync(path.join(REPO_ROOT, match[1]))).toBe(true);
    }
  });

  test("Artifact Hub: changes for this version use Artifact Hub's kinds and say something", () => {
    const kinds = ["added", "changed", "deprecated", "removed", "fixed", "security"];
    for (const change of annotationList("artifacthub.io/changes")) {
      expect(kinds).toContain(change.kind);
      expect(String(change.description).length).toBeGreaterThan(10);
    }
  });

  test("Artifact Hub: images are pinned references (never latest), the Mathesar one at appVersion", () => {
    const images = annotationList("artifacthub.io/images");
    for (const image of images) {
      expect(Object.keys(image).sort()).toEqual(["image", "name"]);
      expect(String(image.image)).toMatch(/^[\w.-]+\/[\w./-]+:[\w.-]+$/);
      expect(String(image.image)).not.toMatch(/:latest$/);
    }
    expect(images.map((i) => i.image)).toContain(`docker.io/mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}`);
  });

  test("charts/artifacthub-repo.yml parses and claims nothing it cannot know (no made-up repositoryID)", () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, "charts", "artifacthub-repo.yml"), "utf8");
    const parsed = parse(text) ?? {};
    expect(typeof parsed).toBe("object");
    expect(parsed.repositoryID).toBeUndefined();
    expect(text).toContain("repositoryID");
  });
});

describe("docs/releasing-chart.md", () => {
  const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "releasing-chart.md"), "utf8");

  test("install commands pin the current chart version", () => {
    const pinned = [...doc.matchAll(/--version (\S+)/g)].map((m) => m[1]);
    expect(pinned.length).toBeGreaterThanOrEqual(2);
    for (const version of pinned) expect(version).toBe(chart.version);
  });

  test("has the OCI recipe: registry login, helm push, the Artifact Hub metadata tag", () => {
    expect(doc).toContain("helm registry login");
    expect(doc).toMatch(/helm push public\/mathesar-\*\.tgz "oci:\/\//);
    expect(doc).toContain(":artifacthub.io");
    expect(doc).toContain("node scripts/chart-repo.js --out public --url");
  });
});

describeWithTool("helm", HELM !== undefined, "scripts/chart-repo.js with a real helm", () => {
  let out: string;
  let run: { status: number; stdout: string; stderr: string };
  const tgzName = `mathesar-${chart.version}.tgz`;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-chart-repo-"));
    run = chartRepo(["--out", out, "--url", `${BASE_URL}/`]);
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("writes the package, index.yaml and artifacthub-repo.yml and prints them", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual(
      [tgzName, "index.yaml", "artifacthub-repo.yml"].map((f) => path.join(out, f)),
    );
    expect(fs.readdirSync(out).sort()).toEqual(["artifacthub-repo.yml", "index.yaml", tgzName].sort());
    expect(fs.readFileSync(path.join(out, "artifacthub-repo.yml"), "utf8")).toBe(
      fs.readFileSync(path.join(REPO_ROOT, "charts", "artifacthub-repo.yml"), "utf8"),
    );
  });

  test("helm show chart on the package: the chart's version and Mathesar's appVersion", () => {
    const shown = spawnSync(HELM!, ["show", "chart", path.join(out, tgzName)], { encoding: "utf8" });
    expect(shown.status).toBe(0);
    const packaged = parse(shown.stdout);
    expect(packaged.version).toBe(chart.version);
    expect(packaged.appVersion).toBe(DEFAULT_MATHESAR_VERSION);
    expect(packaged.annotations).toEqual(chart.annotations);
  });

  test("index.yaml lists the version with the package's digest at the given URL (one slash)", () => {
    const index = parse(fs.readFileSync(path.join(out, "index.yaml"), "utf8"), { uniqueKeys: true });
    expect(index.apiVersion).toBe("v1");
    expect(Object.keys(index.entries)).toEqual(["mathesar"]);
    const digest = createHash("sha256")
      .update(fs.readFileSync(path.join(out, tgzName)))
      .digest("hex");
    expect(index.entries.mathesar).toEqual([
      expect.objectContaining({
        version: chart.version,
        appVersion: DEFAULT_MATHESAR_VERSION,
        digest,
        urls: [`${BASE_URL}/${tgzName}`],
      }),
    ]);
  });

  test("the package lints --strict and installs (dry run) from the .tgz", () => {
    const lint = spawnSync(
      HELM!,
      ["lint", "--strict", path.join(out, tgzName), "--values", ciValues("external-database")],
      { encoding: "utf8" },
    );
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining("0 chart(s) failed"),
    });
    const install = spawnSync(
      HELM!,
      ["install", "demo", path.join(out, tgzName), "--dry-run=client", "--values", ciValues("in-cluster-database")],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    expect(install.stderr).toBe("");
    expect(install.stdout).toContain("STATUS: pending-install");
  });

  test("--merge keeps the versions already published, at their own URLs", () => {
    const merged = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-chart-merge-"));
    try {
      const old = path.join(merged, "published-index.yaml");
      const oldEntry = {
        apiVersion: "v2",
        name: "mathesar",
        version: "0.0.1",
        appVersion: "0.10.0",
        digest: "0".repeat(64),
        created: "2026-01-01T00:00:00Z",
        urls: ["https://old.example.org/mathesar-0.0.1.tgz"],
      };
      fs.writeFileSync(old, JSON.stringify({ apiVersion: "v1", entries: { mathesar: [oldEntry] } }));
      const repo = path.join(merged, "public");
      const result = chartRepo(["--out", repo, "--url", BASE_URL, "--merge", old]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const index = parse(fs.readFileSync(path.join(repo, "index.yaml"), "utf8"));
      const byVersion = Object.fromEntries(
        index.entries.mathesar.map((e: { version: string; urls: string[] }) => [e.version, e.urls]),
      );
      expect(byVersion).toEqual({ [chart.version]: [`${BASE_URL}/${tgzName}`], "0.0.1": oldEntry.urls });
    } finally {
      fs.rmSync(merged, { recursive: true, force: true });
    }
  });

  test.each([
    ["no arguments", [], /--out is required/],
    ["no --url", ["--out", "OUT"], /--url is required/],
    ["an empty --url", ["--out", "OUT", "--url", ""], /--url needs a value, got ""/],
    ["a --url that is a word", ["--out", "OUT", "--url", "latest"], /--url "latest" is not an absolute URL/],
    ["a plain-http --url", ["--out", "OUT", "--url", "http://charts.example.org"], /must use https/],
    ["a --url with a query", ["--out", "OUT", "--url", "https://charts.example.org/?x=1"], /query/],
    ["a --url with credentials", ["--out", "OUT", "--url", "https://u:p@charts.example.org"], /credentials/],
    ["a file URL", ["--out", "OUT", "--url", "file:///srv/charts"], /must use https/],
    ["a missing --out value", ["--url", BASE_URL, "--out"], /--out needs a value, got null/],
    ["a flag as a value", ["--out", "--url", BASE_URL], /--out needs a value, got "--url"/],
    ["an unknown flag", ["--out", "OUT", "--url", BASE_URL, "--version", "1.0.0"], /unknown argument "--version"/],
    ["a flag twice", ["--out", "OUT", "--url", BASE_URL, "--url", BASE_URL], /--url given twice/],
    [
      "a --merge that does not exist",
      ["--out", "OUT", "--url", BASE_URL, "--merge", "/nonexistent/index.yaml"],
      /--merge "\/nonexistent\/index.yaml" is not a file/,
    ],
  ])("refuses %s with exit 2 and writes nothing", (_name, args, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-chart-bad-"));
    try {
      const target = path.join(dir, "repo");
      const result = chartRepo(args.map((a) => (a === "OUT" ? target : a)));
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the chart itself still lints --strict", () => {
    const lint = helmLintFile(ciValues("external-database"));
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining("0 chart(s) failed"),
    });
  });

  test("artifacthub.io/images is exactly the set of images the chart renders", () => {
    const declared = new Set(annotationList("artifacthub.io/images").map((i) => String(i.image)));
    const everything = helmTemplateFile(ciValues("in-cluster-database"));
    expect(everything.stderr).toBe("");
    const withEvaluationDatabase = renderedImages(parseManifests(everything.stdout));
    expect([...withEvaluationDatabase].sort()).toEqual([...declared].sort());
    // The main path (external database) runs only the Mathesar image, which is declared.
    const external = helmTemplateFile(ciValues("external-database"));
    expect(external.stderr).toBe("");
    expect([...renderedImages(parseManifests(external.stdout))]).toEqual([
      `docker.io/mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}`,
    ]);
  });
});
