/** The Google Cloud target: building blocks and the `MathesarOnGoogleCloud` composite. */
export * from "./catalog";
export * from "./inputs";
export * from "./props";
export * from "./validate";
export * from "./image";
export * from "./network";
export * from "./secrets";
export * from "./database";
export * from "./cloud-run";
export * from "./edge";
export { MathesarGoogleVm, type MathesarGoogleVmProps } from "./vm";
export * from "./mathesar-on-google-cloud";
