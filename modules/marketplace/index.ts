/** The DigitalOcean Marketplace target: a Packer-built 1-Click Droplet image that installs the Compose bundle. */
export * from "./props";
export * from "./paths";
export * from "./compose-bundle";
export * from "./shell";
export * from "./first-boot";
export * from "./ip-phase";
export * from "./set-domain";
export * from "./motd";
export * from "./install";
export * from "./cleanup";
export * from "./image-check";
export * from "./packer-template";
export * from "./files";
