/** What the CapRover one-click app generator takes. Every prop has a safe default. */

/** Props of {@link capRoverOneClickApp}. */
export interface CapRoverAppProps {
  /**
   * Mathesar release the form offers (the person installing may change it, within the same rule).
   * @default DEFAULT_MATHESAR_VERSION
   */
  readonly mathesarVersion?: string;
  /**
   * Image repository, e.g. a private mirror of `mathesar/mathesar`.
   * @default MATHESAR_IMAGE_REPOSITORY
   */
  readonly imageRepository?: string;
  /**
   * The database port the form offers.
   * @default 5432
   */
  readonly databasePort?: number;
  /**
   * The database name the form offers for Mathesar's internal database.
   * @default "mathesar_django"
   */
  readonly databaseName?: string;
  /**
   * The login role the form offers.
   * @default "mathesar"
   */
  readonly databaseUser?: string;
  /**
   * A custom domain the form offers (added to Django's allowed hosts beside CapRover's own subdomain).
   * @default - none: only `<app>.<root domain>`
   */
  readonly domainName?: string;
  /**
   * Gunicorn workers.
   * @default 2
   */
  readonly webConcurrency?: number;
}
