/**
 * Building block: the front door. An Application Load Balancer (internet-facing or internal) that
 * terminates TLS with an ACM certificate, redirects HTTP to HTTPS, drops invalid headers, mitigates desync
 * attacks, writes access logs to an encrypted bucket with a lifecycle, is deletion-protected, and forwards
 * only requests for Mathesar's own host name — so Django's `ALLOWED_HOSTS` stays meaningful while the
 * target group's health check (a static path, answered before the Host check) stays green. Optional:
 * OIDC sign-in at the load balancer, a WAF web ACL, DNS records in a Route 53 zone.
 */
import { Construct } from "constructs";
import { Fn, IResolvable, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { SecurityGroup, SecurityGroupEgress } from "@cdktf/provider-aws/lib/security-group";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { LIVENESS_PATH, MATHESAR_PORT } from "../mathesar";
import { and, countIf, instanceAttribute, isSet, not, optionalAttribute, splat, stableAddress } from "../terraform";
import { isPresent } from "../terraform/wiring";
import { AWS_ALB_IDLE_TIMEOUT_SECONDS, AWS_TLS_POLICY, ELB_LOG_DELIVERY_ACCOUNTS } from "./catalog";
import { currentRegion } from "./region";

/** OIDC sign-in performed by the load balancer before any request reaches Mathesar. */
export interface AlbOidcProps {
  /** Issuer URL of the identity provider. */
  readonly issuer: string;
  /** Its authorization endpoint URL. */
  readonly authorizationEndpoint: string;
  /** Its token endpoint URL. */
  readonly tokenEndpoint: string;
  /** Its user-info endpoint URL. */
  readonly userInfoEndpoint: string;
  /** OAuth client id. */
  readonly clientId: string;
  /** OAuth client secret (a secret reference; the load balancer keeps it in Terraform state, marked sensitive). */
  readonly clientSecret: string;
}

/** Props of {@link MathesarAwsEdge}. */
export interface MathesarAwsEdgeProps {
  /** Name prefix. */
  readonly name: string;
  /** VPC of the load balancer and the target group. */
  readonly vpcId: string;
  /** Subnets of the load balancer: public ones when internet-facing, private ones when internal. */
  readonly subnetIds: string[];
  /** An internal load balancer reachable only inside the VPC (and what is connected to it). */
  readonly internal: boolean | IResolvable;
  /** Networks allowed to reach the load balancer on ports 80 and 443. */
  readonly allowedCidrs: string[];
  /** CIDR of the VPC (the load balancer may reach Mathesar's port there). */
  readonly vpcCidr: string;
  /** Host name Mathesar is served at. */
  readonly domainName: string;
  /**
   * Route 53 hosted zone of `domainName`: DNS validation of the certificate and an alias record are created.
   * @default - validation records are an output; create them yourself
   */
  readonly route53ZoneId?: string;
  /**
   * An existing ACM certificate for `domainName`.
   * @default - a DNS-validated certificate is requested
   */
  readonly certificateArn?: string;
  /** Days to keep access logs. */
  readonly accessLogRetentionDays: number;
  /** Refuse deletion of the load balancer. */
  readonly deletionProtection: boolean | IResolvable;
  /**
   * Let `terraform destroy` delete the access-log bucket with its logs (off: destroy stops at a non-empty bucket).
   * @default false
   */
  readonly accessLogsForceDestroy?: boolean | IResolvable;
  /**
   * A WAF web ACL to associate.
   * @default - none
   */
  readonly wafWebAclArn?: string;
  /**
   * OIDC sign-in at the load balancer: the fields, or a Terraform object value with the provider's
   * snake_case attributes (`var.oidc`, null when off).
   * @default - none: Mathesar's own login only
   */
  readonly oidc?: AlbOidcProps;
}

/** The attributes of a Terraform OIDC object, by prop. */
const OIDC_ATTRIBUTES: Record<keyof AlbOidcProps, string> = {
  issuer: "issuer",
  authorizationEndpoint: "authorization_endpoint",
  tokenEndpoint: "token_endpoint",
  userInfoEndpoint: "user_info_endpoint",
  clientId: "client_id",
  clientSecret: "client_secret",
};

/** An OIDC field: the prop, or the attribute of a Terraform object (null while the object is). */
function oidcField(oidc: AlbOidcProps, field: keyof AlbOidcProps): string {
  if (!Token.isUnresolved(oidc)) return oidc[field];
  const attribute = Fn.lookupNested(oidc, [OIDC_ATTRIBUTES[field]]);
  return Token.asString(Fn.conditional(isPresent(oidc), attribute, Token.nullValue()));
}

/** The load balancer, certificate and DNS in front of Mathesar. */
export class MathesarAwsEdge extends Construct {
  /** The load balancer (escape hatch). */
  public readonly loadBalancer: Lb;
  /** The target group Mathesar's tasks register in. */
  public readonly targetGroup: LbTargetGroup;
  /** The load balancer's security group. */
  public readonly securityGroup: SecurityGroup;
  /** The HTTPS listener. */
  public readonly httpsListener: LbListener;
  /** The listener rules that forward Mathesar's host (one of them exists); the service waits for them. */
  public readonly forwardRules: LbListenerRule[] = [];
  /** The access-log bucket. */
  public readonly accessLogBucket: S3Bucket;
  /** The requested certificate (none when `certificateArn` is given). */
  public readonly certificate: AcmCertificate;

  constructor(scope: Construct, id: string, props: MathesarAwsEdgeProps) {
    super(scope, id);
    const requestCertificate = not(isSet(props.certificateArn));
    const hasZone = isSet(props.route53ZoneId);
    const oidcEnabled = isPresent(props.oidc);

    this.securityGroup = stableAddress(
      new SecurityGroup(this, "SecurityGroup", {
        namePrefix: `${props.name}-alb-`,
        description: "Mathesar load balancer: HTTPS and HTTP (redirected) in, the Mathesar port in the VPC out",
        vpcId: props.vpcId,
        ingress: [
          { description: "HTTPS", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: props.allowedCidrs },
          {
            description: "HTTP, redirected to HTTPS",
            protocol: "tcp",
            fromPort: 80,
            toPort: 80,
            cidrBlocks: props.allowedCidrs,
          },
        ],
        // Inline rules only (mixing them with separate rule resources makes each apply undo the other).
        egress: albEgress(props, oidcEnabled),
        tags: { Name: `${props.name}-alb` },
        lifecycle: { createBeforeDestroy: true },
      }),
      "alb",
    );

    const accessLogs = this.accessLogs(props);
    this.accessLogBucket = accessLogs.bucket;
    this.loadBalancer = stableAddress(
      new Lb(this, "LoadBalancer", {
        name: `${props.name}-alb`,
        internal: props.internal,
        loadBalancerType: "application",
        securityGroups: [this.securityGroup.id],
        subnets: props.subnetIds,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        idleTimeout: AWS_ALB_IDLE_TIMEOUT_SECONDS,
        enableDeletionProtection: props.deletionProtection,
        accessLogs: { bucket: this.accessLogBucket.id, enabled: true, prefix: "alb" },
        tags: { Name: `${props.name}-alb` },
        // The load balancer checks at creation that it may write to the bucket.
        dependsOn: [accessLogs.policy],
      }),
      "this",
    );

    this.targetGroup = stableAddress(
      new LbTargetGroup(this, "TargetGroup", {
        namePrefix: "mthsr-",
        port: MATHESAR_PORT,
        protocol: "HTTP",
        targetType: "ip",
        vpcId: props.vpcId,
        deregistrationDelay: "30",
        healthCheck: {
          path: LIVENESS_PATH,
          matcher: "200",
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 4,
        },
        // Uploads (CSV imports) live on one task's disk between two requests: keep a browser on its task.
        stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 86400 },
        lifecycle: { createBeforeDestroy: true },
      }),
      "this",
    );

    this.certificate = stableAddress(
      new AcmCertificate(this, "Certificate", {
        count: countIf(requestCertificate),
        domainName: props.domainName,
        validationMethod: "DNS",
        lifecycle: { createBeforeDestroy: true },
        tags: { Name: props.domainName },
      }),
      "this",
    );
    const validationOption = (field: string) =>
      `\${tolist(${this.certificate.terraformResourceType}.${this.certificate.friendlyUniqueId}[0].domain_validation_options)[0].${field}}`;
    // Resources that need an optional id exist only when it can be set (Terraform validates required
    // arguments even on count = 0); their count then follows the value.
    const validationRecord =
      props.route53ZoneId === undefined
        ? undefined
        : stableAddress(
            new Route53Record(this, "CertificateValidationRecord", {
              count: countIf(and(requestCertificate, hasZone)),
              zoneId: props.route53ZoneId,
              name: validationOption("resource_record_name"),
              type: validationOption("resource_record_type"),
              records: [validationOption("resource_record_value")],
              ttl: 300,
              allowOverwrite: true,
            }),
            "certificate_validation",
          );
    const validation = stableAddress(
      new AcmCertificateValidation(this, "CertificateValidation", {
        count: countIf(requestCertificate),
        certificateArn: instanceAttribute(this.certificate, 0, "arn"),
        // Without a zone, this waits until you create the records shown in the certificate_validation output.
        validationRecordFqdns: validationRecord && splat(validationRecord, "fqdn"),
      }),
      "this",
    );
    const certificateArn =
      props.certificateArn === undefined
        ? optionalAttribute(validation, "certificate_arn")
        : Token.asString(Fn.coalesce([props.certificateArn, optionalAttribute(validation, "certificate_arn")]));

    stableAddress(
      new LbListener(this, "HttpListener", {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
      }),
      "http",
    );
    this.httpsListener = stableAddress(
      new LbListener(this, "HttpsListener", {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: AWS_TLS_POLICY,
        certificateArn,
        // Requests for any other host never reach Django.
        defaultAction: [
          {
            type: "fixed-response",
            fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" },
          },
        ],
      }),
      "https",
    );
    const hostCondition = [{ hostHeader: { values: [props.domainName] } }];
    const forward = { type: "forward", targetGroupArn: this.targetGroup.arn };
    const plainRule = stableAddress(
      new LbListenerRule(this, "ForwardRule", {
        count: countIf(not(oidcEnabled)),
        listenerArn: this.httpsListener.arn,
        priority: 10,
        condition: hostCondition,
        action: [forward],
      }),
      "forward",
    );
    this.forwardRules.push(plainRule);
    const oidc = props.oidc;
    if (oidc === undefined) {
      this.finish(props, hasZone);
      return;
    }
    const signInRule = stableAddress(
      new LbListenerRule(this, "SignInRule", {
        count: countIf(oidcEnabled),
        listenerArn: this.httpsListener.arn,
        priority: 10,
        condition: hostCondition,
        action: [
          {
            type: "authenticate-oidc",
            order: 1,
            authenticateOidc: {
              issuer: oidcField(oidc, "issuer"),
              authorizationEndpoint: oidcField(oidc, "authorizationEndpoint"),
              tokenEndpoint: oidcField(oidc, "tokenEndpoint"),
              userInfoEndpoint: oidcField(oidc, "userInfoEndpoint"),
              clientId: oidcField(oidc, "clientId"),
              clientSecret: oidcField(oidc, "clientSecret"),
              onUnauthenticatedRequest: "authenticate",
            },
          },
          { ...forward, order: 2 },
        ],
      }),
      "sign_in",
    );
    this.forwardRules.push(signInRule);
    this.finish(props, hasZone);
  }

  /** DNS alias and WAF association. */
  private finish(props: MathesarAwsEdgeProps, hasZone: boolean | string): void {
    if (props.route53ZoneId !== undefined) {
      stableAddress(
        new Route53Record(this, "AliasRecord", {
          count: countIf(hasZone),
          zoneId: props.route53ZoneId,
          name: props.domainName,
          type: "A",
          alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
        }),
        "alias",
      );
    }
    if (props.wafWebAclArn !== undefined) {
      stableAddress(
        new Wafv2WebAclAssociation(this, "WafAssociation", {
          count: countIf(isSet(props.wafWebAclArn)),
          resourceArn: this.loadBalancer.arn,
          webAclArn: props.wafWebAclArn,
        }),
        "this",
      );
    }
  }

  /** An encrypted, private bucket for access logs, expiring them after the retention period. */
  private accessLogs(props: MathesarAwsEdgeProps): { bucket: S3Bucket; policy: S3BucketPolicy } {
    const bucket = stableAddress(
      new S3Bucket(this, "AccessLogBucket", {
        bucketPrefix: `${props.name}-alb-logs-`,
        forceDestroy: props.accessLogsForceDestroy ?? false,
      }),
      "access_logs",
    );
    stableAddress(
      new S3BucketOwnershipControls(this, "AccessLogOwnership", {
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
      }),
      "access_logs",
    );
    stableAddress(
      new S3BucketPublicAccessBlock(this, "AccessLogPublicAccessBlock", {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      "access_logs",
    );
    // Load balancers can only write access logs to buckets encrypted with S3-managed keys.
    stableAddress(
      new S3BucketServerSideEncryptionConfigurationA(this, "AccessLogEncryption", {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      }),
      "access_logs",
    );
    stableAddress(
      new S3BucketLifecycleConfiguration(this, "AccessLogLifecycle", {
        bucket: bucket.id,
        rule: [
          {
            id: "expire-access-logs",
            status: "Enabled",
            filter: [{ prefix: "" }],
            expiration: [{ days: props.accessLogRetentionDays }],
            abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          },
        ],
      }),
      "access_logs",
    );
    const region = currentRegion(this);
    const partition = stableAddress(new DataAwsPartition(this, "Partition"), "current");
    // A plain object renders as an HCL object literal inside a function call (Token.asAny would not).
    const accounts = { ...ELB_LOG_DELIVERY_ACCOUNTS } as unknown as string;
    const writeLogs = (principal: Record<string, unknown>) => ({
      Effect: "Allow",
      Principal: principal,
      Action: "s3:PutObject",
      Resource: Fn.format("%s/alb/*", [bucket.arn]),
    });
    // Regions older than the log-delivery service principal also need their ELB account named.
    const accountStatement = Fn.conditional(
      Fn.contains(Fn.keys(accounts), region.name),
      [
        writeLogs({
          AWS: Fn.format("arn:%s:iam::%s:root", [partition.partition, Fn.lookup(accounts, region.name, "")]),
        }),
      ],
      [],
    );
    const policy = stableAddress(
      new S3BucketPolicy(this, "AccessLogPolicy", {
        bucket: bucket.id,
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: Fn.concat([
            [
              writeLogs({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" }),
              {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucket.arn, Fn.format("%s/*", [bucket.arn])],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
            accountStatement,
          ]),
        }),
      }),
      "access_logs",
    );
    return { bucket, policy };
  }
}

/** The load balancer's egress: Mathesar's port in the VPC, and HTTPS to the identity provider with OIDC sign-in. */
function albEgress(props: MathesarAwsEdgeProps, oidcEnabled: boolean | string): SecurityGroupEgress[] {
  // Every field present: in expression form, Terraform wants whole objects.
  const rule = (description: string, port: number, cidrs: string[]): SecurityGroupEgress => ({
    description,
    protocol: "tcp",
    fromPort: port,
    toPort: port,
    cidrBlocks: cidrs,
    ipv6CidrBlocks: [],
    prefixListIds: [],
    securityGroups: [],
    selfAttribute: false,
  });
  const tasks = rule("Mathesar tasks", MATHESAR_PORT, [props.vpcCidr]);
  if (oidcEnabled === false) return [tasks];
  // OIDC sign-in: the load balancer itself calls the identity provider's token and user-info endpoints.
  const identityProvider = rule("HTTPS to the OIDC identity provider", 443, ["0.0.0.0/0"]);
  if (oidcEnabled === true) return [tasks, identityProvider];
  // Inside a Terraform expression cdktf does not rename keys: write the provider's own (snake_case) names.
  const raw = (r: SecurityGroupEgress) => ({
    description: r.description,
    protocol: r.protocol,
    from_port: r.fromPort,
    to_port: r.toPort,
    cidr_blocks: r.cidrBlocks,
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    security_groups: [],
    self: false,
  });
  return Token.asAny(
    Fn.concat([[raw(tasks)], Fn.conditional(oidcEnabled, [raw(identityProvider)], [])]),
  ) as unknown as SecurityGroupEgress[];
}
