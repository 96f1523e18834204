/** Checks `MathesarOnDigitalOcean` props before anything is built; every error names prop, value and rule. */
import {
  ADMIN_USERNAME_RULE,
  DOMAIN_NAME_RULE,
  EMAIL_RULE,
  MATHESAR_VERSION_RULE,
  MathesarInputError,
  SIZE_RULE,
  checkProp,
  isToken,
  validateExistingDatabase,
  checkSsoVersion,
  CA_CERTIFICATE_RULE,
  DEFAULT_MATHESAR_VERSION,
} from "../mathesar";
import { DO_SIZES, DO_STANDBY_MIN_MEMORY_GB, doDatabaseNodeMemoryGb } from "./catalog";
import type { MathesarOnDigitalOceanProps } from "./props";
import {
  DO_APP_INSTANCE_SIZE_RULE,
  DO_DATABASE_SIZE_RULE,
  DO_DOCKER_HUB_REPOSITORY_RULE,
  DO_MANAGED_SSL_MODE_RULE,
  DO_NAME_RULE,
  DO_POSTGRES_VERSION_RULE,
  DO_REGION_RULE,
  DO_TAG_RULE,
  DO_UUID_RULE,
  DO_VPC_IP_RANGE_RULE,
} from "./inputs";

/** Throws a {@link MathesarInputError} for the first bad prop. */
export function validateDigitalOceanProps(props: MathesarOnDigitalOceanProps): void {
  checkProp("name", props.name, DO_NAME_RULE);
  checkProp("region", props.region, DO_REGION_RULE);
  checkProp("domainName", props.domainName, DOMAIN_NAME_RULE);
  checkProp("domainZone", props.domainZone, DOMAIN_NAME_RULE);
  checkProp("mathesarVersion", props.mathesarVersion, MATHESAR_VERSION_RULE);
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0.
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, {
    sso: props.sso,
    requireSsoLogin: props.sso?.requireSsoLogin,
  });
  checkProp("imageRepository", props.imageRepository, DO_DOCKER_HUB_REPOSITORY_RULE);
  checkProp("size", props.size, SIZE_RULE);
  checkProp("appInstanceSize", props.appInstanceSize, DO_APP_INSTANCE_SIZE_RULE);
  checkProp("existingVpcId", props.existingVpcId, DO_UUID_RULE);
  checkProp("vpcIpRange", props.vpcIpRange, DO_VPC_IP_RANGE_RULE);
  checkProp("admin.username", props.admin?.username, ADMIN_USERNAME_RULE);
  if (props.admin?.email) checkProp("admin.email", props.admin.email, EMAIL_RULE);
  // The cluster gets each tag as "key:value"; the provider checks that pattern only at plan.
  for (const [key, value] of Object.entries(props.tags ?? {})) checkProp("tags", `${key}:${value}`, DO_TAG_RULE);

  if (props.domainZone !== undefined && props.domainName === undefined) {
    throw new MathesarInputError(
      `Invalid domainZone "${props.domainZone}": it needs domainName, a host name inside that zone.`,
    );
  }
  if (
    props.domainZone &&
    props.domainName &&
    !isToken(props.domainZone) &&
    !isToken(props.domainName) &&
    props.domainName !== props.domainZone &&
    !props.domainName.endsWith(`.${props.domainZone}`)
  ) {
    throw new MathesarInputError(
      `Invalid domainName "${props.domainName}": must be inside domainZone "${props.domainZone}" (equal to it or ending in ".${props.domainZone}").`,
    );
  }
  if (props.existingVpcId !== undefined && props.vpcIpRange !== undefined) {
    throw new MathesarInputError("Invalid vpcIpRange: it only applies to a new VPC; remove it or existingVpcId.");
  }
  if (props.secretKey !== undefined && !isToken(props.secretKey)) {
    throw new MathesarInputError(
      "Invalid secretKey: must be a reference to a secret (a sensitive TerraformVariable), not a literal — it decrypts saved database passwords.",
    );
  }
  if (props.sso && !isToken(props.sso.configJson)) {
    throw new MathesarInputError(
      "Invalid sso.configJson: must be a reference to a secret (a sensitive TerraformVariable), not a literal — it holds client secrets.",
    );
  }

  const { managed, existing } = props.database ?? {};
  if (managed && existing) {
    throw new MathesarInputError("Invalid database: give either database.managed or database.existing, not both.");
  }
  if (existing) validateDoExistingDatabase(existing);
  else validateManagedDatabase(props);
}

function validateManagedDatabase(props: MathesarOnDigitalOceanProps): void {
  const managed = props.database?.managed ?? {};
  checkProp("database.managed.version", managed.version, DO_POSTGRES_VERSION_RULE);
  checkProp("database.managed.nodeSize", managed.nodeSize, DO_DATABASE_SIZE_RULE);
  checkProp("database.managed.sslMode", managed.sslMode, DO_MANAGED_SSL_MODE_RULE);
  const size = props.size ?? "small";
  if (
    managed.highAvailability === true &&
    managed.nodeSize === undefined &&
    !isToken(size) &&
    !DO_SIZES[size].databaseSupportsStandby
  ) {
    throw new MathesarInputError(
      `Invalid database.managed.highAvailability true with size "${size}": DigitalOcean's smallest database plan cannot have a standby node; use size "medium" or larger, or set database.managed.nodeSize.`,
    );
  }
  const nodeMemory =
    managed.nodeSize === undefined || isToken(managed.nodeSize) ? undefined : doDatabaseNodeMemoryGb(managed.nodeSize);
  if (managed.highAvailability === true && nodeMemory !== undefined && nodeMemory < DO_STANDBY_MIN_MEMORY_GB) {
    throw new MathesarInputError(
      `Invalid database.managed.nodeSize "${managed.nodeSize}" with highAvailability: standby nodes need a plan with ${DO_STANDBY_MIN_MEMORY_GB} GB of RAM or more (DigitalOcean), e.g. "db-s-1vcpu-2gb".`,
    );
  }
}

function validateDoExistingDatabase(
  existing: NonNullable<MathesarOnDigitalOceanProps["database"]>["existing"] & object,
): void {
  validateExistingDatabase("database.existing", existing, { hasCaCertificate: existing.caCertificate !== undefined });
  checkProp("database.existing.caCertificate", existing.caCertificate, CA_CERTIFICATE_RULE);
  if (existing.password === undefined || !isToken(existing.password)) {
    throw new MathesarInputError(
      "Invalid database.existing.password: must be a reference to a secret (e.g. a sensitive TerraformVariable set from TF_VAR_…), not a literal string in code.",
    );
  }
}
