/**
 * The project's identity: its one version and one address (package.json `version` and `repository`), and the
 * addresses derived from them that users type (Terraform Registry sources, split module repositories, the
 * Helm chart repository, the npm package, the Deploy-to-DigitalOcean button). Every README, doc, `source =`
 * example and Deploy button is rendered from here; __tests__/release/project.test.ts keeps these equal to
 * package.json and the docs. The values are literals, not a read of package.json, because the npm library is
 * built into `build/` where package.json is not beside it; `node scripts/version.js X.Y.Z` rewrites
 * {@link PROJECT_VERSION} with package.json, and its `--check` fails when the two disagree.
 */

/** The project's version (package.json `version`; `node scripts/version.js X.Y.Z` bumps both). */
export const PROJECT_VERSION = "0.1.0";

/** The project's repository (package.json `repository.url`). */
export const PROJECT_REPOSITORY_URL = "https://github.com/mathesar-foundation/mathesar-deploy";

/** `owner/name` of {@link PROJECT_REPOSITORY_URL} (what Railway's template and similar forms ask for). */
export const PROJECT_REPOSITORY = new URL(PROJECT_REPOSITORY_URL).pathname.slice(1);

/** The GitHub owner of the repository, which is also the Terraform Registry namespace of the split modules. */
export const PROJECT_OWNER = PROJECT_REPOSITORY.split("/")[0];

/** The npm package name of the library (package.json `name`). */
export const PROJECT_PACKAGE_NAME = "@mathesar-deploy/cdktf";

/** A target that ships a Terraform module (`dist/terraform-<target>-mathesar`). */
export type ModuleTarget = "aws" | "google" | "digitalocean" | "kubernetes" | "docker";

/** Every {@link ModuleTarget}, in the order the README lists them. */
export const MODULE_TARGETS: readonly ModuleTarget[] = ["digitalocean", "aws", "google", "kubernetes", "docker"];

/** The folder under `dist/` and, after the release split, the repository name of a target's module. */
export function moduleDirectory(target: ModuleTarget): string {
  return `terraform-${target}-mathesar`;
}

/**
 * The Terraform Registry source of a target's module (`<namespace>/mathesar/<provider>`): the registry derives
 * it from the split repository's name, `terraform-<provider>-mathesar`.
 */
export function registryModuleSource(target: ModuleTarget): string {
  return `${PROJECT_OWNER}/mathesar/${target}`;
}

/** The repository a target's module is split into at release (scripts/release.js). */
export function moduleRepositoryUrl(target: ModuleTarget): string {
  return `https://github.com/${PROJECT_OWNER}/${moduleDirectory(target)}`;
}

/**
 * The version constraint the usage examples pin: this release's minor series. Before 1.0 a minor release may
 * break (docs/releasing.md), so `~> 0.1.0` accepts patches only; from 1.0 on, `~> X.Y` accepts compatible minors.
 * scripts/version.js computes the same constraint (a test compares the two).
 */
export function moduleVersionConstraint(version: string = PROJECT_VERSION): string {
  const [major, minor] = version.split(".");
  return major === "0" ? `~> ${major}.${minor}.0` : `~> ${major}.${minor}`;
}

/**
 * The Helm chart repository: GitHub Pages of the project's repository, where docs/releasing-chart.md publishes
 * what `node scripts/chart-repo.js` builds.
 */
export const CHART_REPOSITORY_URL = `https://${PROJECT_OWNER}.github.io/${PROJECT_REPOSITORY.split("/")[1]}`;

/** The chart's OCI reference (GitHub Container Registry, docs/releasing-chart.md section 4). */
export const CHART_OCI_REFERENCE = `oci://ghcr.io/${PROJECT_OWNER}/charts/mathesar`;

/** The branch the Deploy buttons deploy from. */
export const PROJECT_DEFAULT_BRANCH = "main";

/**
 * DigitalOcean's Deploy button: App Platform's "create app" page given the repository's branch, which reads
 * `.do/deploy.template.yaml` from it (the badge image and link format of DigitalOcean's sample apps).
 */
export const DIGITALOCEAN_DEPLOY_URL = `https://cloud.digitalocean.com/apps/new?repo=${PROJECT_REPOSITORY_URL}/tree/${PROJECT_DEFAULT_BRANCH}`;

/** The Deploy to DigitalOcean badge in Markdown, as README.md and docs/digitalocean.md show it. */
export const DIGITALOCEAN_DEPLOY_BADGE = `[![Deploy to DO](https://www.deploytodo.com/do-btn-blue.svg)](${DIGITALOCEAN_DEPLOY_URL})`;
