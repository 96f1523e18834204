/** Checks `MathesarOnAws` props before anything is built; every error names prop, value and rule. */
import {
  ADMIN_USERNAME_RULE,
  DOMAIN_NAME_RULE,
  EMAIL_RULE,
  InputRule,
  MATHESAR_VERSION_RULE,
  MathesarInputError,
  NAME_RULE,
  SIZE_RULE,
  checkEachProp,
  checkProp,
  failInput,
  isToken,
  oneOfRule,
  validateExistingDatabase,
  checkSsoVersion,
  DEFAULT_MATHESAR_VERSION,
} from "../mathesar";
import type { MathesarOnAwsProps } from "./props";
import {
  ACCESS_LOG_RETENTION_RULE,
  ARN_RULE,
  DB_STORAGE_RULE,
  AVAILABILITY_ZONE_RULE,
  AWS_IMAGE_REPOSITORY_RULE,
  AWS_POSTGRES_VERSION_RULE,
  BACKUP_RETENTION_RULE,
  CIDR_RULE,
  DB_INSTANCE_CLASS_RULE,
  ECR_REPOSITORY_RULE,
  EGRESS_RULE,
  LOG_RETENTION_DAYS,
  ROUTE53_ZONE_ID_RULE,
  SECRET_ARN_RULE,
  VPC_CIDR_RULE,
  awsIdRule,
} from "./rules";

/** CloudWatch's allowed retention values (as strings). */
export const LOG_RETENTION_RULE = oneOfRule(LOG_RETENTION_DAYS.map(String), "one of CloudWatch's retention values:");
const VPC_ID_RULE = awsIdRule("vpc", "vpc-0123456789abcdef0");
const SUBNET_ID_RULE = awsIdRule("subnet", "subnet-0123456789abcdef0");
const SECURITY_GROUP_ID_RULE = awsIdRule("sg", "sg-0123456789abcdef0");

const fail = failInput;
const checkEach = checkEachProp;

function checkRetention(prop: string, days: number | undefined): void {
  if (days !== undefined && !isToken(days)) checkProp(prop, String(days), LOG_RETENTION_RULE);
}

function checkList(prop: string, values: readonly string[] | undefined, rule: InputRule<string>, minimum: number, why: string): void {
  if (values === undefined || values.some(isToken)) return;
  if (values.length < minimum) fail(`Invalid ${prop} ${JSON.stringify(values)}: must list at least ${minimum} ${why}.`);
  checkEach(prop, values, rule);
}

/** Throws a {@link MathesarInputError} for the first bad prop. */
export function validateAwsProps(props: MathesarOnAwsProps): void {
  checkProp("name", props.name, NAME_RULE);
  if (props.domainName === undefined) {
    fail(
      props.route53ZoneId !== undefined
        ? `Invalid route53ZoneId "${props.route53ZoneId}" without domainName: the zone is only used for domainName's certificate and record.`
        : "Invalid domainName undefined: must be set on AWS — the load balancer's certificate is issued for it.",
    );
  }
  checkProp("domainName", props.domainName, DOMAIN_NAME_RULE);
  checkProp("mathesarVersion", props.mathesarVersion, MATHESAR_VERSION_RULE);
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0.
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, { sso: props.sso, requireSsoLogin: props.sso?.requireSsoLogin });
  checkProp("imageRepository", props.imageRepository, AWS_IMAGE_REPOSITORY_RULE);
  checkProp("size", props.size, SIZE_RULE);
  checkProp("route53ZoneId", props.route53ZoneId, ROUTE53_ZONE_ID_RULE);
  checkProp("certificateArn", props.certificateArn, ARN_RULE);
  checkProp("wafWebAclArn", props.wafWebAclArn, ARN_RULE);
  checkEach("allowedCidrs", props.allowedCidrs, CIDR_RULE);
  checkRetention("logRetentionDays", props.logRetentionDays);
  checkProp("accessLogRetentionDays", props.accessLogRetentionDays, ACCESS_LOG_RETENTION_RULE);
  checkProp("admin.username", props.admin?.username, ADMIN_USERNAME_RULE);
  if (props.admin?.email) checkProp("admin.email", props.admin.email, EMAIL_RULE);
  if (props.secretKey !== undefined) fail("Invalid secretKey: on AWS bring an existing SECRET_KEY by putting it in Secrets Manager (see docs/aws.md); it is not an input.");
  if (props.sso) checkProp("sso.configSecretArn", props.sso.configSecretArn, SECRET_ARN_RULE);
  validateNetwork(props);
  validateDatabase(props);
}

