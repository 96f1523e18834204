/** Checks `MathesarOnGoogleCloud` props before anything is built; every error names prop, value and rule. */
import {
  ADMIN_USERNAME_RULE,
  DOMAIN_NAME_RULE,
  EMAIL_RULE,
  MATHESAR_VERSION_RULE,
  SIZE_RULE,
  checkEachProp,
  checkProp,
  failInput,
  isToken,
  validateExistingDatabase,
  CA_CERTIFICATE_RULE,
  checkSsoVersion,
  DEFAULT_MATHESAR_VERSION,
} from "../mathesar";
import { DEFAULT_GOOGLE_REGION } from "./catalog";
import type { MathesarOnGoogleCloudProps } from "./props";
import {
  CLOUD_SQL_SSL_MODE_RULE,
  CLOUD_SQL_VERIFY_FULL_REASON,
  DNS_ZONE_RULE,
  GOOGLE_DATABASE_HOST_RULE,
  GOOGLE_BACKUP_RETENTION_RULE,
  GOOGLE_IMAGE_REPOSITORY_RULE,
  GOOGLE_POSTGRES_VERSION_RULE,
  IAP_MEMBER_RULE,
  INSTANCE_COUNT_RULE,
  LABEL_KEY_RULE,
  LABEL_VALUE_RULE,
  MACHINE_TYPE_RULE,
  NETWORK_ID_RULE,
  OAUTH_CLIENT_ID_RULE,
  PASSWORD_VERSION_RULE,
  PROJECT_ID_RULE,
  PSA_CIDR_RULE,
  RATE_LIMIT_RULE,
  REGION_RULE,
  RUNTIME_RULE,
  SECRET_ID_RULE,
  SECURITY_POLICY_RULE,
  SOURCE_RANGE_RULE,
  SQL_DISK_RULE,
  SQL_TIER_RULE,
  SUBNETWORK_ID_RULE,
  SUBNET_CIDR_RULE,
  VM_EDGE_RULE,
  ZONE_RULE,
  GOOGLE_NAME_RULE,
} from "./inputs";

/** Source ranges one Cloud Armor rule may match. */
const MAX_CLOUD_ARMOR_RANGES = 10;

const fail = failInput;
const checkEach = checkEachProp;

/** Throws a {@link MathesarInputError} for the first bad prop. */
export function validateGoogleProps(props: MathesarOnGoogleCloudProps): void {
  checkProp("name", props.name, GOOGLE_NAME_RULE);
  if (props.project === undefined)
    fail("Invalid project undefined: must be set — the Google Cloud project to deploy into.");
  checkProp("project", props.project, PROJECT_ID_RULE);
  checkProp("region", props.region, REGION_RULE);
  if (props.domainName === undefined)
    fail("Invalid domainName undefined: must be set on Google Cloud — the managed certificate is issued for it.");
  checkProp("domainName", props.domainName, DOMAIN_NAME_RULE);
  checkProp("dnsZone", props.dnsZone, DNS_ZONE_RULE);
  checkProp("mathesarVersion", props.mathesarVersion, MATHESAR_VERSION_RULE);
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0.
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, {
    sso: props.sso,
    requireSsoLogin: props.sso?.requireSsoLogin,
  });
  checkProp("imageRepository", props.imageRepository, GOOGLE_IMAGE_REPOSITORY_RULE);
  checkProp("size", props.size, SIZE_RULE);
  checkProp("runtime", props.runtime, RUNTIME_RULE);
  checkProp("admin.username", props.admin?.username, ADMIN_USERNAME_RULE);
  if (props.admin?.email) checkProp("admin.email", props.admin.email, EMAIL_RULE);
  if (props.secretKey !== undefined) {
    fail(
      "Invalid secretKey: on Google Cloud bring an existing SECRET_KEY by adding it as a new version of the secret_key secret (see docs/google-cloud.md); it is not an input.",
    );
  }
  if (props.sso) checkProp("sso.configSecretId", props.sso.configSecretId, SECRET_ID_RULE);
  checkProp("minInstances", props.minInstances, INSTANCE_COUNT_RULE);
  checkProp("maxInstances", props.maxInstances, INSTANCE_COUNT_RULE);
  if (
    typeof props.minInstances === "number" &&
    typeof props.maxInstances === "number" &&
    !isToken(props.minInstances) &&
    !isToken(props.maxInstances) &&
    props.minInstances > props.maxInstances
  ) {
    fail(`Invalid minInstances ${props.minInstances}: must not exceed maxInstances ${props.maxInstances}.`);
  }
  for (const [key, value] of Object.entries(props.tags ?? {})) {
    checkProp(`tags key`, key, LABEL_KEY_RULE);
    checkProp(`tags["${key}"]`, value, LABEL_VALUE_RULE);
  }
  validateEdge(props);
  validateVm(props);
  validateNetwork(props);
  validateDatabase(props);
}

