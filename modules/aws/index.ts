/** The AWS target: building blocks and the `MathesarOnAws` composite. */
export * from "./catalog";
export * from "./inputs";
export * from "./props";
export * from "./validate";
export * from "./network";
export * from "./secrets";
export * from "./database";
export * from "./edge";
export * from "./service";
export * from "./module-providers";
export * from "./settings";
export * from "./blocks";
export * from "./cross-field-rules";
export * from "./wiring";
export * from "./mathesar-on-aws";
