/**
 * Synthesizes what the tests look at: deployable stacks with given props, and the published module
 * bundles: each module folder's Terraform JSON (the configuration dist/'s files are rendered from;
 * __tests__/support/dist-modules.ts reads it too) and, asynchronously, the files exactly as `npm run synth`
 * writes them to dist/.
 */
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarOnAws, type MathesarOnAwsProps } from "../../modules/aws";
import { AwsStack } from "../../stacks/aws/deploy-stack";
import { awsModuleBundle } from "../../stacks/aws/dist";
import { kubernetesModuleBundle } from "../../stacks/kubernetes/dist";
import { googleModuleBundle } from "../../stacks/google/dist";
import { dockerModuleBundle } from "../../stacks/docker/dist";
import { DigitalOceanStack } from "../../stacks/digitalocean/deploy-stack";
import { digitalOceanModuleBundle } from "../../stacks/digitalocean/dist";
import { renderBundle, type ModuleBundle } from "../../stacks/dist/bundle";
import { moduleConfig } from "../../stacks/dist/module-json";
import { MathesarOnDigitalOcean, type MathesarOnDigitalOceanProps } from "../../modules/digitalocean";

/** A Terraform JSON configuration. */
export type TerraformJson = Record<string, any>;

/** The deployable DigitalOcean stack's configuration (sorted, without cdktf metadata) for `props`. */
export function synthDigitalOcean(props: MathesarOnDigitalOceanProps = {}): TerraformJson {
  const app = Testing.app();
  const stack = new DigitalOceanStack(app, "digitalocean", props);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** The same, as the string the cdktf matchers take. */
export function synthDigitalOceanString(props: MathesarOnDigitalOceanProps = {}): string {
  return Testing.synth(new DigitalOceanStack(Testing.app(), "digitalocean", props));
}

/**
 * A published module in memory: each module folder's Terraform JSON and each example. Its files (HCL,
 * scripts, READMEs) render asynchronously, with Terraform's formatter: `renderModuleFiles`.
 */
export interface RenderedModule {
  /**
   * Module folder ("" for the root, "modules/app", ...) → its Terraform JSON configuration (`moduleConfig`),
   * the source the published files are rendered from (they mean the same: __tests__/dist-hcl/equivalence.test.ts).
   */
  readonly modules: Record<string, TerraformJson>;
  /** Example folder ("examples/minimal", ...) → main.tf text as the bundle declares it (dist/ has it through terraform fmt). */
  readonly examples: Record<string, string>;
}

/** Each module folder's configuration and each example of a bundle. */
export function renderModule(bundle: ModuleBundle): RenderedModule {
  // Parsed back from text, as a file would be: a test may change what it gets without touching the stacks.
  const config = (stack: ModuleBundle["root"]) => JSON.parse(JSON.stringify(moduleConfig(stack))) as TerraformJson;
  const modules: Record<string, TerraformJson> = { "": config(bundle.root) };
  for (const [dir, stack] of Object.entries(bundle.submodules)) modules[`modules/${dir}`] = config(stack);
  const examples = Object.fromEntries(
    Object.entries(bundle.examples).map(([dir, { mainTf }]) => [
      `examples/${dir}`,
      mainTf.endsWith("\n") ? mainTf : `${mainTf}\n`,
    ]),
  );
  return { modules, examples };
}

/** Every file of a bundle, as `npm run synth` writes it under dist/<directory>/ (relative path → content). */
export async function renderModuleFiles(bundle: ModuleBundle): Promise<Record<string, string>> {
  return renderBundle(bundle);
}

/** dist/terraform-digitalocean-mathesar, rendered in memory. */
export function renderDigitalOceanModule(): RenderedModule {
  return renderModule(digitalOceanModuleBundle());
}

/** Every published module bundle, by dist/ folder name. */
export function allModuleBundles(): Record<string, () => ModuleBundle> {
  return {
    "terraform-digitalocean-mathesar": digitalOceanModuleBundle,
    "terraform-aws-mathesar": awsModuleBundle,
    "terraform-kubernetes-mathesar": kubernetesModuleBundle,
    "terraform-google-mathesar": googleModuleBundle,
    "terraform-docker-mathesar": dockerModuleBundle,
  };
}

/** A fresh cdktf app for construct-level tests. */
export function testApp(): App {
  return Testing.app();
}

/**
 * Synthesizes `MathesarOnDigitalOcean` in a bare stack whose props may refer to things declared in that
 * stack (e.g. a sensitive `TerraformVariable` for a password).
 */
export function synthDigitalOceanWith(build: (stack: TerraformStack) => MathesarOnDigitalOceanProps): TerraformJson {
  const stack = new TerraformStack(Testing.app(), "custom");
  new DigitaloceanProvider(stack, "digitalocean");
  new RandomProvider(stack, "random");
  new MathesarOnDigitalOcean(stack, "Mathesar", build(stack));
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** A sensitive Terraform variable declared in `stack`, as a token string. */
export function sensitiveVariable(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: "string", sensitive: true }).stringValue;
}

