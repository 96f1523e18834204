/**
 * Building block: the edge. A global external Application Load Balancer with a static IP, a Google-managed
 * certificate for the domain, Google's MODERN SSL policy with TLS 1.2 as the floor, HTTP answered only with a
 * 301 to HTTPS, request logging, and in front of Mathesar either Cloud Run (a serverless NEG) or the VM (an
 * instance group with a health check on the path Mathesar serves before it checks the Host). The proxy keeps
 * the Host header and sets `X-Forwarded-Proto: https`, which Django needs for its CSRF check. Optional:
 * Identity-Aware Proxy (Google sign-in for listed members), a Cloud Armor policy, a Cloud DNS record.
 */
import * as crypto from "crypto";
import { Construct } from "constructs";
import { Fn, Op, Token } from "cdktf";
import { ComputeBackendService } from "@cdktf/provider-google/lib/compute-backend-service";
import { ComputeGlobalAddress } from "@cdktf/provider-google/lib/compute-global-address";
import { ComputeGlobalForwardingRule } from "@cdktf/provider-google/lib/compute-global-forwarding-rule";
import { ComputeHealthCheck } from "@cdktf/provider-google/lib/compute-health-check";
import { ComputeManagedSslCertificate } from "@cdktf/provider-google/lib/compute-managed-ssl-certificate";
import { ComputeRegionNetworkEndpointGroup } from "@cdktf/provider-google/lib/compute-region-network-endpoint-group";
import { ComputeSecurityPolicy } from "@cdktf/provider-google/lib/compute-security-policy";
import { ComputeSslPolicy } from "@cdktf/provider-google/lib/compute-ssl-policy";
import { ComputeTargetHttpProxy } from "@cdktf/provider-google/lib/compute-target-http-proxy";
import { ComputeTargetHttpsProxy } from "@cdktf/provider-google/lib/compute-target-https-proxy";
import { ComputeUrlMap } from "@cdktf/provider-google/lib/compute-url-map";
import { DnsRecordSet } from "@cdktf/provider-google/lib/dns-record-set";
import { IapWebBackendServiceIamBinding } from "@cdktf/provider-google/lib/iap-web-backend-service-iam-binding";
import { LIVENESS_PATH, MATHESAR_PORT, isToken } from "../mathesar";
import { countIf, ifElse, isSet, not, optionalAttribute, stableAddress } from "../terraform";
import { type Condition, asBoolean, truthy } from "../terraform/wiring";
import { GOOGLE_SSL_POLICY, VM_NAMED_PORT } from "./catalog";
import { nonEmpty } from "./conditions";

/** Requests per minute per client IP before Cloud Armor bans it for five minutes. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

/** Props of {@link MathesarGoogleEdge}. */
export interface MathesarGoogleEdgeProps {
  /** Name prefix. */
  readonly name: string;
  /** Project. */
  readonly project: string;
  /** Region of the Cloud Run service. */
  readonly region: string;
  /** Host name of the certificate. */
  readonly domainName: string;
  /** What serves Mathesar: Cloud Run or the VM's instance group. */
  readonly backend: {
    /** Cloud Run service name (used when `useInstanceGroup` is false). */
    readonly cloudRunService?: string;
    /** The VM's instance group (used when `useInstanceGroup` is true). */
    readonly instanceGroup?: string;
    /** Whether the instance group serves. */
    readonly useInstanceGroup: boolean;
  };
  /** Identity-Aware Proxy. @default - off */
  readonly iap?: {
    /**
     * Whether IAP is on.
     * @default - when `members` lists anyone
     */
    readonly enabled?: boolean;
    /** Members granted `roles/iap.httpsResourceAccessor` on the backend service. */
    readonly members: string[];
    /** OAuth client for accounts outside the organization. @default - Google-managed client */
    readonly oauthClientId?: string;
    /** Its secret (a sensitive reference; kept in state by the provider). @default - none */
    readonly oauthClientSecret?: string;
  };
  /** A Cloud Armor policy created here. @default - none */
  readonly cloudArmor?: {
    /**
     * Whether the policy is created.
     * @default true
     */
    readonly enabled?: boolean;
    /** Allowed sources (1 to 10). @default - every address (also when null in a module) */
    readonly allowedIpRanges?: string[];
    /** Requests per minute per client IP before a five-minute ban. */
    readonly rateLimitPerMinute: number;
  };
  /** An existing Cloud Armor policy (ignored when one is created). @default - none */
  readonly securityPolicy?: string;
  /** Cloud DNS managed zone for an A record. @default - none */
  readonly dnsZone?: string;
  /** Labels. @default {} */
  readonly labels?: Record<string, string>;
}

/** The HTTPS load balancer in front of Mathesar. */
export class MathesarGoogleEdge extends Construct {
  /** The load balancer's IPv4 address: point the domain at it. */
  public readonly ipAddress: string;
  /** The backend service (escape hatch; IAP and Cloud Armor attach here). */
  public readonly backendService: ComputeBackendService;
  /** The managed certificate (provisioning starts once DNS points at the address). */
  public readonly certificate: ComputeManagedSslCertificate;
  /** The SSL policy. */
  public readonly sslPolicy: ComputeSslPolicy;
  /** The HTTPS proxy. */
  public readonly httpsProxy: ComputeTargetHttpsProxy;
  /** The URL map that answers HTTP with a redirect. */
  public readonly httpRedirect: ComputeUrlMap;
  /** The Cloud Armor policy, when one is created. */
  public readonly securityPolicy?: ComputeSecurityPolicy;

