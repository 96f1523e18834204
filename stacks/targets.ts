/**
 * Every target, in one list: its deployable stack and its published module. `main.ts`, the benchmark and
 * the tests read this list, so a new target is one entry here. Each target's code is loaded only when it is
 * used (the provider bindings are large), so synthesizing one target does not pay for the others.
 */
import type { App } from "cdktf";
import type { ModuleBundle } from "./dist/bundle";
import { checkBinaryVersionsOnce } from "./terraform-version-check";

// Every deployable stack holds deletion guards; without this each one runs its own `terraform version`.
checkBinaryVersionsOnce();

/** A deployment target. */
export interface Target {
  /** Stack name for `cdktf deploy <name>`. */
  readonly stackName: string;
  /** Adds the deployable stack (settings from `MATHESAR_*` environment variables) to `app`. */
  addDeployableStack(app: App): void;
  /** Builds the published module bundle for `dist/`. */
  moduleBundle(): ModuleBundle;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const digitalocean = () => ({
  stack: require("./digitalocean/deploy-stack") as typeof import("./digitalocean/deploy-stack"),
  dist: require("./digitalocean/dist") as typeof import("./digitalocean/dist"),
});
const aws = () => ({
  stack: require("./aws/deploy-stack") as typeof import("./aws/deploy-stack"),
  dist: require("./aws/dist") as typeof import("./aws/dist"),
});
const kubernetes = () => ({
  stack: require("./kubernetes/deploy-stack") as typeof import("./kubernetes/deploy-stack"),
  dist: require("./kubernetes/dist") as typeof import("./kubernetes/dist"),
});
const google = () => ({
  stack: require("./google/deploy-stack") as typeof import("./google/deploy-stack"),
  dist: require("./google/dist") as typeof import("./google/dist"),
});
const docker = () => ({
  stack: require("./docker/deploy-stack") as typeof import("./docker/deploy-stack"),
  dist: require("./docker/dist") as typeof import("./docker/dist"),
});
/* eslint-enable @typescript-eslint/no-require-imports */

/** All targets. */
export const TARGETS: readonly Target[] = [
  {
    stackName: "digitalocean",
    addDeployableStack: (app) => {
      const { DigitalOceanStack, digitalOceanPropsFromEnv } = digitalocean().stack;
      new DigitalOceanStack(app, "digitalocean", digitalOceanPropsFromEnv());
    },
    moduleBundle: () => digitalocean().dist.digitalOceanModuleBundle(),
  },
  {
    stackName: "aws",
    addDeployableStack: (app) => {
      const { AwsStack, awsPropsFromEnv } = aws().stack;
      new AwsStack(app, "aws", awsPropsFromEnv());
    },
    moduleBundle: () => aws().dist.awsModuleBundle(),
  },
  {
    stackName: "google",
    addDeployableStack: (app) => {
      const { GoogleStack, googlePropsFromEnv } = google().stack;
      new GoogleStack(app, "google", googlePropsFromEnv("cloud_run"));
      new GoogleStack(app, "google-vm", googlePropsFromEnv("vm"));
    },
    moduleBundle: () => google().dist.googleModuleBundle(),
  },
  {
    stackName: "kubernetes",
    addDeployableStack: (app) => {
      const { KubernetesStack, kubernetesPropsFromEnv } = kubernetes().stack;
      new KubernetesStack(app, "kubernetes", kubernetesPropsFromEnv());
    },
    moduleBundle: () => kubernetes().dist.kubernetesModuleBundle(),
  },
  {
    stackName: "docker",
    addDeployableStack: (app) => {
      const { DockerHostStack, dockerHostPropsFromEnv } = docker().stack;
      new DockerHostStack(app, "docker", dockerHostPropsFromEnv());
    },
    moduleBundle: () => docker().dist.dockerModuleBundle(),
  },
];
