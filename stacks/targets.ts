/**
 * Every target, in one list: its deployable stack and its published module. `main.ts`, the benchmark and
 * the tests read this list, so a new target is one entry here.
 */
import type { App } from "cdktf";
import type { ModuleBundle } from "./dist/bundle";
import { AwsStack, awsPropsFromEnv } from "./aws/deploy-stack";
import { awsModuleBundle } from "./aws/dist";
import { DigitalOceanStack, digitalOceanPropsFromEnv } from "./digitalocean/deploy-stack";
import { KubernetesStack, kubernetesPropsFromEnv } from "./kubernetes/deploy-stack";
import { kubernetesModuleBundle } from "./kubernetes/dist";
import { digitalOceanModuleBundle } from "./digitalocean/dist";

/** A deployment target. */
export interface Target {
  /** Stack name for `cdktf deploy <name>`. */
  readonly stackName: string;
  /** Adds the deployable stack (settings from `MATHESAR_*` environment variables) to `app`. */
  addDeployableStack(app: App): void;
  /** Builds the published module bundle for `dist/`. */
  moduleBundle(): ModuleBundle;
}

/** All targets. */
export const TARGETS: readonly Target[] = [
  {
    stackName: "digitalocean",
    addDeployableStack: (app) => new DigitalOceanStack(app, "digitalocean", digitalOceanPropsFromEnv()),
    moduleBundle: digitalOceanModuleBundle,
  },
  {
    stackName: "aws",
    addDeployableStack: (app) => new AwsStack(app, "aws", awsPropsFromEnv()),
    moduleBundle: awsModuleBundle,
  },
  {
    stackName: "kubernetes",
    addDeployableStack: (app) => new KubernetesStack(app, "kubernetes", kubernetesPropsFromEnv()),
    moduleBundle: kubernetesModuleBundle,
  },
];
