/** Fly.io: fly.toml, Dockerfile, secrets generator and deploy workflow, generated from the contract. */
export * from "./inputs";
export * from "./fly-toml";
export * from "./secrets-script";
export * from "./workflow";
export * from "./files";
