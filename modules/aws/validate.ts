/**
 * What only TypeScript checks in `MathesarOnAws` props: the shape of the props (a domain that AWS requires,
 * one database choice, no SECRET_KEY input), list props entry by entry, the OIDC fields and the existing
 * network's and database's fields, and the region of ARNs and zones. Single settings are checked from the
 * settings table (settings.ts), rules over several from cross-field-rules.ts; every error names prop, value
 * and rule.
 */
import {
  InputRule,
  checkEachProp,
  checkProp,
  failInput,
  isToken,
  oneOfRule,
  validateExistingDatabase,
  CA_CERTIFICATE_RULE,
  checkSsoVersion,
  DEFAULT_MATHESAR_VERSION,
} from "../mathesar";
import type { MathesarOnAwsProps } from "./props";
import {
  HTTPS_URL_RULE,
  NON_EMPTY_RULE,
  arnRegion,
  ecrRegion,
  zoneRegion,
  CIDR_RULE,
  LOG_RETENTION_DAYS,
  SECRET_ARN_RULE,
  awsIdRule,
} from "./inputs";

/** CloudWatch's allowed retention values (as strings). */
export const LOG_RETENTION_RULE = oneOfRule(LOG_RETENTION_DAYS.map(String), "one of CloudWatch's retention values:");
const VPC_ID_RULE = awsIdRule("vpc", "vpc-0123456789abcdef0");
const SUBNET_ID_RULE = awsIdRule("subnet", "subnet-0123456789abcdef0");
const SECURITY_GROUP_ID_RULE = awsIdRule("sg", "sg-0123456789abcdef0");

const fail = failInput;
const checkEach = checkEachProp;

function checkList(
  prop: string,
  values: readonly string[] | undefined,
  rule: InputRule<string>,
  minimum: number,
  why: string,
): void {
  if (values === undefined || values.some(isToken)) return;
  if (values.length < minimum) fail(`Invalid ${prop} ${JSON.stringify(values)}: must list at least ${minimum} ${why}.`);
  checkEach(prop, values, rule);
  if (new Set(values).size !== values.length)
    fail(
      `Invalid ${prop} ${JSON.stringify(values)}: must be distinct — a repeated entry is a mistake AWS reports only at apply.`,
    );
}

/** A prop whose value names a region (an ARN, a zone), for {@link regionBoundProps}. */
export interface RegionBoundProp {
  /** The prop, as errors name it. */
  readonly prop: string;
  /** Its value. */
  readonly value: string;
  /** The region the value lives in. */
  readonly region: string;
}

/** Literal props that must be in the deployment's region: ARNs of regional resources, zones. */
export function regionBoundProps(props: MathesarOnAwsProps): RegionBoundProp[] {
  const arns: Array<[string, string | undefined]> = [
    ["certificateArn", props.certificateArn],
    ["wafWebAclArn", props.wafWebAclArn],
    ["kmsKeyArn", props.kmsKeyArn],
    ["sso.configSecretArn", props.sso?.configSecretArn],
    ["database.existing.passwordSecretArn", props.database?.existing?.passwordSecretArn],
  ];
  const zones = props.network?.availabilityZones;
  // Without NAT, tasks reach only this region's ECR endpoints (an ECR mirror elsewhere is fine over NAT).
  const mirror =
    props.network?.egress === "vpc_endpoints" && props.imageRepository !== undefined && !isToken(props.imageRepository)
      ? ecrRegion(props.imageRepository)
      : undefined;
  return [
    ...(mirror === undefined ? [] : [{ prop: "imageRepository", value: props.imageRepository!, region: mirror }]),
    ...arns
      .filter((entry): entry is [string, string] => entry[1] !== undefined && !isToken(entry[1]))
      .map(([prop, value]) => ({ prop, value, region: arnRegion(value) })),
    ...(zones === undefined || isToken(zones as unknown)
      ? []
      : zones
          .filter((zone) => !isToken(zone))
          .map((zone, i) => ({ prop: `network.availabilityZones[${i}]`, value: zone, region: zoneRegion(zone) }))),
  ];
}

/**
 * The error for a value from another region, the same words in TypeScript and in Terraform: `shownValue` is
 * the value as shown (quoted, or a Terraform `${jsonencode(…)}`), the regions plain or interpolations.
 */
export function wrongRegionMessage(prop: string, shownValue: string, region: string, deploymentRegion: string): string {
  return (
    `Invalid ${prop} ${shownValue}: in region ${region}, but the deployment is in ${deploymentRegion} — ` +
    `the load balancer, RDS, ECS and their secrets, keys and certificates must share one region.`
  );
}

