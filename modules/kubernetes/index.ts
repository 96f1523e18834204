/** The Kubernetes target: the Helm release block, its one wiring and the `MathesarOnKubernetes` composite. */
export * from "./props";
export * from "./defaults";
export * from "./rules";
export * from "./settings";
export * from "./cross-field-rules";
export * from "./validate";
export * from "./chart-values";
export * from "./release";
export * from "./wiring";
export * from "./mathesar-on-kubernetes";
