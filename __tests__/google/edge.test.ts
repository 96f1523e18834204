/**
 * The edge: a global external Application Load Balancer with a managed certificate, TLS 1.2+, HTTP only as
 * a redirect, Cloud Run or the VM behind it, and optional IAP, Cloud Armor and a DNS record.
 */
import { TerraformStack, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ComputeGlobalAddress } from "@cdktf/provider-google/lib/compute-global-address";
import { ComputeHealthCheck } from "@cdktf/provider-google/lib/compute-health-check";
import { ComputeRegionNetworkEndpointGroup } from "@cdktf/provider-google/lib/compute-region-network-endpoint-group";
import { ComputeSslPolicy } from "@cdktf/provider-google/lib/compute-ssl-policy";
import { DnsRecordSet } from "@cdktf/provider-google/lib/dns-record-set";
import { MathesarGoogleEdge, type MathesarGoogleEdgeProps } from "../../modules/google";
import * as fs from "fs";
import {
  renderGoogleModule,
  sensitiveVariable,
  synthGoogle,
  synthGoogleWith,
  type TerraformJson,
} from "../support/synth";

type Props = Parameters<typeof synthGoogle>[0];
const INSTANCE_GROUP = "projects/lab-project-123/zones/us-central1-a/instanceGroups/mathesar-vm";

/** The edge block alone, in front of a VM's instance group. */
function synthVmEdge(props: Partial<MathesarGoogleEdgeProps> = {}): { config: TerraformJson; text: string } {
  const stack = new TerraformStack(Testing.app(), "edge");
  new GoogleProvider(stack, "google", { project: "lab-project-123" });
  new MathesarGoogleEdge(stack, "Edge", {
    name: "mathesar",
    project: "lab-project-123",
    region: "us-central1",
    domainName: "mathesar.example.org",
    backend: { useInstanceGroup: true, instanceGroup: INSTANCE_GROUP },
    ...props,
  });
  const text = Testing.synth(stack);
  return { config: JSON.parse(text) as TerraformJson, text };
}

const backend = (props: Props = {}) => synthGoogle(props).resource.google_compute_backend_service.this;
const armor = (props: Props) => synthGoogle(props).resource.google_compute_security_policy.this;

describe("address and certificate", () => {
  test("a global static IPv4 address", () => {
    expect(JSON.stringify(synthGoogle())).toHaveResourceWithProperties(ComputeGlobalAddress, {
      name: "mathesar",
      address_type: "EXTERNAL",
      ip_version: "IPV4",
    });
  });

  test("a Google-managed certificate for the domain, replaced before it is destroyed", () => {
    const certificate = synthGoogle().resource.google_compute_managed_ssl_certificate.this;
    expect(certificate.managed).toEqual({ domains: ["mathesar.example.org"] });
    expect(certificate.lifecycle).toEqual({ create_before_destroy: true });
  });

  test("the certificate's name changes with the domain (a managed certificate cannot change its domains) and only with it", () => {
    // GIVEN two deployments that differ only by domain, and a third equal to the first
    const name = (domainName: string) =>
      synthGoogle({ domainName }).resource.google_compute_managed_ssl_certificate.this.name as string;
    // THEN the names differ for different domains and are stable for the same one
    expect(name("a.example.org")).not.toBe(name("b.example.org"));
    expect(name("a.example.org")).toBe(name("a.example.org"));
    expect(name("a.example.org")).toMatch(/^mathesar-[0-9a-f]{8}$/);
  });
});

describe("TLS and HTTP", () => {
  test("the HTTPS proxy uses the MODERN profile with TLS 1.2 as the floor, and the managed certificate", () => {
    const config = synthGoogle();
    expect(JSON.stringify(config)).toHaveResourceWithProperties(ComputeSslPolicy, {
      profile: "MODERN",
      min_tls_version: "TLS_1_2",
    });
    expect(config.resource.google_compute_target_https_proxy.this).toMatchObject({
      ssl_policy: "${google_compute_ssl_policy.this.id}",
      ssl_certificates: ["${google_compute_managed_ssl_certificate.this.id}"],
      url_map: "${google_compute_url_map.this.id}",
    });
  });

  test("port 443 forwards to the HTTPS proxy", () => {
    expect(synthGoogle().resource.google_compute_global_forwarding_rule.https).toMatchObject({
      port_range: "443",
      target: "${google_compute_target_https_proxy.this.id}",
      ip_address: "${google_compute_global_address.this.id}",
    });
  });

  test("port 80 only answers with a 301 to HTTPS", () => {
    // GIVEN the default deployment
    const { resource } = synthGoogle();
    // THEN the HTTP URL map redirects everything, and the port-80 rule reaches only it
    expect(resource.google_compute_url_map.http_redirect.default_url_redirect).toMatchObject({
      https_redirect: true,
      redirect_response_code: "MOVED_PERMANENTLY_DEFAULT",
    });
    expect(resource.google_compute_url_map.http_redirect.default_service).toBeUndefined();
    expect(resource.google_compute_target_http_proxy.http_redirect.url_map).toBe(
      "${google_compute_url_map.http_redirect.id}",
    );
    expect(resource.google_compute_global_forwarding_rule.http_redirect).toMatchObject({
      port_range: "80",
      target: "${google_compute_target_http_proxy.http_redirect.id}",
      ip_address: "${google_compute_global_address.this.id}",
    });
  });

  test("the backend service and both forwarding rules are the global external Application Load Balancer (EXTERNAL_MANAGED)", () => {
    const { resource } = synthGoogle();
    expect(resource.google_compute_backend_service.this.load_balancing_scheme).toBe("EXTERNAL_MANAGED");
    for (const rule of Object.values(resource.google_compute_global_forwarding_rule as Record<string, TerraformJson>)) {
      expect(rule.load_balancing_scheme).toBe("EXTERNAL_MANAGED");
    }
  });
});

