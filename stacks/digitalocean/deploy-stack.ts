/**
 * The deployable DigitalOcean stack: `cdktf deploy digitalocean` with `DIGITALOCEAN_TOKEN` set. Every
 * input has a safe default; the environment variables below change the common ones without code.
 */
import { Construct } from "constructs";
import { LocalBackend, TerraformOutput } from "cdktf";
import { MODULE_REQUIRED_TERRAFORM } from "../../modules/terraform";
import { DeployableStack } from "../deployable-stack";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { CONTRACT_OUTPUTS, MathesarSize } from "../../modules/mathesar";
import {
  DO_ADMIN_PASSWORD_OUTPUT,
  MathesarOnDigitalOcean,
  MathesarOnDigitalOceanProps,
} from "../../modules/digitalocean";

/** Reads the deployable stack's settings from `MATHESAR_*` environment variables (all optional). */
export function digitalOceanPropsFromEnv(env: NodeJS.ProcessEnv = process.env): MathesarOnDigitalOceanProps {
  const deletionProtection = env.MATHESAR_DELETION_PROTECTION;
  return {
    name: env.MATHESAR_NAME,
    region: env.MATHESAR_REGION,
    domainName: env.MATHESAR_DOMAIN_NAME,
    domainZone: env.MATHESAR_DOMAIN_ZONE,
    mathesarVersion: env.MATHESAR_VERSION,
    size: env.MATHESAR_SIZE as MathesarSize | undefined,
    deletionProtection: deletionProtection === undefined ? undefined : deletionProtection !== "false",
  };
}

/** A root configuration that deploys Mathesar on DigitalOcean. */
export class DigitalOceanStack extends DeployableStack {
  /** The deployment. */
  public readonly mathesar: MathesarOnDigitalOcean;

  constructor(scope: Construct, id: string, props: MathesarOnDigitalOceanProps = {}) {
    super(scope, id);
    // Relative to cdktf.out/stacks/<id>, where Terraform runs: the state stays at the repository root, and
    // the synthesized configuration holds no path of the machine that synthesized it.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    // No ephemeral resources or write-only arguments here (the 1.11 features): what the modules need is enough.
    this.requireTerraform(MODULE_REQUIRED_TERRAFORM);
    // Credentials come from DIGITALOCEAN_TOKEN at deploy time; synthesis needs none.
    new DigitaloceanProvider(this, "digitalocean");
    new RandomProvider(this, "random");
    this.mathesar = new MathesarOnDigitalOcean(this, "Mathesar", props);

    const { outputs } = this.mathesar;
    for (const key of Object.keys(CONTRACT_OUTPUTS) as Array<keyof typeof CONTRACT_OUTPUTS>) {
      new TerraformOutput(this, CONTRACT_OUTPUTS[key].name, {
        value: outputs[key],
        description: CONTRACT_OUTPUTS[key].description,
      });
    }
    new TerraformOutput(this, DO_ADMIN_PASSWORD_OUTPUT, {
      value: this.mathesar.adminPassword,
      sensitive: true,
      description: "Generated password of the first admin.",
    });
    new TerraformOutput(this, "cname_target", {
      value: this.mathesar.cnameTarget,
      description: "The app's ondigitalocean.app host name: point a CNAME at it when your DNS is not at DigitalOcean.",
    });
  }
}
