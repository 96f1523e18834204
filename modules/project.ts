/**
 * The project's identity: its one version and one address (package.json `version` and `repository`), and the
 * addresses derived from them that users type (Terraform Registry sources, split module repositories). Every
 * README, doc, `source =` example and Deploy button is rendered from here; a test keeps these equal to
 * package.json. The values are literals, not a read of package.json, because the npm library is built into
 * `build/` where package.json is not beside it.
 */

/** The project's version (package.json `version`; `node scripts/version.js X.Y.Z` bumps both). */
export const PROJECT_VERSION = "0.1.0";

/** The project's repository (package.json `repository.url`). */
export const PROJECT_REPOSITORY_URL = "https://github.com/mathesar-foundation/mathesar-deploy";

/** The GitHub owner of the repository, which is also the Terraform Registry namespace of the split modules. */
export const PROJECT_OWNER = new URL(PROJECT_REPOSITORY_URL).pathname.split("/")[1];

/** A target that ships a Terraform module (`dist/terraform-<target>-mathesar`). */
export type ModuleTarget = "aws" | "google" | "digitalocean" | "kubernetes" | "docker";

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
 */
export function moduleVersionConstraint(version: string = PROJECT_VERSION): string {
  const [major, minor] = version.split(".");
  return major === "0" ? `~> ${major}.${minor}.0` : `~> ${major}.${minor}`;
}