function validateEdge(props: MathesarOnGoogleCloudProps): void {
  const throughLoadBalancer = props.runtime !== "vm" || props.vm?.edge !== "caddy";
  if (!throughLoadBalancer && (props.iap || props.cloudArmor || props.securityPolicy)) {
    fail(
      'Invalid vm.edge "caddy" with iap, cloudArmor or securityPolicy: they live on the load balancer, which a VM with Caddy does not use. Use vm.edge "load_balancer".',
    );
  }
  if (props.iap) {
    if (!isToken(props.iap.members as unknown) && props.iap.members.length === 0) {
      fail(
        "Invalid iap.members []: must list at least one member — with IAP on and nobody admitted, nobody can reach Mathesar.",
      );
    }
    checkEach("iap.members", props.iap.members, IAP_MEMBER_RULE);
    checkProp("iap.oauthClientId", props.iap.oauthClientId, OAUTH_CLIENT_ID_RULE);
    if ((props.iap.oauthClientId === undefined) !== (props.iap.oauthClientSecret === undefined)) {
      fail(
        "Invalid iap: oauthClientId and oauthClientSecret go together (give both, or neither for Google's managed client).",
      );
    }
    if (props.iap.oauthClientSecret !== undefined && !isToken(props.iap.oauthClientSecret)) {
      fail(
        "Invalid iap.oauthClientSecret: must be a reference to a secret (a sensitive variable), never a literal in code.",
      );
    }
  }
  if (props.cloudArmor && props.securityPolicy !== undefined)
    fail("Invalid cloudArmor with securityPolicy: give one — a backend has a single Cloud Armor policy.");
  const ranges = props.cloudArmor?.allowedIpRanges;
  if (
    ranges !== undefined &&
    !isToken(ranges as unknown) &&
    (ranges.length === 0 || ranges.length > MAX_CLOUD_ARMOR_RANGES)
  ) {
    // One Cloud Armor rule matches at most 10 ranges (an apply would fail); an empty list would admit nobody.
    fail(
      `Invalid cloudArmor.allowedIpRanges ${JSON.stringify(ranges)}: must list 1 to ${MAX_CLOUD_ARMOR_RANGES} IPv4 CIDR blocks (a Cloud Armor rule matches at most ${MAX_CLOUD_ARMOR_RANGES}); leave it unset to admit every address.`,
    );
  }
  checkEach("cloudArmor.allowedIpRanges", ranges, SOURCE_RANGE_RULE);
  checkProp("cloudArmor.rateLimitPerMinute", props.cloudArmor?.rateLimitPerMinute, RATE_LIMIT_RULE);
  checkProp("securityPolicy", props.securityPolicy, SECURITY_POLICY_RULE);
}

