/**
 * Every generated file that is not a Terraform module: one entry per generator. `npm run synth` writes
 * them all, CI fails when a committed copy is stale, and the tests read the same functions. A new
 * generated artifact (a platform's config file, a bundle) is one entry here.
 */
import * as fs from "fs";
import * as path from "path";

/** A generator of repository files. */
export interface FileGenerator {
  /** What it generates, for the synth summary. */
  readonly name: string;
  /** Repository-relative path → content. Loaded lazily so that one generator does not pay for the others. */
  files(): Record<string, string>;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** All generators. */
export const FILE_GENERATORS: readonly FileGenerator[] = [
  {
    name: "DigitalOcean one-click app spec",
    files: () => {
      const { DEPLOY_TEMPLATE_PATH, renderDeployTemplate } =
        require("./digitalocean/deploy-template-file") as typeof import("./digitalocean/deploy-template-file");
      return { [DEPLOY_TEMPLATE_PATH]: renderDeployTemplate() };
    },
  },
  {
    name: "Railway config-as-code, template and Dockerfile",
    files: () => (require("../modules/railway/files") as typeof import("../modules/railway/files")).railwayFiles(),
  },
  {
    name: "Fly.io fly.toml, Dockerfile, secrets generator and deploy workflow",
    files: () => (require("../modules/fly/files") as typeof import("../modules/fly/files")).flyFiles(),
  },
  {
    name: "Render Blueprint and Dockerfile",
    files: () => (require("../modules/render/files") as typeof import("../modules/render/files")).renderFiles(),
  },
  {
    name: "Heroku app.json, heroku.yml and Dockerfile",
    files: () => (require("../modules/heroku/files") as typeof import("../modules/heroku/files")).herokuFiles(),
  },
  {
    name: "Helm chart files",
    files: () =>
      (require("./kubernetes/chart-files") as typeof import("./kubernetes/chart-files")).chartGeneratedFiles(),
  },
  {
    name: "Compose bundles (deploy/compose, deploy/compose-nginx, deploy/compose-airgapped)",
    files: () =>
      (require("../modules/compose/bundle") as typeof import("../modules/compose/bundle")).committedBundleFiles(),
  },
  {
    name: "Security rules page",
    files: () => {
      const { RULES_MD_PATH, renderRulesMd } =
        require("../modules/policies/rules-doc") as typeof import("../modules/policies/rules-doc");
      return { [RULES_MD_PATH]: renderRulesMd() };
    },
  },
  {
    name: "CapRover one-click app",
    files: () => (require("../modules/caprover/files") as typeof import("../modules/caprover/files")).capRoverFiles(),
  },
  {
    name: "Cloudron package",
    files: () =>
      (require("../modules/cloudron/files") as typeof import("../modules/cloudron/files")).cloudronPackageFiles(),
  },
  {
    name: "DigitalOcean Marketplace image (Packer template, first-boot and cleanup scripts)",
    files: () =>
      (
        require("../modules/marketplace/files") as typeof import("../modules/marketplace/files")
      ).marketplaceImageFiles(),
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** Writes every generated file under `root`; returns their relative paths. */
export function writeGeneratedFiles(root: string, generators: readonly FileGenerator[] = FILE_GENERATORS): string[] {
  return generators.flatMap((generator) =>
    Object.entries(generator.files()).map(([relative, content]) => {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return relative;
    }),
  );
}
