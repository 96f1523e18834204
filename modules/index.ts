/**
 * The public API of the library: the Mathesar contract, the targets' constructs, the Terraform helpers
 * and the security rule pack. Everything here is importable from the package root.
 */
export * from "./mathesar";
export * from "./terraform";
export * from "./digitalocean";
export * from "./policies";
export * from "./aws";
export * from "./kubernetes";
export * from "./docker";