function validateVm(props: MathesarOnGoogleCloudProps): void {
  const vm = props.vm;
  if (vm === undefined) return;
  if (props.runtime !== "vm")
    fail(`Invalid vm: set runtime "vm" to use it (runtime is ${JSON.stringify(props.runtime ?? "cloud_run")}).`);
  checkProp("vm.zone", vm.zone, ZONE_RULE);
  // The region defaults too: a zone elsewhere must be refused whether or not region was given.
  const region = props.region ?? DEFAULT_GOOGLE_REGION;
  if (vm.zone !== undefined && !isToken(vm.zone) && !isToken(region) && !vm.zone.startsWith(`${region}-`)) {
    fail(
      `Invalid vm.zone "${vm.zone}": must be a zone of region "${region}" (the subnetwork and the database are there).`,
    );
  }
  checkProp("vm.machineType", vm.machineType, MACHINE_TYPE_RULE);
  checkProp("vm.edge", vm.edge, VM_EDGE_RULE);
  if (vm.acmeEmail !== undefined) checkProp("vm.acmeEmail", vm.acmeEmail, EMAIL_RULE);
  checkEach("vm.allowedSourceRanges", vm.allowedSourceRanges, SOURCE_RANGE_RULE);
  if (vm.edge !== "caddy" && (vm.acmeEmail !== undefined || vm.allowedSourceRanges !== undefined)) {
    fail(
      'Invalid vm: acmeEmail and allowedSourceRanges apply to vm.edge "caddy" only (behind the load balancer, use cloudArmor.allowedIpRanges).',
    );
  }
}

function validateNetwork(props: MathesarOnGoogleCloudProps): void {
  const network = props.network ?? {};
  if (network.existing) {
    if (network.subnetCidr !== undefined)
      fail("Invalid network: subnetCidr describes a new network; remove it or network.existing.");
    checkProp("network.existing.networkId", network.existing.networkId, NETWORK_ID_RULE);
    checkProp("network.existing.subnetworkId", network.existing.subnetworkId, SUBNETWORK_ID_RULE);
  }
  checkProp("network.subnetCidr", network.subnetCidr, SUBNET_CIDR_RULE);
  checkProp("network.privateServiceAccessCidr", network.privateServiceAccessCidr, PSA_CIDR_RULE);
  if (network.privateServiceAccessCidr !== undefined) {
    // The range is only reserved when Private Service Access is created here: say so rather than ignore it.
    if (props.database?.existing)
      fail(
        "Invalid network.privateServiceAccessCidr with database.existing: no Private Service Access is created for an existing database.",
      );
    if (network.existing && network.existing.privateServiceAccessConnected !== false) {
      fail(
        "Invalid network.privateServiceAccessCidr: Private Service Access is already connected on network.existing (set privateServiceAccessConnected: false to create it here).",
      );
    }
  }
}

function validateDatabase(props: MathesarOnGoogleCloudProps): void {
  const { managed, existing } = props.database ?? {};
  if (managed && existing) fail("Invalid database: give either database.managed or database.existing, not both.");
  if (
    props.deletionProtection !== undefined &&
    managed?.deletionProtection !== undefined &&
    managed.deletionProtection !== props.deletionProtection
  ) {
    fail(
      `Invalid database.managed.deletionProtection ${managed.deletionProtection} with deletionProtection ${props.deletionProtection}: they mean the same; give one, or both alike.`,
    );
  }
  if (existing) {
    validateExistingDatabase("database.existing", existing, { hasCaCertificate: existing.caCertificate !== undefined });
    checkProp("database.existing.caCertificate", existing.caCertificate, CA_CERTIFICATE_RULE);
    checkProp("database.existing.host", existing.host, GOOGLE_DATABASE_HOST_RULE);
    if (existing.passwordSecretId === undefined) {
      fail(
        "Invalid database.existing.passwordSecretId undefined: must name the Secret Manager secret holding the password — the password is never a plain input.",
      );
    }
    checkProp("database.existing.passwordSecretId", existing.passwordSecretId, SECRET_ID_RULE);
    return;
  }
  const m = managed ?? {};
  checkProp("database.managed.version", m.version, GOOGLE_POSTGRES_VERSION_RULE);
  checkProp("database.managed.tier", m.tier, SQL_TIER_RULE);
  checkProp("database.managed.diskSizeGb", m.diskSizeGb, SQL_DISK_RULE);
  checkProp("database.managed.backupRetentionDays", m.backupRetentionDays, GOOGLE_BACKUP_RETENTION_RULE);
  checkProp("database.managed.passwordVersion", m.passwordVersion, PASSWORD_VERSION_RULE);
  if ((m.sslMode as string | undefined) === "verify-full")
    fail(`Invalid database.managed.sslMode "verify-full": ${CLOUD_SQL_VERIFY_FULL_REASON}.`);
  checkProp("database.managed.sslMode", m.sslMode, CLOUD_SQL_SSL_MODE_RULE);
}
