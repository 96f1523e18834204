/** `modules/cloud-run` of terraform-google-mathesar: Mathesar on Cloud Run as a module. */
import { Construct } from "constructs";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { MathesarGoogleCloudRun } from "../../../modules/google";
import { ModuleStack } from "../../../modules/terraform";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "../providers";
import { GOOGLE_VARIABLES } from "../variables";
import { RUNTIME_VARIABLES, runtimeSettings } from "./runtime-variables";

/** The Cloud Run service, its identity and its uploads bucket. */
export class GoogleCloudRunModule extends ModuleStack {
  public readonly description =
    "Mathesar on Cloud Run: reachable only through the load balancer, Direct VPC egress to private ranges, a service account that reads exactly its secrets and uploads bucket, secrets as Secret Manager references, the locked bootstrap (migrations, first admin) at every start, a startup probe that waits out first-boot migrations.";

  constructor(scope: Construct, id: string) {
    super(scope, id, GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM);
    new GoogleProvider(this, "google");
    const vars = this.variables({
      ...RUNTIME_VARIABLES,
      cpu: { type: "number", description: "vCPUs per instance (1, 2, 4, 6 or 8)." },
      memory: { type: "number", description: "Memory per instance in MiB." },
      min_instances: { ...GOOGLE_VARIABLES.min_instances, default: 1 },
      max_instances: { ...GOOGLE_VARIABLES.max_instances, default: 2 },
      deletion_protection: GOOGLE_VARIABLES.deletion_protection,
      iap_enabled: {
        type: "bool",
        description:
          "IAP guards the load balancer: the service keeps its invoker check and only IAP's service agent may invoke it (false: no invoker check, the load balancer's requests are unauthenticated).",
        default: false,
      },
    });
    const service = new MathesarGoogleCloudRun(this, "CloudRun", {
      ...runtimeSettings(vars),
      region: vars.region.stringValue,
      networkId: vars.network_id.stringValue,
      subnetworkId: vars.subnetwork_id.stringValue,
      cpu: vars.cpu.numberValue,
      memoryMiB: vars.memory.numberValue,
      minInstances: vars.min_instances.numberValue,
      maxInstances: vars.max_instances.numberValue,
      deletionProtection: vars.deletion_protection.stringValue,
      iapEnabled: vars.iap_enabled.stringValue,
    });
    this.outputs({
      service_name: { value: service.service.name, description: "Cloud Run service name." },
      service_uri: {
        value: service.service.uri,
        description: "The run.app URL (answers only through the load balancer).",
      },
      service_account_email: { value: service.serviceAccount.email, description: "Identity of the service." },
      media_bucket: { value: service.mediaBucket.name, description: "Bucket of uploaded files." },
    });
  }
}
