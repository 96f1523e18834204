/** The cloud-agnostic Mathesar runtime contract: the only place that knows Mathesar's own names. */
export * from "./image";
export * from "./health";
export * from "./sizes";
export * from "./rules";
export * from "./validation";
export * from "./props";
export * from "./environment";
export * from "./database-tls";
export * from "./versions";
export * from "./admin-bootstrap";
export * from "./outputs";
export * from "./validate-existing-database";