describe("backend", () => {
  test("Cloud Run is reached through a serverless NEG, without a health check", () => {
    // GIVEN the default runtime
    const config = synthGoogle();
    // THEN a serverless NEG names the service and is the backend's only group
    expect(JSON.stringify(config)).toHaveResourceWithProperties(ComputeRegionNetworkEndpointGroup, {
      network_endpoint_type: "SERVERLESS",
      region: "us-central1",
      cloud_run: { service: "${google_cloud_run_v2_service.this.name}" },
    });
    expect(config.resource.google_compute_backend_service.this.backend).toEqual([
      { group: "${google_compute_region_network_endpoint_group.cloud_run.id}" },
    ]);
    expect(config.resource.google_compute_backend_service.this.health_checks).toBeUndefined();
    expect(config.resource.google_compute_health_check).toBeUndefined();
  });

  test("the VM's instance group is checked on the favicon at port 8000, through the named port http, with no NEG", () => {
    // GIVEN the edge in front of an instance group
    const { config, text } = synthVmEdge();
    // THEN a health check on the path Mathesar serves before its Host check, and the group as the backend
    expect(text).toHaveResourceWithProperties(ComputeHealthCheck, {
      http_health_check: { port: 8000, request_path: "/static/icons/favicon.ico" },
    });
    expect(config.resource.google_compute_backend_service.this).toMatchObject({
      port_name: "http",
      backend: [{ group: INSTANCE_GROUP }],
      health_checks: ["${google_compute_health_check.vm.id}"],
    });
    expect(text).not.toHaveResource(ComputeRegionNetworkEndpointGroup);
  });

  test("the published module never hands the backend service an empty health check list (the provider requires at least one item, or none)", () => {
    // GIVEN the edge module's backend service
    const healthChecks = renderGoogleModule().modules["modules/edge"].resource.google_compute_backend_service.this
      .health_checks as string;
    // THEN no branch of its expression is an empty list (Terraform evaluates both branches in google-expressions.test.ts)
    expect(healthChecks).toMatch(/^\$\{.*\}$/);
    expect(healthChecks).not.toMatch(/\[\s*\]/);
  });

  test("requests are logged", () => {
    expect(backend().log_config).toEqual({ enable: true, sample_rate: 1 });
  });
});

describe("Identity-Aware Proxy", () => {
  test("off by default: IAP disabled on the backend, no IAP binding", () => {
    const config = synthGoogle();
    expect(config.resource.google_compute_backend_service.this.iap).toEqual({ enabled: false });
    expect(config.resource.google_iap_web_backend_service_iam_binding).toBeUndefined();
  });

  test("on: only the listed members may pass", () => {
    // GIVEN IAP for a group and a domain
    const members = ["group:lab@example.org", "domain:example.edu"];
    const config = synthGoogle({ iap: { members } });
    // THEN IAP is on, and the binding grants the accessor role to exactly those members
    expect(config.resource.google_compute_backend_service.this.iap).toEqual({ enabled: true });
    expect(config.resource.google_iap_web_backend_service_iam_binding.mathesar).toMatchObject({
      role: "roles/iap.httpsResourceAccessor",
      members,
      web_backend_service: "${google_compute_backend_service.this.name}",
    });
  });

  test("an own OAuth client is passed through to the backend", () => {
    const { config } = synthGoogleWith((stack) => ({
      iap: {
        members: ["user:ada@example.org"],
        oauthClientId: "123456789012-abc.apps.googleusercontent.com",
        oauthClientSecret: sensitiveVariable(stack, "oauth_secret"),
      },
    }));
    expect(config.resource.google_compute_backend_service.this.iap).toEqual({
      enabled: true,
      oauth2_client_id: "123456789012-abc.apps.googleusercontent.com",
      oauth2_client_secret: "${var.oauth_secret}",
    });
  });
});

