/** Shared code of the developer-platform generators (Railway, Fly.io, Render, Heroku). */
export * from "./connection-string";
export * from "./start-wrapper";
export * from "./dockerfile";
export * from "./platform-env";
export * from "./inputs";
export * from "./connection-env-cli";
