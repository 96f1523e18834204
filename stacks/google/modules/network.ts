/** `modules/network` of terraform-google-mathesar: a VPC network (or yours) and Private Service Access. */
import { Construct } from "constructs";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { MathesarGoogleNetwork, NETWORK_ID_RULE, SUBNETWORK_ID_RULE } from "../../../modules/google";
import { ModuleStack, isNull, optionalAttribute } from "../../../modules/terraform";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "../providers";
import { GOOGLE_VARIABLES } from "../variables";

/** The network block as a module. */
export class GoogleNetworkModule extends ModuleStack {
  public readonly description =
    "A VPC network with one subnetwork (Private Google Access, flow logs) and Private Service Access for Cloud SQL's private IP — or only Private Service Access on a network you already have.";

  constructor(scope: Construct, id: string) {
    super(scope, id, GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM);
    new GoogleProvider(this, "google");
    const vars = this.variables({
      name: GOOGLE_VARIABLES.name,
      project: GOOGLE_VARIABLES.project,
      region: GOOGLE_VARIABLES.region,
      existing_network_id: {
        type: "string",
        description: "An existing network; null creates one.",
        default: null,
        rule: NETWORK_ID_RULE,
      },
      existing_subnetwork_id: {
        type: "string",
        description: "A subnetwork of the existing network in region (required with existing_network_id).",
        default: null,
        rule: SUBNETWORK_ID_RULE,
      },
      subnet_cidr: GOOGLE_VARIABLES.subnet_cidr,
      create_private_service_access: {
        type: "bool",
        description:
          "Reserve a range and connect Private Service Access (once per network; a managed Cloud SQL needs it).",
        default: true,
      },
      private_service_access_cidr: GOOGLE_VARIABLES.private_service_access_cidr,
    });
    const network = new MathesarGoogleNetwork(this, "Network", {
      name: vars.name.stringValue,
      project: vars.project.stringValue,
      region: vars.region.stringValue,
      existing: {
        networkId: vars.existing_network_id.stringValue,
        subnetworkId: vars.existing_subnetwork_id.stringValue,
      },
      createNetwork: isNull(vars.existing_network_id.stringValue),
      subnetCidr: vars.subnet_cidr.stringValue,
      createPrivateServiceAccess: vars.create_private_service_access.stringValue,
      privateServiceAccessCidr: vars.private_service_access_cidr.stringValue,
    });
    this.outputs({
      network_id: { value: network.networkId, description: "Id of the network." },
      subnetwork_id: { value: network.subnetworkId, description: "Id of the subnetwork." },
      private_service_access: {
        value: network.privateServiceAccess ? optionalAttribute(network.privateServiceAccess, "id") : null,
        description: "Id of the Private Service Access connection (null when not created here).",
      },
    });
  }
}