/** Throws when a region-bound prop is in another region than `region` (the provider's, when known at synth). */
export function checkRegions(props: MathesarOnAwsProps, region: string): void {
  for (const entry of regionBoundProps(props)) {
    if (entry.region !== region)
      fail(wrongRegionMessage(entry.prop, JSON.stringify(entry.value), entry.region, region));
  }
}

/** Throws a {@link MathesarInputError} for the first bad prop TypeScript alone checks. */
export function validateAwsProps(props: MathesarOnAwsProps): void {
  if (props.domainName === undefined) {
    fail(
      props.route53ZoneId !== undefined
        ? `Invalid route53ZoneId "${props.route53ZoneId}" without domainName: the zone is only used for domainName's certificate and record.`
        : "Invalid domainName undefined: must be set on AWS — the load balancer's certificate is issued for it.",
    );
  }
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0.
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, {
    sso: props.sso,
    requireSsoLogin: props.sso?.requireSsoLogin,
  });
  validateOidc(props);
  if (props.secretKey !== undefined)
    fail(
      "Invalid secretKey: on AWS bring an existing SECRET_KEY by putting it in Secrets Manager (see docs/aws.md); it is not an input.",
    );
  validateNetwork(props);
  validateDatabase(props);
}

function validateOidc(props: MathesarOnAwsProps): void {
  const oidc = props.loadBalancerOidc;
  if (oidc === undefined) return;
  for (const field of ["issuer", "authorizationEndpoint", "tokenEndpoint", "userInfoEndpoint"] as const)
    checkProp(`loadBalancerOidc.${field}`, oidc[field], HTTPS_URL_RULE);
  checkProp("loadBalancerOidc.clientId", oidc.clientId, NON_EMPTY_RULE);
  // The secret's value is never shown in the error.
  if (!isToken(oidc.clientSecret) && !NON_EMPTY_RULE.test(oidc.clientSecret))
    fail("Invalid loadBalancerOidc.clientSecret: must be set (not empty).");
}

function validateNetwork(props: MathesarOnAwsProps): void {
  const network = props.network ?? {};
  const existing = network.existing;
  if (existing) {
    checkProp("network.existing.vpcId", existing.vpcId, VPC_ID_RULE);
    checkProp("network.existing.vpcCidr", existing.vpcCidr, CIDR_RULE);
    const subnets = (prop: string, ids: readonly string[] | undefined) =>
      checkList(`network.existing.${prop}`, ids, SUBNET_ID_RULE, 2, "subnets in different availability zones");
    subnets("privateSubnetIds", existing.privateSubnetIds);
    subnets("databaseSubnetIds", existing.databaseSubnetIds);
    subnets("publicSubnetIds", existing.publicSubnetIds);
    const inner = [...existing.privateSubnetIds, ...(existing.databaseSubnetIds ?? [])];
    const exposed = (existing.publicSubnetIds ?? []).filter((id) => inner.includes(id));
    if (exposed.length > 0) {
      fail(
        `Invalid network.existing.publicSubnetIds ${JSON.stringify(existing.publicSubnetIds)}: must not be ` +
          `private or database subnets (${exposed.join(", ")}) — the tasks and the database would share the ` +
          `load balancer's internet-facing subnets.`,
      );
    }
    return;
  }
}

function validateDatabase(props: MathesarOnAwsProps): void {
  // RDS settings beside an existing database are the cross-field rules' (the same words as Terraform's).
  const { managed, existing } = props.database ?? {};
  if (existing) {
    validateExistingDatabase("database.existing", existing, { hasCaCertificate: existing.caCertificate !== undefined });
    checkProp("database.existing.caCertificate", existing.caCertificate, CA_CERTIFICATE_RULE);
    if (existing.passwordSecretArn === undefined) {
      fail(
        "Invalid database.existing.passwordSecretArn undefined: must name the Secrets Manager secret holding " +
          "the password — the password is never a plain input.",
      );
    }
    checkProp("database.existing.passwordSecretArn", existing.passwordSecretArn, SECRET_ARN_RULE);
    checkProp("database.existing.securityGroupId", existing.securityGroupId, SECURITY_GROUP_ID_RULE);
    return;
  }
  const m = managed ?? {};
  if (
    m.deletionProtection !== undefined &&
    props.deletionProtection !== undefined &&
    m.deletionProtection !== props.deletionProtection
  ) {
    fail(
      `Invalid database.managed.deletionProtection ${m.deletionProtection} beside deletionProtection ` +
        `${props.deletionProtection}: set only deletionProtection (it covers the database and the guard).`,
    );
  }
}
