/** What the Cloudron package generator takes. Every prop has a safe default. */

/** Props of the Cloudron package generator ({@link cloudronPackageFiles}). */
export interface CloudronPackageProps {
  /**
   * Mathesar release the package bundles (copied from the official image of that version).
   * @default DEFAULT_MATHESAR_VERSION
   */
  readonly mathesarVersion?: string;
  /**
   * The package's own version (Cloudron requires semver; bump it for every change of the package).
   * @default "1.0.0"
   */
  readonly packageVersion?: string;
  /**
   * Offer Cloudron's single sign-on (the OIDC addon) to Mathesar. Needs Mathesar 0.11.0 or later.
   * @default true
   */
  readonly sso?: boolean;
  /**
   * Memory limit of the app in MiB (Cloudron's default for an app is 256 MiB, too little for Mathesar).
   * @default 1024
   */
  readonly memoryLimitMiB?: number;
  /**
   * Gunicorn workers.
   * @default 2
   */
  readonly webConcurrency?: number;
}
