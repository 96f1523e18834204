/** Target-agnostic Terraform helpers: stable addresses, the module flavour, a switchable deletion guard. */
export * from "./addresses";
export * from "./deletion-guard";
export * from "./module-stack";
export * from "./expressions";
export * from "./ephemeral";
export * from "./jsonencode";
export * from "./input-rule";
