/**
 * The outputs every target returns (docs/architecture.md, decision "One contract"), so that switching cloud means switching
 * the module source, not relearning what comes out of it.
 */

/** What a deployment tells its owner. */
export interface MathesarOutputs {
  /** Where to open Mathesar. */
  readonly url: string;
  /** Username of the first admin. */
  readonly adminUsername: string;
  /**
   * How to read the generated admin password: the secret's id where the cloud has a secret store, or the
   * name of the sensitive output that holds it.
   */
  readonly adminPasswordLocation: string;
  /** The database endpoint (private address), `host:port`. */
  readonly databaseEndpoint: string;
  /** Where the application logs are. */
  readonly logs: string;
}

/** Terraform output names of {@link MathesarOutputs} (snake_case), with their descriptions. */
export const CONTRACT_OUTPUTS: Readonly<Record<keyof MathesarOutputs, { name: string; description: string }>> = {
  url: { name: "url", description: "URL of Mathesar's login page." },
  adminUsername: { name: "admin_username", description: "Username of the first admin, created at deploy time." },
  adminPasswordLocation: {
    name: "admin_password_location",
    description: "Where to read the first admin's generated password.",
  },
  databaseEndpoint: {
    name: "database_endpoint",
    description: "Private host:port of Mathesar's internal database.",
  },
  logs: { name: "logs", description: "Where to read Mathesar's logs." },
};