  constructor(scope: Construct, id: string, props: MathesarGoogleEdgeProps) {
    super(scope, id);
    const { project, name } = props;
    const address = stableAddress(
      new ComputeGlobalAddress(this, "Address", {
        project,
        name,
        addressType: "EXTERNAL",
        ipVersion: "IPV4",
        labels: props.labels,
      }),
      "this",
    );
    this.ipAddress = address.address;

    // A managed certificate cannot change its domains: a new domain gets a new certificate (named after it)
    // before the old one is removed, so the proxy is never without one.
    const suffix = isToken(props.domainName)
      ? Token.asString(Fn.substr(Fn.sha1(props.domainName), 0, 8))
      : crypto.createHash("sha1").update(props.domainName).digest("hex").slice(0, 8);
    this.certificate = stableAddress(
      new ComputeManagedSslCertificate(this, "Certificate", {
        project,
        name: `${name}-${suffix}`,
        managed: { domains: [props.domainName] },
        lifecycle: { createBeforeDestroy: true },
      }),
      "this",
    );
    this.sslPolicy = stableAddress(
      new ComputeSslPolicy(this, "SslPolicy", {
        project,
        name,
        profile: GOOGLE_SSL_POLICY.profile,
        minTlsVersion: GOOGLE_SSL_POLICY.minTlsVersion,
      }),
      "this",
    );

    const vm = truthy(props.backend.useInstanceGroup);
    const when = (condition: boolean | string) => (condition === true ? undefined : countIf(condition));
    const neg =
      vm === true
        ? undefined
        : stableAddress(
            new ComputeRegionNetworkEndpointGroup(this, "CloudRun", {
              project,
              name: `${name}-cloud-run`,
              region: props.region,
              networkEndpointType: "SERVERLESS",
              cloudRun: { service: props.backend.cloudRunService ?? "" },
              count: vm === false ? undefined : countIf(not(vm)),
            }),
            "cloud_run",
          );
    const healthCheck =
      vm === false
        ? undefined
        : stableAddress(
            new ComputeHealthCheck(this, "HealthCheck", {
              project,
              name: `${name}-vm`,
              // The favicon is served before Django checks the Host header, so the checker's Host does not matter.
              httpHealthCheck: { port: MATHESAR_PORT, requestPath: LIVENESS_PATH },
              checkIntervalSec: 10,
              timeoutSec: 5,
              healthyThreshold: 2,
              unhealthyThreshold: 3,
              count: when(vm),
            }),
            "vm",
          );
    // Counted resources are referenced with one(...[*].id): null when absent.
    const negId = neg === undefined ? "" : vm === false ? neg.id : optionalAttribute(neg, "id");
    const healthCheckId =
      healthCheck === undefined ? "" : vm === true ? healthCheck.id : optionalAttribute(healthCheck, "id");

    const armor = props.cloudArmor;
    const armorOn = armor ? truthy(armor.enabled, true) : false;
    if (armor && armorOn !== false) this.securityPolicy = this.cloudArmorPolicy(props, armor, armorOn);
    const policyId = this.securityPolicy
      ? armorOn === true
        ? this.securityPolicy.id
        : ifElse(
            armorOn,
            optionalAttribute(this.securityPolicy, "id"),
            props.securityPolicy ?? Token.asString(Token.nullValue()),
          )
      : props.securityPolicy;

    const iap = props.iap;
    const iapOn = iap ? (iap.enabled === undefined ? nonEmpty(iap.members) : truthy(iap.enabled)) : false;
    this.backendService = stableAddress(
      new ComputeBackendService(this, "Backend", {
        project,
        name,
        loadBalancingScheme: "EXTERNAL_MANAGED",
        protocol: "HTTP",
        portName: ifElse(vm, VM_NAMED_PORT, Token.asString(Token.nullValue())),
        timeoutSec: ifElse(vm, 300, Token.asNumber(Token.nullValue())),
        backend: [{ group: ifElse(vm, props.backend.instanceGroup ?? "", negId) }],
        // A serverless NEG takes no health check, and the provider refuses an empty list (at least one item):
        // null, never [].
        healthChecks:
          vm === false
            ? undefined
            : vm === true
              ? [healthCheckId]
              : Token.asList(Fn.conditional(vm, [healthCheckId], Token.nullValue())),
        logConfig: { enable: true, sampleRate: 1 },
        securityPolicy: policyId,
        iap: iap
          ? {
              enabled: asBoolean(iapOn),
              oauth2ClientId: iap.oauthClientId,
              oauth2ClientSecret: iap.oauthClientSecret,
            }
          : { enabled: false },
      }),
      "this",
    );
    if (iap && iapOn !== false) {
      stableAddress(
        new IapWebBackendServiceIamBinding(this, "IapAccess", {
          project,
          webBackendService: this.backendService.name,
          role: "roles/iap.httpsResourceAccessor",
          members: iap.members,
          count: when(iapOn),
        }),
        "mathesar",
      );
    }

    const urlMap = stableAddress(
      new ComputeUrlMap(this, "UrlMap", { project, name, defaultService: this.backendService.id }),
      "this",
    );
    this.httpsProxy = stableAddress(
      new ComputeTargetHttpsProxy(this, "HttpsProxy", {
        project,
        name,
        urlMap: urlMap.id,
        sslCertificates: [this.certificate.id],
        sslPolicy: this.sslPolicy.id,
      }),
      "this",
    );
    stableAddress(
      new ComputeGlobalForwardingRule(this, "Https", {
        project,
        name: `${name}-https`,
        loadBalancingScheme: "EXTERNAL_MANAGED",
        ipProtocol: "TCP",
        portRange: "443",
        ipAddress: address.id,
        target: this.httpsProxy.id,
        labels: props.labels,
      }),
      "https",
    );
    this.httpRedirect = stableAddress(
      new ComputeUrlMap(this, "HttpRedirect", {
        project,
        name: `${name}-http-redirect`,
        defaultUrlRedirect: {
          httpsRedirect: true,
          stripQuery: false,
          redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT",
        },
      }),
      "http_redirect",
    );
    const httpProxy = stableAddress(
      new ComputeTargetHttpProxy(this, "HttpProxy", { project, name: `${name}-http`, urlMap: this.httpRedirect.id }),
      "http_redirect",
    );
    stableAddress(
      new ComputeGlobalForwardingRule(this, "Http", {
        project,
        name: `${name}-http`,
        loadBalancingScheme: "EXTERNAL_MANAGED",
        ipProtocol: "TCP",
        portRange: "80",
        ipAddress: address.id,
        target: httpProxy.id,
        labels: props.labels,
      }),
      "http_redirect",
    );

    if (props.dnsZone !== undefined)
      googleDnsRecord(this, {
        project,
        dnsZone: props.dnsZone,
        domainName: props.domainName,
        ipAddress: address.address,
      });
  }

