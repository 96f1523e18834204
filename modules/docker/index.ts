/** The Docker host target: building blocks and the `MathesarOnDockerHost` composite. */
export * from "./defaults";
export * from "./inputs";
export * from "./props";
export * from "./validate";
export * from "./secret-files";
export * from "./network";
export * from "./secrets";
export * from "./database";
export * from "./app";
export * from "./proxy";
export * from "./mathesar-on-docker-host";
