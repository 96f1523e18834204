/** The Cloudron target: a package (manifest, Dockerfile, start script) generated from the Mathesar contract. */
export * from "./props";
export * from "./paths";
export * from "./sso";
export * from "./start-script";
export * from "./manifest";
export * from "./dockerfile";
export * from "./files";
