/**
 * Checks of `MathesarOnGoogleCloud` props that only the construct can fail — a prop the published module has
 * no variable for, or a shape a Terraform variable cannot take (a literal OAuth secret, an empty IAP member
 * list, both database kinds). Each prop's own rule is in settings.ts and the rules across props in
 * cross-field-rules.ts: both flavours check those with the same words.
 */
import {
  CA_CERTIFICATE_RULE,
  DEFAULT_MATHESAR_VERSION,
  EMAIL_RULE,
  checkEachProp,
  checkProp,
  checkSsoVersion,
  failInput,
  isToken,
  validateExistingDatabase,
} from "../mathesar";
import type { MathesarOnGoogleCloudProps } from "./props";
import {
  CLOUD_SQL_VERIFY_FULL_REASON,
  GOOGLE_DATABASE_HOST_RULE,
  IAP_MEMBER_RULE,
  LABEL_KEY_RULE,
  LABEL_VALUE_RULE,
  NETWORK_ID_RULE,
  SECRET_ID_RULE,
  SOURCE_RANGE_RULE,
  SUBNETWORK_ID_RULE,
} from "./inputs";
import { GOOGLE_CROSS_FIELD_RULES } from "./cross-field-rules";
import { MAX_CLOUD_ARMOR_RANGES } from "./settings";

/** The message of the cross-field rule on `on`, in the construct's words. */
function crossFieldMessage(on: string, props: MathesarOnGoogleCloudProps): string {
  const rule = GOOGLE_CROSS_FIELD_RULES.find((r) => r.on === on)!;
  return rule.message({
    name: (prop) => prop,
    value: (prop) =>
      JSON.stringify(prop.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], props)),
  });
}

const fail = failInput;
const checkEach = checkEachProp;

/** Throws a {@link MathesarInputError} for the first bad prop. */
export function validateGoogleProps(props: MathesarOnGoogleCloudProps): void {
  if (props.project === undefined)
    fail("Invalid project undefined: must be set — the Google Cloud project to deploy into.");
  if (props.domainName === undefined)
    fail("Invalid domainName undefined: must be set on Google Cloud — the managed certificate is issued for it.");
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0.
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, {
    sso: props.sso,
    requireSsoLogin: props.sso?.requireSsoLogin,
  });
  if (props.secretKey !== undefined) {
    fail(
      "Invalid secretKey: on Google Cloud bring an existing SECRET_KEY by adding it as a new version of the " +
        "secret_key secret (see docs/google-cloud.md); it is not an input.",
    );
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
  if (props.iap) {
    // In the module an empty list means "IAP off"; a construct given `iap` means it on.
    if (!isToken(props.iap.members as unknown) && props.iap.members.length === 0) {
      fail(
        "Invalid iap.members []: must list at least one member — with IAP on and nobody admitted, nobody can reach Mathesar.",
      );
    }
    checkEach("iap.members", props.iap.members, IAP_MEMBER_RULE);
    // The cross-field rule leaves a secret that is a reference to Terraform; the construct knows it was given.
    if (props.iap.oauthClientId === undefined && props.iap.oauthClientSecret !== undefined)
      fail(crossFieldMessage("iap.oauthClientSecret", props));
    if (props.iap.oauthClientSecret !== undefined && !isToken(props.iap.oauthClientSecret)) {
      fail(
        "Invalid iap.oauthClientSecret: must be a reference to a secret (a sensitive variable), never a literal in code.",
      );
    }
  }
  const ranges = props.cloudArmor?.allowedIpRanges;
  if (
    ranges !== undefined &&
    !isToken(ranges as unknown) &&
    (ranges.length === 0 || ranges.length > MAX_CLOUD_ARMOR_RANGES)
  ) {
    // One Cloud Armor rule matches at most 10 ranges (an apply would fail); an empty list would admit nobody.
    fail(
      `Invalid cloudArmor.allowedIpRanges ${JSON.stringify(ranges)}: must list 1 to ` +
        `${MAX_CLOUD_ARMOR_RANGES} IPv4 CIDR blocks (a Cloud Armor rule matches at most ` +
        `${MAX_CLOUD_ARMOR_RANGES}); leave it unset to admit every address.`,
    );
  }
  checkEach("cloudArmor.allowedIpRanges", ranges, SOURCE_RANGE_RULE);
}

function validateVm(props: MathesarOnGoogleCloudProps): void {
  const vm = props.vm;
  if (vm === undefined) return;
  // The module's vm_* variables have defaults; only the construct can be given VM settings for Cloud Run.
  if (props.runtime !== "vm")
    fail(`Invalid vm: set runtime "vm" to use it (runtime is ${JSON.stringify(props.runtime ?? "cloud_run")}).`);
  if (vm.acmeEmail !== undefined) checkProp("vm.acmeEmail", vm.acmeEmail, EMAIL_RULE);
  checkEach("vm.allowedSourceRanges", vm.allowedSourceRanges, SOURCE_RANGE_RULE);
}

function validateNetwork(props: MathesarOnGoogleCloudProps): void {
  const network = props.network ?? {};
  if (network.existing) {
    // The module's subnet_cidr has a default: only the construct can be given both.
    if (network.subnetCidr !== undefined)
      fail("Invalid network: subnetCidr describes a new network; remove it or network.existing.");
    checkProp("network.existing.networkId", network.existing.networkId, NETWORK_ID_RULE);
    checkProp("network.existing.subnetworkId", network.existing.subnetworkId, SUBNETWORK_ID_RULE);
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
      `Invalid database.managed.deletionProtection ${managed.deletionProtection} with deletionProtection ` +
        `${props.deletionProtection}: they mean the same; give one, or both alike.`,
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
  if ((managed?.sslMode as string | undefined) === "verify-full")
    fail(`Invalid database.managed.sslMode "verify-full": ${CLOUD_SQL_VERIFY_FULL_REASON}.`);
}
