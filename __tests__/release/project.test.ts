/**
 * modules/project.ts is the project's identity (one version, one address), and every install line a reader
 * copies is rendered from it: the Terraform Registry sources with their version constraint, the Helm chart
 * repository and OCI reference with the chart's version, the npm install line, and the Deploy to
 * DigitalOcean badge. The lines are rendered here from project.ts, package.json and Chart.yaml and must
 * appear in README.md and the docs, so a bump that leaves a doc behind fails; a bump through
 * scripts/version.js on a scratch copy rewrites them all.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import {
  CHART_OCI_REFERENCE,
  CHART_REPOSITORY_URL,
  DIGITALOCEAN_DEPLOY_BADGE,
  DIGITALOCEAN_DEPLOY_URL,
  MODULE_TARGETS,
  PROJECT_OWNER,
  PROJECT_PACKAGE_NAME,
  PROJECT_REPOSITORY,
  PROJECT_REPOSITORY_URL,
  PROJECT_VERSION,
  moduleDirectory,
  moduleRepositoryUrl,
  moduleVersionConstraint,
  registryModuleSource,
} from "../../modules/project";
import { localizeModuleSources } from "../docs/snippets";
import { REPO, runScript, tempDir } from "./fixture";

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
const chart = parse(fs.readFileSync(path.join(REPO, "charts", "mathesar", "Chart.yaml"), "utf8"));
const read = (file: string, root = REPO) => fs.readFileSync(path.join(root, file), "utf8");

/** The docs that hold install lines, and what each must state. */
const DOCS = ["README.md", "docs/digitalocean.md", "docs/releasing-chart.md", "docs/aws.md", "docs/kubernetes.md"];

/** The install lines a reader copies, rendered for a project version (the chart keeps its own). */
function installLines(version: string): Record<string, string[]> {
  const constraint = moduleVersionConstraint(version);
  const helmFlags = `--version ${chart.version} --namespace mathesar --create-namespace --values values.yaml`;
  const npm =
    `npm install --save-exact ${PROJECT_PACKAGE_NAME}@${version} cdktf@${pkg.peerDependencies.cdktf} ` +
    `constructs@${pkg.devDependencies.constructs} @cdktf/provider-aws@${pkg.peerDependencies["@cdktf/provider-aws"]}`;
  return {
    "README.md": [
      `  source  = "${registryModuleSource("digitalocean")}"\n  version = "${constraint}"\n`,
      ...MODULE_TARGETS.map((target) => `| \`${registryModuleSource(target)}\` | \`${constraint}\` |`),
      `helm repo add mathesar ${CHART_REPOSITORY_URL}\n`,
      `helm install mathesar mathesar/mathesar ${helmFlags}\n`,
      `helm install mathesar ${CHART_OCI_REFERENCE} ${helmFlags}\n`,
      `${npm}\n`,
      `${DIGITALOCEAN_DEPLOY_BADGE}\n`,
    ],
    "docs/digitalocean.md": [
      `${DIGITALOCEAN_DEPLOY_BADGE}\n`,
      `  source  = "${registryModuleSource("digitalocean")}"\n  version = "${constraint}"\n`,
    ],
    "docs/releasing-chart.md": [
      `CHART_REPO_URL=${CHART_REPOSITORY_URL}\n`,
      `helm repo add mathesar ${CHART_REPOSITORY_URL}\n`,
      `helm install mathesar ${CHART_OCI_REFERENCE} --version ${chart.version}`,
    ],
    "docs/aws.md": [
      `git::${moduleRepositoryUrl("aws")}.git?ref=v${version}`,
      `  source  = "${registryModuleSource("aws")}//modules/secrets"\n  version = "${constraint}"\n`,
    ],
    "docs/kubernetes.md": [
      `  source  = "${registryModuleSource("kubernetes")}"\n  version = "${constraint}"\n`,
      `helm repo add mathesar ${CHART_REPOSITORY_URL}\n`,
      `helm upgrade --install mathesar mathesar/mathesar --version ${chart.version} `,
      `\`${CHART_OCI_REFERENCE}\``,
    ],
  };
}

