/** The cloud-agnostic Mathesar runtime contract: the only place that knows Mathesar's own names. */
export * from "./image";
export * from "./health";
export * from "./sizes";
export * from "./inputs";
export * from "../terraform/input-rule";
export * from "./props";
export * from "./environment";
export * from "./database-tls";
export * from "./versions";
export * from "./admin-bootstrap";
export * from "./outputs";
export * from "./validate-existing-database";
