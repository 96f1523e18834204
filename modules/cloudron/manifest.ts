/**
 * `CloudronManifest.json`: the app's identity, its health check, its port and its addons (PostgreSQL,
 * persistent local storage, and optionally Cloudron's single sign-on through the OIDC addon).
 */
import { DEFAULT_MATHESAR_VERSION, LIVENESS_PATH, MATHESAR_PORT } from "../mathesar";
import { CLOUDRON_OIDC_CALLBACK_PATH } from "./sso";
import { CLOUDRON_PATHS } from "./paths";
import { CLOUDRON_SECRET_FILES } from "./start-script";

/** Reverse-domain id of the package. */
export const CLOUDRON_APP_ID = "org.mathesar.cloudronapp";

/** Oldest Cloudron the manifest asks for (its `checklist` needs 8.0.0). */
export const CLOUDRON_MIN_BOX_VERSION = "8.0.0";

/** What the manifest generator needs (resolved props). */
export interface CloudronManifestInput {
  /** Mathesar release inside the package (the manifest's upstreamVersion). */
  readonly mathesarVersion: string;
  /** The package's own semantic version. */
  readonly packageVersion: string;
  /** Whether to request Cloudron's OIDC addon. */
  readonly sso: boolean;
  /** Memory limit in MiB. */
  readonly memoryLimitMiB: number;
}

/** Where the admin reads the first admin's password (Cloudron's web terminal, as root). */
export const CLOUDRON_ADMIN_PASSWORD_COMMAND = `cat ${CLOUDRON_PATHS.data}/${CLOUDRON_SECRET_FILES.adminPassword}`;

/** The manifest as an object. */
export function cloudronManifest(input: CloudronManifestInput): Record<string, unknown> {
  const upstream = input.mathesarVersion.split("@")[0] ?? DEFAULT_MATHESAR_VERSION;
  const adminStep =
    `Log in as "admin". Its password was generated on the first start: open this app's Web Terminal in the ` +
    `Cloudron dashboard and run: ${CLOUDRON_ADMIN_PASSWORD_COMMAND}`;
  return {
    id: CLOUDRON_APP_ID,
    title: "Mathesar",
    author: "Mathesar Foundation",
    tagline: "A spreadsheet-like interface to PostgreSQL",
    description:
      "Mathesar lets people view, edit, query and collaborate on PostgreSQL data through a spreadsheet-like interface.",
    website: "https://mathesar.org",
    tags: ["productivity", "database"],
    version: input.packageVersion,
    upstreamVersion: upstream,
    manifestVersion: 2,
    minBoxVersion: CLOUDRON_MIN_BOX_VERSION,
    httpPort: MATHESAR_PORT,
    // A static file WhiteNoise serves before Django checks the Host header or touches the database.
    healthCheckPath: LIVENESS_PATH,
    memoryLimit: input.memoryLimitMiB * 1024 * 1024,
    addons: {
      localstorage: {},
      postgresql: {},
      ...(input.sso ? { oidc: { loginRedirectUri: CLOUDRON_OIDC_CALLBACK_PATH } } : {}),
    },
    ...(input.sso ? { optionalSso: true } : {}),
    postInstallMessage: adminStep,
    checklist: { "admin-password": { message: adminStep } },
  };
}
