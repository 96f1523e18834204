/**
 * `MathesarOnDockerHost`: one Docker host (the `docker` provider's: the local socket or `ssh://`), a private
 * network, named volumes for uploads and the evaluation database, an optional PostgreSQL container or your
 * own database, the pinned Mathesar image with its headless admin bootstrap and secrets as files, and Caddy
 * with automatic HTTPS (or your certificate, or your own proxy). The composition itself is
 * `composeDockerHost` (wiring.ts), shared with the published root module.
 */
import { Construct } from "constructs";
import { CONTRACT_OUTPUTS, type MathesarOutputs } from "../mathesar";
import { ConstructComposer } from "../terraform/wiring";
import type { MathesarDockerApp } from "./app";
import type { MathesarDockerDatabase } from "./database";
import type { MathesarDockerNetwork } from "./network";
import type { MathesarOnDockerHostProps } from "./props";
import type { MathesarDockerProxy } from "./proxy";
import type { MathesarDockerSecrets } from "./secrets";
import { validateDockerHostProps } from "./validate";
import { composeDockerHost } from "./wiring";

export { DOCKER_ADMIN_PASSWORD_OUTPUT } from "./wiring";

/** Mathesar on one Docker host. */
export class MathesarOnDockerHost extends Construct {
  /** The private network. */
  public readonly network: MathesarDockerNetwork;
  /** Generated secrets. */
  public readonly secrets: MathesarDockerSecrets;
  /** The evaluation database, unless an existing one was given. */
  public readonly database?: MathesarDockerDatabase;
  /** Mathesar's containers. */
  public readonly app: MathesarDockerApp;
  /** Caddy, unless `tls` is `none`. */
  public readonly proxy?: MathesarDockerProxy;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;
  /** The generated admin password (sensitive). */
  public readonly adminPassword: string;
  /** Every output of the target, by output name (what the root module outputs too). */
  public readonly allOutputs: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;

  constructor(scope: Construct, id: string, props: MathesarOnDockerHostProps = {}) {
    super(scope, id);
    validateDockerHostProps(props);
    const wiring = composeDockerHost(this, props, new ConstructComposer());
    this.network = wiring.network.construct!;
    this.secrets = wiring.secrets.construct!;
    this.database = wiring.database.construct;
    this.app = wiring.app.construct!;
    this.proxy = wiring.proxy.construct;
    this.adminPassword = this.secrets.adminPassword;
    this.allOutputs = wiring.outputs;
    const output = (name: string) => wiring.outputs[name].value as string;
    this.outputs = {
      url: output(CONTRACT_OUTPUTS.url.name),
      adminUsername: output(CONTRACT_OUTPUTS.adminUsername.name),
      adminPasswordLocation: output(CONTRACT_OUTPUTS.adminPasswordLocation.name),
      databaseEndpoint: output(CONTRACT_OUTPUTS.databaseEndpoint.name),
      logs: output(CONTRACT_OUTPUTS.logs.name),
    };
  }
}
