/** `modules/edge` of terraform-google-mathesar: the global HTTPS load balancer as a module. */
import { Construct } from "constructs";
import { Fn, Op, Token } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { MathesarGoogleEdge, SOURCE_RANGE_RULE } from "../../../modules/google";
import { ModuleStack, and } from "../../../modules/terraform";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "../providers";
import { GOOGLE_VARIABLES } from "../variables";

/** Load balancer, certificate, SSL policy, redirect, IAP, Cloud Armor, DNS. */
export class GoogleEdgeModule extends ModuleStack {
  public readonly description =
    "A global external HTTPS load balancer: static IP, Google-managed certificate, MODERN SSL policy (TLS 1.2+), HTTP→HTTPS 301, request logs; Cloud Run (serverless NEG) or the VM (instance group + health check) behind it; optional IAP, Cloud Armor and Cloud DNS record.";

  constructor(scope: Construct, id: string) {
    super(scope, id, GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM);
    new GoogleProvider(this, "google");
    const vars = this.variables({
      name: GOOGLE_VARIABLES.name,
      project: GOOGLE_VARIABLES.project,
      region: GOOGLE_VARIABLES.region,
      domain_name: GOOGLE_VARIABLES.domain_name,
      cloud_run_service: {
        type: "string",
        description: "Cloud Run service behind the load balancer (when instance_group is null).",
        default: null,
      },
      instance_group: {
        type: "string",
        description: "The VM's instance group (named port http) behind the load balancer (with use_instance_group).",
        default: null,
      },
      use_instance_group: {
        type: "bool",
        description:
          "The VM's instance group serves, not Cloud Run. A plain flag because counts must be known at plan time, and the group's self link is not until it exists.",
        default: false,
      },
      iap_members: {
        type: "list(string)",
        description: "Members IAP admits (user:, group:, serviceAccount:, domain:); empty: IAP off.",
        default: [],
      },
      iap_oauth_client_id: GOOGLE_VARIABLES.iap_oauth_client_id,
      iap_oauth_client_secret: GOOGLE_VARIABLES.iap_oauth_client_secret,
      cloud_armor_enabled: GOOGLE_VARIABLES.cloud_armor_enabled,
      cloud_armor_allowed_ip_ranges: {
        type: "list(string)",
        description: "Only these ranges reach Mathesar (1 to 10: one Cloud Armor rule's limit); null: every address.",
        default: null,
        validations: [
          {
            condition: `\${var.cloud_armor_allowed_ip_ranges == null ? true : (length(var.cloud_armor_allowed_ip_ranges) >= 1 && length(var.cloud_armor_allowed_ip_ranges) <= 10 && alltrue([for item in var.cloud_armor_allowed_ip_ranges : ${SOURCE_RANGE_RULE.condition("item")}]))}`,
            errorMessage: `Invalid cloud_armor_allowed_ip_ranges: must list 1 to 10 entries, each ${SOURCE_RANGE_RULE.allowed}.`,
          },
        ],
      },
      cloud_armor_rate_limit_per_minute: GOOGLE_VARIABLES.cloud_armor_rate_limit_per_minute,
      security_policy: GOOGLE_VARIABLES.security_policy,
      dns_zone: GOOGLE_VARIABLES.dns_zone,
      labels: GOOGLE_VARIABLES.labels,
    });
    const iapMembers = vars.iap_members.listValue;
    const edge = new MathesarGoogleEdge(this, "Edge", {
      name: vars.name.stringValue,
      project: vars.project.stringValue,
      region: vars.region.stringValue,
      domainName: vars.domain_name.stringValue,
      backend: {
        cloudRunService: vars.cloud_run_service.stringValue,
        instanceGroup: vars.instance_group.stringValue,
        useInstanceGroup: vars.use_instance_group.stringValue,
      },
      iap: {
        enabled: Token.asString(Op.gte(Fn.lengthOf(iapMembers), 1)),
        members: iapMembers,
        oauthClientId: vars.iap_oauth_client_id.stringValue,
        oauthClientSecret: vars.iap_oauth_client_secret.stringValue,
      },
      cloudArmor: {
        enabled: and(vars.cloud_armor_enabled.stringValue, true),
        allowedIpRanges: vars.cloud_armor_allowed_ip_ranges.listValue,
        rateLimitPerMinute: vars.cloud_armor_rate_limit_per_minute.numberValue,
      },
      securityPolicy: vars.security_policy.stringValue,
      dnsZone: vars.dns_zone.stringValue,
      labels: vars.labels.value,
    });
    this.outputs({
      ip_address: { value: edge.ipAddress, description: "IPv4 address of the load balancer: point domain_name at it." },
      backend_service_name: {
        value: edge.backendService.name,
        description: "Backend service (IAP and Cloud Armor attach here).",
      },
      certificate_name: {
        value: edge.certificate.name,
        description: "Google-managed certificate (ACTIVE once DNS points at ip_address).",
      },
    });
  }
}
