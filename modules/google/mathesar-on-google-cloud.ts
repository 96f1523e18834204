/**
 * `MathesarOnGoogleCloud`: a private network (or yours), Cloud SQL for PostgreSQL on a private IP (or any
 * PostgreSQL), Mathesar on Cloud Run (or one VM), and a global HTTPS load balancer with a Google-managed
 * certificate in front — optionally with Google sign-in (IAP) and Cloud Armor; or, for the VM, Caddy doing TLS.
 * Generated secrets live in Secret Manager and never in Terraform state. The blocks are composed by the
 * target's one wiring (wiring.ts), which the published module runs too.
 */
import { Construct } from "constructs";
import type { MathesarOutputs } from "../mathesar";
import type { DeletionGuard } from "../terraform";
import { ConstructComposer, checkCrossFieldRules, checkSettings } from "../terraform/wiring";
import type { MathesarGoogleCloudRun } from "./cloud-run";
import { GOOGLE_CROSS_FIELD_RULES } from "./cross-field-rules";
import type { MathesarGoogleDatabase } from "./database";
import { withGoogleDefaults } from "./defaults";
import type { MathesarGoogleEdge } from "./edge";
import type { MathesarGoogleNetwork } from "./network";
import type { MathesarOnGoogleCloudProps } from "./props";
import type { MathesarGoogleSecrets } from "./secrets";
import { GOOGLE_SETTINGS } from "./settings";
import { validateGoogleProps } from "./validate";
import type { MathesarGoogleVm } from "./vm";
import { composeGoogle } from "./wiring";

/** Mathesar on Google Cloud. */
export class MathesarOnGoogleCloud extends Construct {
  /** The network block (new, or only Private Service Access on yours). */
  public readonly network: MathesarGoogleNetwork;
  /** The managed database, unless an existing database was given. */
  public readonly database?: MathesarGoogleDatabase;
  /** Generated application secrets. */
  public readonly secrets: MathesarGoogleSecrets;
  /** The Cloud Run service (runtime "cloud_run"). */
  public readonly cloudRun?: MathesarGoogleCloudRun;
  /** The VM (runtime "vm"). */
  public readonly vm?: MathesarGoogleVm;
  /** The load balancer, unless the VM runs Caddy. */
  public readonly edge?: MathesarGoogleEdge;
  /** The address users reach: the load balancer's or the VM's. */
  public readonly ipAddress: string;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;
  /** Refuses destroy and replacement while deletion protection is on (with an existing database: of SECRET_KEY). */
  public readonly deletionGuard: DeletionGuard;

  constructor(scope: Construct, id: string, props: MathesarOnGoogleCloudProps) {
    super(scope, id);
    // What only a construct can get wrong first (a missing project, a literal OAuth secret, ...), then each
    // prop's rule and the rules across props, in the words the published module uses too.
    validateGoogleProps(props);
    checkSettings(GOOGLE_SETTINGS, props);
    checkCrossFieldRules(GOOGLE_CROSS_FIELD_RULES, withGoogleDefaults(props));
    const composed = composeGoogle(this, props, new ConstructComposer());
    this.network = composed.network.construct!;
    this.secrets = composed.secrets.construct!;
    this.database = composed.database.construct;
    this.cloudRun = composed.cloudRun.construct;
    this.vm = composed.vm.construct;
    this.edge = composed.edge.construct;
    this.ipAddress = composed.ipAddress;
    this.outputs = composed.contract;
    this.deletionGuard = composed.deletionGuard;
  }
}
