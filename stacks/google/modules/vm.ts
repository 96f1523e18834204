/** `modules/vm` of terraform-google-mathesar: Mathesar on one Compute Engine VM as a module. */
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import {
  MACHINE_TYPE_RULE,
  MathesarGoogleVm,
  VM_EDGE_RULE,
  ZONE_RULE,
  googleRuntimeEnvironment,
} from "../../../modules/google";
import { ModuleStack, ifElse, optionalAttribute } from "../../../modules/terraform";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "../providers";
import { GOOGLE_VARIABLES } from "../variables";
import { RUNTIME_VARIABLES, runtimeSettings } from "./runtime-variables";

/** The VM, its identity, firewall rules, and its way in (instance group or static IP with Caddy). */
export class GoogleVmModule extends ModuleStack {
  public readonly description =
    "Mathesar on one Compute Engine VM (Container-Optimized OS, shielded, OS Login) configured by cloud-init: secrets fetched from Secret Manager at every start into memory, the locked bootstrap then gunicorn in a read-only container; behind the load balancer (no public IP, Cloud NAT) or with Caddy doing TLS on a static IP.";

  constructor(scope: Construct, id: string) {
    super(scope, id, GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM);
    new GoogleProvider(this, "google");
    const vars = this.variables({
      ...RUNTIME_VARIABLES,
      zone: { type: "string", description: "Zone of the VM.", rule: ZONE_RULE },
      machine_type: { type: "string", description: "Machine type, e.g. e2-medium.", rule: MACHINE_TYPE_RULE },
      edge: {
        ...GOOGLE_VARIABLES.vm_edge,
        description: "load_balancer (instance group, no public IP) or caddy (static IP, Caddy does TLS).",
        rule: VM_EDGE_RULE,
      },
      allowed_source_ranges: {
        type: "list(string)",
        description: "With edge = caddy: networks allowed to reach 80 and 443; null: everyone.",
        default: null,
      },
      acme_email: GOOGLE_VARIABLES.acme_email,
      create_cloud_nat: {
        ...GOOGLE_VARIABLES.vm_cloud_nat,
        description:
          "With edge = load_balancer: create a Cloud Router and Cloud NAT for the subnetwork (false when the network already has one).",
      },
    });
    const settings = runtimeSettings(vars);
    const environment = googleRuntimeEnvironment(settings);
    // The SSO secret is optional here: an empty id is skipped by the VM's secret fetcher and by IAM.
    // (Not coalesce(): it refuses an all-null-or-empty argument list.)
    const secretEnvironment = Object.fromEntries(
      Object.entries(environment.secrets).map(([key, secret]) => [
        key,
        secret.when === undefined ? secret.secretId : ifElse(secret.when, secret.secretId, ""),
      ]),
    );
    const vm = new MathesarGoogleVm(this, "Vm", {
      name: vars.name.stringValue,
      project: vars.project.stringValue,
      region: vars.region.stringValue,
      zone: vars.zone.stringValue,
      machineType: vars.machine_type.stringValue,
      networkId: vars.network_id.stringValue,
      subnetworkId: vars.subnetwork_id.stringValue,
      image: vars.image.stringValue,
      domainName: vars.domain_name.stringValue,
      edge: vars.edge.stringValue,
      environment: environment.plain,
      secretEnvironment,
      readableSecretIds: Token.asList(Fn.compact(Object.values(secretEnvironment))),
      allowedSourceRanges: Token.asList(Fn.coalescelist([vars.allowed_source_ranges.listValue, ["0.0.0.0/0"]])),
      acmeEmail: vars.acme_email.stringValue,
      createCloudNat: vars.create_cloud_nat.stringValue,
      labels: vars.labels.value,
    });
    this.outputs({
      instance_name: { value: vm.instance.name, description: "Compute Engine instance name." },
      instance_group: {
        value: vm.instanceGroup ? optionalAttribute(vm.instanceGroup, "self_link") : null,
        description: "Instance group for the load balancer (null with edge = caddy).",
      },
      ip_address: {
        value: vm.externalIp ?? null,
        description: "Static external IP (edge = caddy; null behind the load balancer).",
      },
      service_account_email: { value: vm.serviceAccount.email, description: "Identity of the VM." },
    });
  }
}
