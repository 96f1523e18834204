/** The DigitalOcean Marketplace image, generated into deploy/digitalocean-marketplace/ by `npm run synth`. */
import {
  DEFAULT_MATHESAR_VERSION,
  MATHESAR_VERSION_RULE,
  checkProp,
  nameRule,
  oneOfRule,
  patternRule,
} from "../mathesar";
import { renderCleanupScript } from "./cleanup";
import { renderFirstBootScript, renderPerInstanceHook } from "./first-boot";
import { MARKETPLACE_UBUNTU_RELEASES, renderImageCheckScript } from "./image-check";
import { renderInstallScript } from "./install";
import { renderIpCaddyfile, renderIpOverride } from "./ip-phase";
import { renderMotdScript } from "./motd";
import { MARKETPLACE_DIR, MARKETPLACE_FILES, packerTemplate } from "./packer-template";
import type { MarketplaceImageProps } from "./props";
import { renderSetDomainScript } from "./set-domain";

/** A DigitalOcean region slug such as nyc3 or fra1. */
export const DO_REGION_SLUG_RULE = patternRule("[a-z]{3}[0-9]", "a DigitalOcean region slug such as nyc3 or fra1");

/** A DigitalOcean Droplet size slug such as s-1vcpu-1gb. */
export const DO_SIZE_SLUG_RULE = patternRule(
  "[a-z][a-z0-9]*(-[a-z0-9]+)+",
  "a DigitalOcean Droplet size slug such as s-1vcpu-1gb",
);

/** Checks the props; throws MathesarInputError naming the prop, the value and what is allowed. */
export function validateMarketplaceProps(props: MarketplaceImageProps): void {
  checkProp("mathesarVersion", props.mathesarVersion, MATHESAR_VERSION_RULE);
  checkProp("ubuntuRelease", props.ubuntuRelease, oneOfRule(MARKETPLACE_UBUNTU_RELEASES));
  checkProp("region", props.region, DO_REGION_SLUG_RULE);
  checkProp("size", props.size, DO_SIZE_SLUG_RULE);
  checkProp("snapshotPrefix", props.snapshotPrefix, nameRule(30, "snapshot names stay short"));
}

/** Files that are executed on the Droplet (written with mode 755 by the image's install step). */
export const MARKETPLACE_EXECUTABLES = [
  MARKETPLACE_FILES.install,
  MARKETPLACE_FILES.cleanup,
  MARKETPLACE_FILES.imageCheck,
  MARKETPLACE_FILES.firstBoot,
  MARKETPLACE_FILES.perInstanceHook,
  MARKETPLACE_FILES.motd,
  MARKETPLACE_FILES.setDomain,
] as const;

/** The image's files, keyed by repository-relative path. */
export function marketplaceImageFiles(props: MarketplaceImageProps = {}): Record<string, string> {
  validateMarketplaceProps(props);
  const template = packerTemplate({
    mathesarVersion: props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION,
    ubuntuRelease: props.ubuntuRelease ?? "24.04",
    region: props.region ?? "nyc3",
    size: props.size ?? "s-1vcpu-1gb",
    snapshotPrefix: props.snapshotPrefix ?? "mathesar",
  });
  const files: Record<string, string> = {
    [MARKETPLACE_FILES.template]: `${JSON.stringify(template, null, 2)}\n`,
    [MARKETPLACE_FILES.install]: renderInstallScript(),
    [MARKETPLACE_FILES.cleanup]: renderCleanupScript(),
    [MARKETPLACE_FILES.imageCheck]: renderImageCheckScript(),
    [MARKETPLACE_FILES.firstBoot]: renderFirstBootScript(),
    [MARKETPLACE_FILES.perInstanceHook]: renderPerInstanceHook(),
    [MARKETPLACE_FILES.motd]: renderMotdScript(),
    [MARKETPLACE_FILES.setDomain]: renderSetDomainScript(),
    [MARKETPLACE_FILES.ipCaddyfile]: renderIpCaddyfile(),
    [MARKETPLACE_FILES.ipOverride]: renderIpOverride(),
  };
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [`${MARKETPLACE_DIR}/${path}`, content]));
}
