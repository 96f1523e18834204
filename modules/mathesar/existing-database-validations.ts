/**
 * The `validation` blocks every root module puts on its `existing_database` object: the same connection
 * rules the constructs check (`validateExistingDatabase`), with the same messages, whatever the target adds
 * for its secret reference.
 */
import {
  CA_CERTIFICATE_RULE,
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_RULE,
  SSL_MODE_WITH_CA_RULE,
} from "./index";

/** A Terraform `validation` block. */
export interface ValidationBlock {
  readonly condition: string;
  readonly errorMessage: string;
}

const whenSet = (test: string) => `\${var.existing_database == null ? true : (${test})}`;

/**
 * Host, sslmode, database and user names, and port of `var.existing_database`. A target whose object has a
 * `ca_certificate` (PEM) field passes `withCaCertificate`: verify-ca/verify-full are then accepted, with a CA only.
 */
export function existingDatabaseValidations(options: { withCaCertificate?: boolean } = {}): ValidationBlock[] {
  const field = (name: string) => `var.existing_database.${name}`;
  const sslRule = options.withCaCertificate ? SSL_MODE_WITH_CA_RULE : SSL_MODE_RULE;
  const caRules: ValidationBlock[] = options.withCaCertificate
    ? [
        {
          condition: whenSet(
            `!contains(["verify-ca", "verify-full"], ${field("sslmode")}) || ${field("ca_certificate")} != null`,
          ),
          errorMessage:
            "Invalid existing_database: sslmode verify-ca or verify-full needs ca_certificate (the server's CA, PEM): libpq verifies the server against it.",
        },
        {
          condition: whenSet(
            `${field("ca_certificate")} == null ? true : ${CA_CERTIFICATE_RULE.condition(field("ca_certificate"))}`,
          ),
          errorMessage: `Invalid existing_database.ca_certificate: must be ${CA_CERTIFICATE_RULE.allowed}.`,
        },
      ]
    : [];
  return [
    ...caRules,
    {
      condition: whenSet(DATABASE_HOST_RULE.condition(field("host"))),
      errorMessage: `Invalid existing_database.host: must be ${DATABASE_HOST_RULE.allowed} (an empty host makes Mathesar start a throwaway database).`,
    },
    {
      condition: whenSet(sslRule.condition(field("sslmode"))),
      errorMessage: `Invalid existing_database.sslmode: must be ${sslRule.allowed}.`,
    },
    {
      condition: whenSet(
        `${POSTGRES_IDENTIFIER_RULE.condition(field("database_name"))} && ${DATABASE_LOGIN_RULE.condition(field("user"))}`,
      ),
      errorMessage:
        `Invalid existing_database.database_name or user: the database must be ` +
        `${POSTGRES_IDENTIFIER_RULE.allowed}, the user ${DATABASE_LOGIN_RULE.allowed}.`,
    },
    {
      condition: whenSet(PORT_RULE.condition(field("port"))),
      errorMessage: `Invalid existing_database.port: must be ${PORT_RULE.allowed}.`,
    },
  ];
}

/** A further rule on one field of `var.existing_database` (a target's secret reference, a security group). */
export function existingDatabaseFieldValidation(
  field: string,
  condition: (ref: string) => string,
  allowed: string,
): ValidationBlock {
  return {
    condition: whenSet(condition(`var.existing_database.${field}`)),
    errorMessage: `Invalid existing_database.${field}: must be ${allowed}.`,
  };
}
