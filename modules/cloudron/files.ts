/** The Cloudron package, generated into deploy/cloudron/ by `npm run synth`. */
import {
  DEFAULT_MATHESAR_VERSION,
  MATHESAR_VERSION_RULE,
  checkProp,
  checkSsoVersion,
  integerRangeRule,
  patternRule,
  failInput,
} from "../mathesar";
import { renderDockerfile } from "./dockerfile";
import { cloudronManifest } from "./manifest";
import type { CloudronPackageProps } from "./props";
import { renderStartScript } from "./start-script";

/** Folder of the generated package. */
export const CLOUDRON_PACKAGE_DIR = "deploy/cloudron";

/** A semantic version with an optional numeric pre-release (what Cloudron's App Store accepts). */
const PACKAGE_VERSION_RULE = patternRule("[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9]+)?", 'a semantic version such as "1.0.0"');
/** At least 512 MiB (Mathesar's gunicorn workers and a CSV import), at most 16 GiB. */
const MEMORY_RULE = integerRangeRule(512, 16384, "MiB");
const WEB_CONCURRENCY_RULE = integerRangeRule(1, 32, "(gunicorn workers)");

/** Checks the props; throws MathesarInputError naming the prop, the value and what is allowed. */
export function validateCloudronProps(props: CloudronPackageProps): void {
  checkProp("mathesarVersion", props.mathesarVersion, MATHESAR_VERSION_RULE);
  checkProp("packageVersion", props.packageVersion, PACKAGE_VERSION_RULE);
  checkProp("memoryLimitMiB", props.memoryLimitMiB, MEMORY_RULE);
  checkProp("webConcurrency", props.webConcurrency, WEB_CONCURRENCY_RULE);
  if (props.sso !== undefined && typeof props.sso !== "boolean")
    failInput(`Invalid sso ${JSON.stringify(props.sso)}: must be true or false.`);
  checkSsoVersion(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION, { sso: props.sso === false ? undefined : true });
}

/** The package's files, keyed by repository-relative path. */
export function cloudronPackageFiles(props: CloudronPackageProps = {}): Record<string, string> {
  validateCloudronProps(props);
  const version = props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION;
  const sso = props.sso ?? true;
  const manifest = cloudronManifest({
    mathesarVersion: version,
    packageVersion: props.packageVersion ?? "1.0.0",
    sso,
    memoryLimitMiB: props.memoryLimitMiB ?? 1024,
  });
  return {
    [`${CLOUDRON_PACKAGE_DIR}/CloudronManifest.json`]: `${JSON.stringify(manifest, null, 2)}\n`,
    [`${CLOUDRON_PACKAGE_DIR}/Dockerfile`]: renderDockerfile(version),
    [`${CLOUDRON_PACKAGE_DIR}/start.sh`]: renderStartScript({ sso, webConcurrency: props.webConcurrency }),
  };
}