describe("Cloud Armor", () => {
  test("none unless asked", () => {
    const config = synthGoogle();
    expect(config.resource.google_compute_security_policy).toBeUndefined();
    expect(config.resource.google_compute_backend_service.this.security_policy).toBeUndefined();
  });

  test("a per-IP rate limit bans a client for five minutes; everyone else is allowed", () => {
    // GIVEN Cloud Armor without an allow-list
    const policy = armor({ cloudArmor: {} });
    const [rate, fallback] = policy.rule;
    // THEN the rate rule counts per minute and bans for 300 s, and the default rule allows
    expect(rate).toMatchObject({ action: "rate_based_ban", match: { config: { src_ip_ranges: ["*"] } } });
    expect(rate.rate_limit_options).toMatchObject({
      rate_limit_threshold: { count: 1200, interval_sec: 60 },
      ban_duration_sec: 300,
      enforce_on_key: "IP",
      conform_action: "allow",
    });
    expect(fallback).toMatchObject({ priority: 2147483647, action: "allow" });
  });

  test("rateLimitPerMinute sets the count", () => {
    expect(armor({ cloudArmor: { rateLimitPerMinute: 300 } }).rule[0].rate_limit_options.rate_limit_threshold).toEqual({
      count: 300,
      interval_sec: 60,
    });
  });

  test("an allow-list limits the rate rule to those ranges and denies everyone else with 403", () => {
    // GIVEN a campus range
    const ranges = ["203.0.113.0/24", "198.51.100.0/24"];
    const [rate, fallback] = armor({ cloudArmor: { allowedIpRanges: ranges } }).rule;
    // THEN only those sources are allowed (rate-limited), the rest gets 403
    expect(rate.match.config.src_ip_ranges).toEqual(ranges);
    expect(fallback).toMatchObject({ action: "deny(403)", match: { config: { src_ip_ranges: ["*"] } } });
  });

  test("adaptive protection is on, and the policy is attached to the backend", () => {
    const config = synthGoogle({ cloudArmor: {} });
    expect(config.resource.google_compute_security_policy.this.adaptive_protection_config).toEqual({
      layer_7_ddos_defense_config: { enable: true },
    });
    expect(config.resource.google_compute_backend_service.this.security_policy).toBe(
      "${google_compute_security_policy.this.id}",
    );
  });

  test("every rule's description fits the API's limit read from the provider binding (longer ones answer 400 at apply), in both flavours", () => {
    // GIVEN the limit the binding documents for a security policy rule's description
    const binding = fs.readFileSync(
      require.resolve("@cdktf/provider-google/lib/compute-security-policy/index.d.ts"),
      "utf8",
    );
    const limit = Number(/An optional description of this rule\. Max size is (\d+)\./.exec(binding)?.[1]);
    expect(limit).toBe(64);
    // WHEN policies are built by the construct (with and without an allow-list) and by the published module
    const rules = [
      ...armor({ cloudArmor: {} }).rule,
      ...armor({ cloudArmor: { allowedIpRanges: ["203.0.113.0/24"] } }).rule,
      ...renderGoogleModule().modules["modules/edge"].resource.google_compute_security_policy.this.rule,
    ] as Array<{ description: string }>;
    // THEN every description is within it
    expect(rules.length).toBe(6);
    for (const rule of rules)
      expect({ description: rule.description, length: rule.description.length <= limit }).toEqual({
        description: rule.description,
        length: true,
      });
  });

  test("an existing policy is attached instead of creating one", () => {
    const policy = "projects/lab-project-123/global/securityPolicies/campus-edge";
    const config = synthGoogle({ securityPolicy: policy });
    expect(config.resource.google_compute_backend_service.this.security_policy).toBe(policy);
    expect(config.resource.google_compute_security_policy).toBeUndefined();
  });
});

describe("DNS", () => {
  test("no record without dnsZone", () => {
    expect(JSON.stringify(synthGoogle())).not.toHaveResource(DnsRecordSet);
  });

  test("an A record for the domain at the load balancer's address with dnsZone", () => {
    expect(JSON.stringify(synthGoogle({ dnsZone: "lab-example-org" }))).toHaveResourceWithProperties(DnsRecordSet, {
      managed_zone: "lab-example-org",
      name: "mathesar.example.org.",
      type: "A",
      rrdatas: ["${google_compute_global_address.this.address}"],
    });
  });
});
