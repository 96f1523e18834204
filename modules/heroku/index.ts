/** Heroku: app.json, heroku.yml and the Dockerfile, generated from the contract. */
export * from "./inputs";
export * from "./app-json";
export * from "./files";
