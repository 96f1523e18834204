/** The Kubernetes target: the Helm release block and the `MathesarOnKubernetes` composite. */
export * from "./props";
export * from "./validate";
export * from "./release";
export * from "./mathesar-on-kubernetes";
