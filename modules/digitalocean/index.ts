/** The DigitalOcean target: building blocks and the `MathesarOnDigitalOcean` composite. */
export * from "./catalog";
export * from "./inputs";
export * from "./props";
export * from "./validate";
export * from "./network";
export * from "./database";
export * from "./database-firewall";
export * from "./secrets";
export * from "./app";
export * from "./mathesar-on-digitalocean";
export * from "./app-components";
export * from "./deploy-template";
