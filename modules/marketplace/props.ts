/** What the DigitalOcean Marketplace image generator takes. Every prop has a safe default. */

/** Props of {@link marketplaceImageFiles}. */
export interface MarketplaceImageProps {
  /**
   * The Mathesar release the image is built for; the build refuses a Compose bundle that pins another one.
   * @default DEFAULT_MATHESAR_VERSION
   */
  readonly mathesarVersion?: string;
  /**
   * Ubuntu LTS release of the image (DigitalOcean's Marketplace accepts both).
   * @default "24.04"
   */
  readonly ubuntuRelease?: "24.04" | "22.04";
  /**
   * Region of the temporary build Droplet (the snapshot can be transferred to every region).
   * @default "nyc3"
   */
  readonly region?: string;
  /**
   * Size of the build Droplet. DigitalOcean recommends the smallest: a snapshot cannot run on a smaller disk.
   * @default "s-1vcpu-1gb"
   */
  readonly size?: string;
  /**
   * Prefix of the snapshot's name (the Mathesar version and a timestamp follow it).
   * @default "mathesar"
   */
  readonly snapshotPrefix?: string;
}