  /**
   * A Cloud Armor policy: a per-IP rate limit that bans abusive clients for five minutes, an optional
   * allow-list of source ranges (everyone else gets 403), and Adaptive Protection against layer-7 floods
   * (without Cloud Armor Enterprise it only alerts and suggests rules; it blocks nothing by itself).
   * No preconfigured WAF rules: Mathesar's requests carry SQL-like filters and formulas that the SQLi
   * signatures would block.
   */
  private cloudArmorPolicy(
    props: MathesarGoogleEdgeProps,
    armor: NonNullable<MathesarGoogleEdgeProps["cloudArmor"]>,
    armorOn: Condition,
  ): ComputeSecurityPolicy {
    const ranges = armor.allowedIpRanges;
    // In a module the list is a variable that may be null (everyone admitted).
    const variable = ranges !== undefined && Token.isUnresolved(ranges);
    const restricted: boolean | string =
      ranges === undefined ? false : variable ? Token.asString(Op.neq(ranges, Token.nullValue())) : true;
    const sources =
      ranges === undefined ? ["*"] : variable ? Token.asList(Fn.conditional(restricted, ranges, ["*"])) : ranges;
    return stableAddress(
      new ComputeSecurityPolicy(this, "CloudArmor", {
        project: props.project,
        name: props.name,
        type: "CLOUD_ARMOR",
        description: "Mathesar: per-IP rate limit, optional source allow-list, adaptive protection",
        adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true } },
        count: armorOn === true ? undefined : countIf(armorOn),
        rule: [
          {
            priority: 1000,
            // The API allows at most 64 characters here (the policy's own description may be longer).
            description: "Allowed sources, rate-limited per IP; 5-minute ban on excess",
            action: "rate_based_ban",
            match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: sources } },
            rateLimitOptions: {
              conformAction: "allow",
              exceedAction: "deny(429)",
              enforceOnKey: "IP",
              rateLimitThreshold: { count: armor.rateLimitPerMinute, intervalSec: 60 },
              banDurationSec: 300,
            },
          },
          {
            priority: 2147483647,
            description: "Everything else",
            action: ifElse(restricted, "deny(403)", "allow"),
            match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
          },
        ],
      }),
      "this",
    );
  }
}

/**
 * The A record of `domainName` in a Cloud DNS managed zone, pointing at the address users reach (the load
 * balancer's, or the VM's when Caddy does TLS). A zone that is a Terraform variable may be null: no record.
 */
export function googleDnsRecord(
  scope: Construct,
  props: { project: string; dnsZone: string; domainName: string; ipAddress: string },
): DnsRecordSet {
  return stableAddress(
    new DnsRecordSet(scope, "Record", {
      project: props.project,
      managedZone: props.dnsZone,
      name: `${props.domainName}.`,
      type: "A",
      ttl: 300,
      rrdatas: [props.ipAddress],
      count: isToken(props.dnsZone) ? countIf(isSet(props.dnsZone)) : undefined,
    }),
    "this",
  );
}
