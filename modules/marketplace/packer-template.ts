/**
 * The Packer template (JSON, the format Packer 1.6 reads, with its built-in DigitalOcean builder): a temporary
 * build Droplet from Ubuntu LTS gets the Compose bundle, the helpers and Docker; it is cleaned and checked
 * against the Marketplace rules, then DigitalOcean snapshots it and deletes it. `packer validate` checks it
 * offline.
 */
import { COMPOSE_BUNDLE_DIR } from "./compose-bundle";
import { PER_INSTANCE_HOOK } from "./install";
import { HELPER_FILES, MARKETPLACE_PATHS } from "./paths";

/** The generated image's folder in the repository. */
export const MARKETPLACE_DIR = "deploy/digitalocean-marketplace";

/** Template-relative paths of the files the template uploads and runs. */
export const MARKETPLACE_FILES = {
  template: "marketplace-image.json",
  install: "scripts/10-install.sh",
  cleanup: "scripts/90-cleanup.sh",
  imageCheck: "scripts/99-image-check.sh",
  firstBoot: `files${MARKETPLACE_PATHS.helpers}/${HELPER_FILES.firstBoot}`,
  ipCaddyfile: `files${MARKETPLACE_PATHS.helpers}/${HELPER_FILES.ipCaddyfile}`,
  ipOverride: `files${MARKETPLACE_PATHS.helpers}/${HELPER_FILES.ipOverride}`,
  perInstanceHook: `files${MARKETPLACE_PATHS.perInstance}/${PER_INSTANCE_HOOK}`,
  motd: `files${MARKETPLACE_PATHS.motd}`,
  setDomain: `files${MARKETPLACE_PATHS.setDomain}`,
} as const;

/** What the template needs (resolved props). */
export interface PackerTemplateInput {
  /** Mathesar release (checked against the bundle's pinned image during the build). */
  readonly mathesarVersion: string;
  /** Ubuntu LTS release, e.g. "24.04". */
  readonly ubuntuRelease: string;
  /** Build Droplet region slug. */
  readonly region: string;
  /** Build Droplet size slug. */
  readonly size: string;
  /** Snapshot name prefix. */
  readonly snapshotPrefix: string;
}

/** The bundle folder relative to the template's folder (both under deploy/). */
const BUNDLE_FROM_TEMPLATE = `../${COMPOSE_BUNDLE_DIR.replace(/^deploy\//, "")}/`;

const dir = (path: string) => `{{template_dir}}/${path}`;

/** The template as an object. */
export function packerTemplate(input: PackerTemplateInput): Record<string, unknown> {
  const version = input.mathesarVersion.split("@")[0].replace(/\./g, "-");
  const ubuntu = input.ubuntuRelease.replace(".", "-");
  const p = MARKETPLACE_PATHS;
  const upload = (source: string, destination: string) => ({ type: "file", source: dir(source), destination });
  return {
    variables: {
      do_token: "{{env `DIGITALOCEAN_TOKEN`}}",
      mathesar_version: input.mathesarVersion,
      region: input.region,
      size: input.size,
      snapshot_name: `${input.snapshotPrefix}-${version}-ubuntu-${ubuntu}-{{timestamp}}`,
    },
    "sensitive-variables": ["do_token"],
    builders: [
      {
        type: "digitalocean",
        api_token: "{{user `do_token`}}",
        image: `ubuntu-${ubuntu}-x64`,
        region: "{{user `region`}}",
        size: "{{user `size`}}",
        ssh_username: "root",
        droplet_name: `${input.snapshotPrefix}-image-build`,
        snapshot_name: "{{user `snapshot_name`}}",
        // DigitalOcean's advice: no extra features on the build Droplet (less to clean).
        monitoring: false,
        ipv6: false,
        private_networking: false,
      },
    ],
    provisioners: [
      {
        type: "shell",
        // The base image's own first boot must finish before anything is installed.
        inline: [
          "cloud-init status --wait",
          `mkdir -p ${p.bundle} ${p.helpers} ${p.perInstance} ${p.motd.replace(/\/[^/]+$/, "")} ${p.setDomain.replace(/\/[^/]+$/, "")}`,
        ],
      },
      upload(BUNDLE_FROM_TEMPLATE, p.bundle),
      upload(`files${p.helpers}/`, p.helpers),
      upload(MARKETPLACE_FILES.perInstanceHook, `${p.perInstance}/${PER_INSTANCE_HOOK}`),
      upload(MARKETPLACE_FILES.motd, p.motd),
      upload(MARKETPLACE_FILES.setDomain, p.setDomain),
      {
        type: "shell",
        environment_vars: ["MATHESAR_VERSION={{user `mathesar_version`}}"],
        script: dir(MARKETPLACE_FILES.install),
      },
      { type: "shell", script: dir(MARKETPLACE_FILES.cleanup) },
      { type: "shell", script: dir(MARKETPLACE_FILES.imageCheck) },
    ],
  };
}
