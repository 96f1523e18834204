/** Railway: config-as-code, template definition and Dockerfile, generated from the contract. */
export * from "./inputs";
export * from "./config";
export * from "./template";
export * from "./files";
