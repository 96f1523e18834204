/** `modules/edge` of terraform-aws-mathesar: load balancer, certificate, DNS as a module. */
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarAwsEdge } from "../../../modules/aws";
import { ModuleStack, isSet, optionalAttribute } from "../../../modules/terraform";
import { AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM } from "../providers";
import { AWS_VARIABLES } from "../variables";

/** The ALB in front of Mathesar. */
export class AwsEdgeModule extends ModuleStack {
  public readonly description =
    "An Application Load Balancer with an ACM certificate (DNS-validated in Route 53 when a zone is given), HTTP to HTTPS redirect, TLS 1.2+, invalid headers dropped, desync mitigation, encrypted access logs with a lifecycle, deletion protection, host-based forwarding, optional OIDC sign-in and WAF.";

  constructor(scope: Construct, id: string) {
    super(scope, id, AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws");
    const vars = this.variables({
      name: AWS_VARIABLES.name,
      vpc_id: { type: "string", description: "Id of the VPC." },
      vpc_cidr: { type: "string", description: "CIDR of the VPC (the load balancer reaches Mathesar's port there)." },
      subnet_ids: {
        type: "list(string)",
        description: "Subnets of the load balancer: public when internet-facing, private when internal.",
      },
      internal: AWS_VARIABLES.internal,
      allowed_cidrs: { type: "list(string)", description: "Networks allowed to reach ports 80 and 443." },
      domain_name: AWS_VARIABLES.domain_name,
      route53_zone_id: AWS_VARIABLES.route53_zone_id,
      certificate_arn: AWS_VARIABLES.certificate_arn,
      access_log_retention_days: AWS_VARIABLES.access_log_retention_days,
      deletion_protection: AWS_VARIABLES.load_balancer_deletion_protection,
      access_logs_force_destroy: AWS_VARIABLES.access_logs_force_destroy,
      waf_web_acl_arn: AWS_VARIABLES.waf_web_acl_arn,
      oidc: {
        type: "object({ issuer = string, authorization_endpoint = string, token_endpoint = string, user_info_endpoint = string, client_id = string, client_secret = string })",
        description: "OIDC sign-in at the load balancer before any request reaches Mathesar; null: off.",
        default: null,
        sensitive: true,
      },
    });
    const oidc = (field: string) => `\${var.oidc == null ? null : var.oidc.${field}}`;
    const edge = new MathesarAwsEdge(this, "Edge", {
      name: vars.name.stringValue,
      vpcId: vars.vpc_id.stringValue,
      vpcCidr: vars.vpc_cidr.stringValue,
      subnetIds: vars.subnet_ids.listValue,
      internal: vars.internal.stringValue,
      allowedCidrs: vars.allowed_cidrs.listValue,
      domainName: vars.domain_name.stringValue,
      route53ZoneId: vars.route53_zone_id.stringValue,
      certificateArn: vars.certificate_arn.stringValue,
      accessLogRetentionDays: vars.access_log_retention_days.numberValue,
      deletionProtection: vars.deletion_protection.stringValue,
      accessLogsForceDestroy: vars.access_logs_force_destroy.stringValue,
      wafWebAclArn: vars.waf_web_acl_arn.stringValue,
      oidcEnabled: isSet(vars.oidc.stringValue),
      oidc: {
        issuer: oidc("issuer"),
        authorizationEndpoint: oidc("authorization_endpoint"),
        tokenEndpoint: oidc("token_endpoint"),
        userInfoEndpoint: oidc("user_info_endpoint"),
        clientId: oidc("client_id"),
        clientSecret: oidc("client_secret"),
      },
    });
    this.outputs({
      load_balancer_arn: { value: edge.loadBalancer.arn, description: "ARN of the load balancer." },
      dns_name: {
        value: edge.loadBalancer.dnsName,
        description: "DNS name of the load balancer (point domain_name at it when DNS is not in Route 53).",
      },
      zone_id: {
        value: edge.loadBalancer.zoneId,
        description: "Route 53 zone id of the load balancer (for alias records).",
      },
      target_group_arn: { value: edge.targetGroup.arn, description: "Target group Mathesar's tasks register in." },
      security_group_id: { value: edge.securityGroup.id, description: "Security group of the load balancer." },
      access_log_bucket: { value: edge.accessLogBucket.id, description: "Bucket of the access logs." },
      certificate_validation: {
        value: optionalAttribute(edge.certificate, "domain_validation_options"),
        description: "DNS records that validate the requested certificate (create them when DNS is not in Route 53).",
      },
    });
  }
}
