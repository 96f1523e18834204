/**
 * The deployable Docker host stack: `cdktf deploy docker`. The docker provider talks to the host in
 * DOCKER_HOST (the local socket by default, or `ssh://user@host`); synthesis needs no daemon and no
 * credentials. Every input has a safe default; the environment variables below change the common ones.
 */
import { Construct } from "constructs";
import { LocalBackend, TerraformOutput } from "cdktf";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MODULE_REQUIRED_TERRAFORM } from "../../modules/terraform";
import { DeployableStack } from "../deployable-stack";
import type { DockerTlsMode, MathesarOnDockerHostProps } from "../../modules/docker";
import { MathesarOnDockerHost } from "../../modules/docker/mathesar-on-docker-host";

/** Reads the deployable stack's settings from `MATHESAR_*` environment variables (all optional). */
export function dockerHostPropsFromEnv(env: NodeJS.ProcessEnv = process.env): MathesarOnDockerHostProps {
  return {
    name: env.MATHESAR_NAME,
    domainName: env.MATHESAR_DOMAIN_NAME,
    mathesarVersion: env.MATHESAR_VERSION,
    tls: env.MATHESAR_TLS as DockerTlsMode | undefined,
  };
}

/** A root configuration that deploys Mathesar on one Docker host. */
export class DockerHostStack extends DeployableStack {
  /** The deployment. */
  public readonly mathesar: MathesarOnDockerHost;

  constructor(scope: Construct, id: string, props: MathesarOnDockerHostProps = {}) {
    super(scope, id);
    // Relative to cdktf.out/stacks/<id>, where Terraform runs: the state stays at the repository root.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    this.requireTerraform(MODULE_REQUIRED_TERRAFORM);
    // The host comes from DOCKER_HOST at deploy time (default: the local socket).
    new DockerProvider(this, "docker");
    new RandomProvider(this, "random");
    this.mathesar = new MathesarOnDockerHost(this, "Mathesar", props);
    for (const [name, output] of Object.entries(this.mathesar.allOutputs)) {
      new TerraformOutput(this, name, {
        value: output.value,
        description: output.description,
        sensitive: output.sensitive,
      });
    }
  }
}
