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
import { checkCrossFieldRules } from "../terraform/wiring";
import { DO_CROSS_FIELD_RULES } from "./cross-field-rules";
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

  // The rules over several settings, shared with the root module's validations.
  checkCrossFieldRules(DO_CROSS_FIELD_RULES, props);

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
}

function validateDoExistingDatabase(
  existing: NonNullable<MathesarOnDigitalOceanProps["database"]>["existing"] & object,
): void {
  validateExistingDatabase("database.existing", existing, { hasCaCertificate: existing.caCertificate !== undefined });
  checkProp("database.existing.caCertificate", existing.caCertificate, CA_CERTIFICATE_RULE);
  if (existing.password === undefined || !isToken(existing.password)) {
    throw new MathesarInputError(
      "Invalid database.existing.password: must be a reference to a secret (e.g. a sensitive " +
        "TerraformVariable set from TF_VAR_…), not a literal string in code.",
    );
  }
}
