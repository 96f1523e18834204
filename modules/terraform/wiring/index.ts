/** One wiring per target, bound to constructs or to published modules (docs/architecture.md). */
export * from "./values";
export * from "./block-spec";
export * from "./composer";
export * from "./settings";
export * from "./cross-field-rule";
export * from "./wired-modules";
export * from "./tokens";
