/** The CapRover target: a one-click app (captainVersion 4) generated from the Mathesar contract. */
export * from "./props";
export * from "./form-patterns";
export * from "./one-click-app";
export * from "./files";
