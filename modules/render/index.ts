/** Render: the Blueprint and its Dockerfile, generated from the contract. */
export * from "./inputs";
export * from "./blueprint";
export * from "./files";