describe("modules/project.ts", () => {
  test("agrees with package.json: version, repository, package name", () => {
    expect(PROJECT_VERSION).toBe(pkg.version);
    expect(PROJECT_REPOSITORY_URL).toBe(pkg.repository.url);
    expect(PROJECT_PACKAGE_NAME).toBe(pkg.name);
    expect(`https://github.com/${PROJECT_REPOSITORY}`).toBe(PROJECT_REPOSITORY_URL);
    expect(PROJECT_OWNER).toBe("mathesar-foundation");
  });

  test("every module target is a dist/ folder, and its addresses derive from the owner and that folder", () => {
    const folders = fs.readdirSync(path.join(REPO, "dist")).filter((name) => /^terraform-.+-mathesar$/.test(name));
    expect(MODULE_TARGETS.map(moduleDirectory).sort()).toEqual(folders.sort());
    for (const target of MODULE_TARGETS) {
      // The Registry reads <namespace>/<name>/<provider> from a repository named terraform-<provider>-<name>.
      expect(registryModuleSource(target)).toBe(`${PROJECT_OWNER}/mathesar/${target}`);
      expect(moduleRepositoryUrl(target)).toBe(`https://github.com/${PROJECT_OWNER}/terraform-${target}-mathesar`);
    }
  });

  test("the chart repository is the project's GitHub Pages and the OCI reference its GitHub Container Registry", () => {
    expect(CHART_REPOSITORY_URL).toBe("https://mathesar-foundation.github.io/mathesar-deploy");
    expect(CHART_OCI_REFERENCE).toBe("oci://ghcr.io/mathesar-foundation/charts/mathesar");
  });

  test("the Deploy to DigitalOcean button is App Platform's create page on the repository's main branch", () => {
    const url = new URL(DIGITALOCEAN_DEPLOY_URL);
    expect(`${url.origin}${url.pathname}`).toBe("https://cloud.digitalocean.com/apps/new");
    expect(url.searchParams.get("repo")).toBe(`${PROJECT_REPOSITORY_URL}/tree/main`);
    expect(DIGITALOCEAN_DEPLOY_BADGE).toBe(
      `[![Deploy to DO](https://www.deploytodo.com/do-btn-blue.svg)](${DIGITALOCEAN_DEPLOY_URL})`,
    );
    // The button reads the template from there.
    expect(fs.existsSync(path.join(REPO, ".do", "deploy.template.yaml"))).toBe(true);
  });

  test("the usage examples' constraint takes patches before 1.0 and compatible minors after", () => {
    expect(moduleVersionConstraint("0.1.0")).toBe("~> 0.1.0");
    expect(moduleVersionConstraint("0.4.2")).toBe("~> 0.4.0");
    expect(moduleVersionConstraint("1.0.0")).toBe("~> 1.0");
    expect(moduleVersionConstraint("2.3.1-rc.1")).toBe("~> 2.3");
    expect(moduleVersionConstraint()).toBe(moduleVersionConstraint(pkg.version));
  });
});