/** The deployable AWS stack's configuration for `props` (a domain is required on AWS). */
export function synthAws(props: Partial<MathesarOnAwsProps> = {}): TerraformJson {
  const stack = new AwsStack(Testing.app(), "aws", {
    domainName: "mathesar.example.org",
    ...props,
  } as MathesarOnAwsProps);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** Synthesizes `MathesarOnAws` in a bare stack whose props may refer to things declared in it. */
export function synthAwsWith(build: (stack: TerraformStack) => Partial<MathesarOnAwsProps>): {
  config: TerraformJson;
  mathesar: MathesarOnAws;
} {
  const stack = new TerraformStack(Testing.app(), "custom");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const mathesar = new MathesarOnAws(stack, "Mathesar", {
    domainName: "mathesar.example.org",
    ...build(stack),
  } as MathesarOnAwsProps);
  return { config: JSON.parse(Testing.synth(stack)) as TerraformJson, mathesar };
}

/** dist/terraform-aws-mathesar, rendered in memory. */
export function renderAwsModule(): RenderedModule {
  return renderModule(awsModuleBundle());
}

/** dist/terraform-kubernetes-mathesar, rendered in memory. */
export function renderKubernetesModule(): RenderedModule {
  return renderModule(kubernetesModuleBundle());
}

// --- Google Cloud (unit tests of modules/google) -------------------------------------------------------
// Imports are local to this block so it stays one piece beside other helpers appended to this file.
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { MathesarOnGoogleCloud, type MathesarOnGoogleCloudProps } from "../../modules/google";
import { GoogleStack } from "../../stacks/google/deploy-stack";

/** Project and domain of the Google test deployments (not the deploy stack's placeholders). */
export const GOOGLE_SYNTH_DEFAULTS = { project: "lab-project-123", domainName: "mathesar.example.org" } as const;

/** The deployable Google Cloud stack's configuration for `props` (project and domain filled in). */
export function synthGoogle(props: Partial<MathesarOnGoogleCloudProps> = {}): TerraformJson {
  const stack = new GoogleStack(Testing.app(), "google", {
    ...GOOGLE_SYNTH_DEFAULTS,
    ...props,
  } as MathesarOnGoogleCloudProps);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/**
 * Synthesizes `MathesarOnGoogleCloud` in a bare stack whose props may refer to things declared in it (a
 * sensitive variable for an OAuth client secret); `text` is what the cdktf matchers take.
 */
export function synthGoogleWith(build: (stack: TerraformStack) => Partial<MathesarOnGoogleCloudProps>): {
  config: TerraformJson;
  text: string;
  mathesar: MathesarOnGoogleCloud;
} {
  const stack = new TerraformStack(Testing.app(), "custom");
  new GoogleProvider(stack, "google", { project: GOOGLE_SYNTH_DEFAULTS.project });
  const mathesar = new MathesarOnGoogleCloud(stack, "Mathesar", {
    ...GOOGLE_SYNTH_DEFAULTS,
    ...build(stack),
  } as MathesarOnGoogleCloudProps);
  const text = Testing.synth(stack);
  return { config: JSON.parse(text) as TerraformJson, text, mathesar };
}

/** dist/terraform-google-mathesar, rendered in memory. */
export function renderGoogleModule(): RenderedModule {
  return renderModule(googleModuleBundle());
}
