/** Checks shared by every target for a database the user already runs. */
import type { ExistingDatabaseBaseProps } from "./props";
import {
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_RULE,
  SSL_MODE_WITH_CA_RULE,
  isVerifiedSslMode,
} from "./inputs";
import { MathesarInputError, checkProp, isToken } from "../terraform/input-rule";

/**
 * Throws for a missing host or a malformed port, database name, user or sslmode. `prefix` is the prop path
 * (e.g. `database.existing`). The secret reference is the target's to check. A target that takes the server's CA
 * certificate says whether one was given (`hasCaCertificate`): it then accepts verify-ca/verify-full, with a CA only.
 */
export function validateExistingDatabase(
  prefix: string,
  existing: ExistingDatabaseBaseProps,
  options: { hasCaCertificate?: boolean } = {},
): void {
  if (existing.host === undefined || (!isToken(existing.host) && existing.host.trim() === "")) {
    throw new MathesarInputError(
      `Invalid ${prefix}.host: must be set — without a host Mathesar silently starts a throwaway database inside its container.`,
    );
  }
  checkProp(`${prefix}.host`, existing.host, DATABASE_HOST_RULE);
  checkProp(`${prefix}.port`, existing.port, PORT_RULE);
  checkProp(`${prefix}.databaseName`, existing.databaseName, POSTGRES_IDENTIFIER_RULE);
  checkProp(`${prefix}.user`, existing.user, DATABASE_LOGIN_RULE);
  if (options.hasCaCertificate === undefined) {
    checkProp(`${prefix}.sslMode`, existing.sslMode, SSL_MODE_RULE);
    return;
  }
  checkProp(`${prefix}.sslMode`, existing.sslMode, SSL_MODE_WITH_CA_RULE);
  if (
    existing.sslMode !== undefined &&
    !isToken(existing.sslMode) &&
    isVerifiedSslMode(existing.sslMode) &&
    !options.hasCaCertificate
  ) {
    throw new MathesarInputError(
      `Invalid ${prefix}.sslMode ${JSON.stringify(existing.sslMode)}: needs ${prefix}.caCertificate — libpq ` +
        `verifies the server against that CA, and the image holds none of the clouds' database CAs.`,
    );
  }
}