function validateNetwork(props: MathesarOnAwsProps): void {
  const network = props.network ?? {};
  checkProp("network.egress", network.egress, EGRESS_RULE);
  checkRetention("network.flowLogRetentionDays", network.flowLogRetentionDays);
  if (network.egress === "vpc_endpoints" && !isToken(props.imageRepository ?? "")) {
    checkProp("imageRepository (with network.egress \"vpc_endpoints\", tasks cannot reach Docker Hub)", props.imageRepository ?? "mathesar/mathesar", ECR_REPOSITORY_RULE);
  }
  const existing = network.existing;
  if (existing) {
    if (network.cidr !== undefined || network.availabilityZones !== undefined || network.egress !== undefined) {
      fail("Invalid network: cidr, availabilityZones and egress describe a new VPC; remove them or network.existing.");
    }
    checkProp("network.existing.vpcId", existing.vpcId, VPC_ID_RULE);
    checkProp("network.existing.vpcCidr", existing.vpcCidr, CIDR_RULE);
    checkList("network.existing.privateSubnetIds", existing.privateSubnetIds, SUBNET_ID_RULE, 2, "subnets in different availability zones");
    checkList("network.existing.databaseSubnetIds", existing.databaseSubnetIds, SUBNET_ID_RULE, 2, "subnets in different availability zones");
    if (!props.internal) {
      if (existing.publicSubnetIds === undefined) fail("Invalid network.existing.publicSubnetIds undefined: an internet-facing load balancer needs public subnets; give them or set internal: true.");
      checkList("network.existing.publicSubnetIds", existing.publicSubnetIds, SUBNET_ID_RULE, 2, "subnets in different availability zones");
    }
    return;
  }
  checkProp("network.cidr", network.cidr, VPC_CIDR_RULE);
  const zones = network.availabilityZones;
  if (zones !== undefined && !zones.some(isToken)) {
    checkList("network.availabilityZones", zones, AVAILABILITY_ZONE_RULE, 2, "distinct availability zones (Multi-AZ database and load balancer need two)");
    if (new Set(zones).size !== zones.length) fail(`Invalid network.availabilityZones ${JSON.stringify(zones)}: must be distinct — subnets all in one zone defeat high availability.`);
    if (zones.length > 4) fail(`Invalid network.availabilityZones ${JSON.stringify(zones)}: at most 4 zones fit the subnet layout.`);
  }
}

function validateDatabase(props: MathesarOnAwsProps): void {
  const { managed, existing } = props.database ?? {};
  if (managed && existing) fail("Invalid database: give either database.managed or database.existing, not both.");
  if (existing) {
    validateExistingDatabase("database.existing", existing);
    if (existing.passwordSecretArn === undefined) {
      fail("Invalid database.existing.passwordSecretArn undefined: must name the Secrets Manager secret holding the password — the password is never a plain input.");
    }
    checkProp("database.existing.passwordSecretArn", existing.passwordSecretArn, SECRET_ARN_RULE);
    checkProp("database.existing.securityGroupId", existing.securityGroupId, SECURITY_GROUP_ID_RULE);
    return;
  }
  const m = managed ?? {};
  checkProp("database.managed.version", m.version, AWS_POSTGRES_VERSION_RULE);
  checkProp("database.managed.backupRetentionDays", m.backupRetentionDays, BACKUP_RETENTION_RULE);
  checkProp("database.managed.instanceClass", m.instanceClass, DB_INSTANCE_CLASS_RULE);
  checkProp("database.managed.allocatedStorageGiB", m.allocatedStorageGiB, DB_STORAGE_RULE);
}
