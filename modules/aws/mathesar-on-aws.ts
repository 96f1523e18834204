/**
 * `MathesarOnAws`: a private network (or yours), RDS for PostgreSQL (or yours), Mathesar on ECS Fargate in
 * private subnets, and an Application Load Balancer with an ACM certificate in front — using only the
 * `aws` provider and Terraform built-ins, with every generated secret kept out of Terraform state. The
 * blocks are composed by the AWS wiring (wiring.ts), the same one the published root module runs.
 */
import { Construct } from "constructs";
import type { MathesarOutputs } from "../mathesar";
import type { DeletionGuard } from "../terraform";
import { ConstructComposer, checkCrossFieldRules, checkSettings } from "../terraform/wiring";
import { AWS_CROSS_FIELD_RULES } from "./cross-field-rules";
import type { MathesarAwsDatabase } from "./database";
import type { MathesarAwsEdge } from "./edge";
import type { MathesarAwsNetwork } from "./network";
import type { MathesarOnAwsProps } from "./props";
import { checkRegionAtPlan, literalProviderRegion } from "./region";
import type { MathesarAwsSecrets } from "./secrets";
import type { MathesarAwsService } from "./service";
import { AWS_SETTINGS } from "./settings";
import { checkRegions, regionBoundProps, validateAwsProps, wrongRegionMessage } from "./validate";
import { composeAws } from "./wiring";

/** Mathesar on AWS: Fargate + RDS + ALB. */
export class MathesarOnAws extends Construct {
  /** The network block, unless an existing VPC was given. */
  public readonly network?: MathesarAwsNetwork;
  /** The managed database, unless an existing database was given. */
  public readonly database?: MathesarAwsDatabase;
  /** Generated application secrets. */
  public readonly secrets: MathesarAwsSecrets;
  /** Load balancer, certificate, DNS. */
  public readonly edge: MathesarAwsEdge;
  /** The ECS service. */
  public readonly service: MathesarAwsService;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;
  /** Refuses destroy and replacement while deletion protection is on (with a managed or an existing database). */
  public readonly deletionGuard: DeletionGuard;

  constructor(scope: Construct, id: string, props: MathesarOnAwsProps) {
    super(scope, id);
    // The same rules as the root module's variables, then what only TypeScript can check (validate.ts).
    validateAwsProps(props);
    checkSettings(AWS_SETTINGS, props);
    checkCrossFieldRules(AWS_CROSS_FIELD_RULES, props);
    // ARNs and zones from another region fail only at apply (or never, until a task starts): check them
    // against the provider's region at synth when it is known, else when Terraform reads it at plan.
    const providerRegion = literalProviderRegion(this);
    if (providerRegion !== undefined) checkRegions(props, providerRegion);
    else
      checkRegionAtPlan(
        this,
        regionBoundProps(props).map((p) => ({
          region: p.region,
          message: wrongRegionMessage(p.prop, JSON.stringify(p.value), p.region, "${self.name}"),
        })),
      );
    const composed = composeAws(this, props, new ConstructComposer());
    this.network = composed.network.construct;
    this.database = composed.database.construct;
    this.secrets = composed.secrets.construct!;
    this.edge = composed.edge.construct!;
    this.service = composed.service.construct!;
    this.deletionGuard = composed.deletionGuard;
    this.outputs = composed.contract;
  }
}
