/**
 * `MathesarOnDigitalOcean`: a VPC, a managed PostgreSQL cluster (or your own database), a firewall that
 * admits only the app, generated secrets, and Mathesar on App Platform with HTTPS and a ready admin. The
 * composition itself is `composeDigitalOcean` (wiring.ts), shared with the published root module.
 */
import { Construct } from "constructs";
import type { DataDigitaloceanVpc } from "@cdktf/provider-digitalocean/lib/data-digitalocean-vpc";
import { CONTRACT_OUTPUTS, MathesarOutputs } from "../mathesar";
import type { DeletionGuard } from "../terraform";
import { ConstructComposer } from "../terraform/wiring";
import type { MathesarDoApp } from "./app";
import type { MathesarDoDatabase } from "./database";
import type { MathesarDoDatabaseFirewall } from "./database-firewall";
import type { MathesarDoNetwork } from "./network";
import type { MathesarOnDigitalOceanProps } from "./props";
import type { MathesarDoSecrets } from "./secrets";
import { validateDigitalOceanProps } from "./validate";
import { composeDigitalOcean } from "./wiring";

export { DO_ADMIN_PASSWORD_OUTPUT, DO_DELETION_PROTECTION_MESSAGE } from "./wiring";

/** Mathesar on DigitalOcean App Platform with managed PostgreSQL. */
export class MathesarOnDigitalOcean extends Construct {
  /** The VPC block, unless an existing VPC was given. */
  public readonly network?: MathesarDoNetwork;
  /** The managed database block, unless an existing database was given. */
  public readonly database?: MathesarDoDatabase;
  /** The database firewall, on managed databases only. */
  public readonly databaseFirewall?: MathesarDoDatabaseFirewall;
  /**
   * Refuses destroy and replacement while deletion protection is on: of the cluster and everything in it
   * with a managed database, of the SECRET_KEY (and the app holding it) in every mode.
   */
  public readonly deletionGuard: DeletionGuard;
  /** The existing VPC as DigitalOcean reports it (its range and region are checked), when one was given. */
  public readonly existingVpc?: DataDigitaloceanVpc;
  /** Generated secrets (Django key and admin password). */
  public readonly secrets: MathesarDoSecrets;
  /** The App Platform block. */
  public readonly app: MathesarDoApp;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;
  /** The generated admin password (sensitive). */
  public readonly adminPassword: string;
  /** The app's default host name, the CNAME target for a custom domain managed outside DigitalOcean. */
  public readonly cnameTarget: string;

  constructor(scope: Construct, id: string, props: MathesarOnDigitalOceanProps = {}) {
    super(scope, id);
    validateDigitalOceanProps(props);
    const wiring = composeDigitalOcean(this, props, new ConstructComposer());
    this.network = wiring.network.construct;
    this.existingVpc = wiring.existingVpc;
    this.secrets = wiring.secrets.construct!;
    this.database = wiring.database.construct;
    this.app = wiring.app.construct!;
    this.databaseFirewall = wiring.databaseFirewall.construct;
    this.deletionGuard = wiring.deletionGuard;
    this.adminPassword = this.secrets.adminPassword;
    this.cnameTarget = this.app.cnameTarget;
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