describe("install lines in README.md and the docs, rendered from modules/project.ts", () => {
  const expected = installLines(PROJECT_VERSION);

  test.each(DOCS)("%s states every line rendered for it", (file) => {
    const text = read(file);
    const missing = expected[file].filter((line) => !text.includes(line));
    expect(missing).toEqual([]);
  });

  test("README.md opens with the contributor commands, then the pitch, then the install lines per audience", () => {
    const lines = read("README.md").split("\n");
    expect(lines[0]).toBe("# Mathesar on real infrastructure");
    expect(lines.slice(0, 6).join("\n")).toMatch(/^npm ci && npm run synth {3}#[\s\S]*^npm test {18}#/m);
    const install = lines.indexOf("## Install");
    expect(install).toBeGreaterThan(0);
    expect(install).toBeLessThan(20);
    // The first heading after the title is Install, and it holds the four audiences in order.
    expect(lines.slice(1, install).some((line) => line.startsWith("#"))).toBe(false);
    const section = lines.slice(install, lines.indexOf("## Targets")).join("\n");
    const order = ["**Terraform**", "**Helm**", "**npm**", "**One click**", DIGITALOCEAN_DEPLOY_BADGE];
    const at = order.map((marker) => section.indexOf(marker));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test("no README or doc points a module source at this repository by a stand-in or a Git URL of its dist/", () => {
    const offenders: string[] = [];
    for (const file of ["README.md", ...fs.readdirSync(path.join(REPO, "docs")).map((doc) => `docs/${doc}`)]) {
      if (!file.endsWith(".md")) continue;
      read(file)
        .split("\n")
        .forEach((line, index) => {
          const source = /source\s*=\s*"([^"]+)"/.exec(line)?.[1];
          if (!source) return;
          const stand_in = /<[^>]+>/.test(source);
          const gitDist = /^(git::|github\.com)/.test(source) && source.includes("//dist/");
          if (stand_in || gitDist) offenders.push(`${file}:${index + 1}: ${source}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  test("a registry source of ours in the docs names a module and submodule this checkout publishes", () => {
    const pattern = new RegExp(`"${PROJECT_OWNER}/mathesar/([a-z0-9]+)(?://(modules/[a-z0-9_-]+))?"`, "g");
    const seen: string[] = [];
    for (const file of DOCS) {
      for (const match of read(file).matchAll(pattern)) {
        const folder = path.join("dist", `terraform-${match[1]}-mathesar`, match[2] ?? "");
        seen.push(folder);
        expect({ file, folder, exists: fs.existsSync(path.join(REPO, folder)) }).toEqual({
          file,
          folder,
          exists: true,
        });
      }
    }
    expect(seen.length).toBeGreaterThan(8);
  });

  test("a forgotten doc is caught: the lines rendered for another version are not in README.md", () => {
    const next = installLines("9.8.7")["README.md"];
    const text = read("README.md");
    // The chart's lines and the badge do not carry the project version; every other line does.
    const versioned = next.filter((line) => line.includes("9.8") || line.includes("~> 9.8"));
    expect(versioned.length).toBeGreaterThanOrEqual(MODULE_TARGETS.length + 2);
    for (const line of versioned) expect(text).not.toContain(line);
  });
});

describe("a bump through scripts/version.js rewrites every install line (scratch copy)", () => {
  let root: string;
  beforeAll(() => {
    root = tempDir("project-bump");
    const files = ["package.json", "package-lock.json", "CHANGELOG.md", "modules/project.ts", ...DOCS];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO, file), path.join(root, file));
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test("after `version.js 0.99.0` the docs hold the lines rendered for 0.99.0, and --check agrees", () => {
    const result = runScript("version.js", ["0.99.0", "--root", root, "--date", "2030-01-02"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const expected = installLines("0.99.0");
    for (const file of DOCS) {
      const text = read(file, root);
      expect({ file, missing: expected[file].filter((line) => !text.includes(line)) }).toEqual({ file, missing: [] });
    }
    expect(read("modules/project.ts", root)).toContain('export const PROJECT_VERSION = "0.99.0";');
    expect(runScript("version.js", ["--check", "--root", root]).status).toBe(0);
  });
});

describe("docs snippets with registry sources are checked against this checkout's dist/", () => {
  test("a registry source (and a submodule's) becomes the local folder; its version line goes, nothing else", () => {
    const from = path.join(REPO, "tmp-snippet");
    const hcl = [
      'module "app" {',
      `  source  = "${registryModuleSource("aws")}//modules/database"`,
      `  version = "${moduleVersionConstraint()}"`,
      '  name    = "x"',
      "}",
      'module "do" {',
      `  source = "${registryModuleSource("digitalocean")}" # the module`,
      "}",
      'module "other" {',
      '  source  = "terraform-aws-modules/vpc/aws"',
      '  version = "5.0.0"',
      "}",
      "",
    ].join("\n");
    expect(localizeModuleSources(hcl, from)).toBe(
      [
        'module "app" {',
        '  source  = "../dist/terraform-aws-mathesar/modules/database"',
        '  name    = "x"',
        "}",
        'module "do" {',
        '  source = "../dist/terraform-digitalocean-mathesar" # the module',
        "}",
        'module "other" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = "5.0.0"',
        "}",
        "",
      ].join("\n"),
    );
  });

  test("a local dist path still maps as before", () => {
    const hcl = 'module "m" {\n  source = "../mathesar-deploy/dist/terraform-google-mathesar"\n}\n';
    expect(localizeModuleSources(hcl, path.join(REPO, "x", "y"))).toBe(
      'module "m" {\n  source = "../../dist/terraform-google-mathesar"\n}\n',
    );
  });
});
