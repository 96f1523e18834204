/**
 * The Kubernetes target's rules over several settings (and over the fields of `database.existing`), written
 * once: the construct throws their message at synth time (validate.ts), the published module carries them
 * as `validation` blocks of the variable named by `on`, in the same words.
 */
import { Fn, Token } from "cdktf";
import {
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  type InputRule,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_WITH_CA_RULE,
  VERIFIED_SSL_MODES,
  oneOfRule,
  patternRule,
} from "../mathesar";
import {
  type Condition,
  type CrossFieldRule,
  all,
  any,
  equal,
  getPath,
  isPresent,
  not,
  truthy,
} from "../terraform/wiring";
import { satisfies } from "../terraform/wiring/rule-condition";
import { K8S_DEFAULTS } from "./defaults";
import type { K8sExistingDatabaseProps, MathesarOnKubernetesProps } from "./props";
import { K8S_DATA_KEY_RULE, K8S_OBJECT_NAME_RULE, RESERVED_DATABASE_NAMES, reservedDatabaseNameMessage } from "./rules";

type Rule = CrossFieldRule<MathesarOnKubernetesProps>;

/** `when ? test : true`, with `test` built only when it may matter (a known `when` decides in TypeScript). */
function onlyWhen(when: Condition, test: () => Condition): Condition {
  if (typeof when === "boolean") return when ? test() : true;
  const condition = test();
  if (condition === true) return true;
  // A conditional, not `!when || test`: Terraform evaluates both operands of ||, and test reads fields of null.
  return Token.asString(Fn.conditional(when, condition, true));
}

/** A rule that holds only when the existing database is given. */
function whenExisting(test: (existing: K8sExistingDatabaseProps) => Condition) {
  return (props: MathesarOnKubernetesProps): Condition => {
    const existing = props.database?.existing;
    return onlyWhen(isPresent(existing), () => test(existing as K8sExistingDatabaseProps));
  };
}

/**
 * Whether the database password is given. A construct's password is a reference (a token) that is given
 * when defined; the module's is a nullable variable, given when not null. The database object tells which:
 * a construct's is known to TypeScript, the module's presence only to Terraform.
 */
export function passwordGiven(existing: K8sExistingDatabaseProps): Condition {
  return typeof isPresent(existing) === "boolean" ? existing.password !== undefined : isPresent(existing.password);
}

/** A field of `database.existing` that must satisfy `rule` when set (the defaulted fields are always set). */
function fieldRule<T>(field: string, rule: InputRule<T>, note = ""): Rule {
  const prop = `database.existing.${field}`;
  return {
    on: "database.existing",
    holds: whenExisting((existing) => {
      const value = getPath(existing, field) as T | undefined;
      return onlyWhen(isPresent(value), () => satisfies(rule, value));
    }),
    message: (words) => `Invalid ${words.name(prop)} ${words.value(prop)}: must be ${rule.allowed}${note}.`,
  };
}

const VERIFIED_SSL_MODE_RULE = oneOfRule(VERIFIED_SSL_MODES);
const ROLE_WITHOUT_DOT_RULE = patternRule("[^.]*", "a role name without a dot");
const RESERVED_DATABASE_NAME_RULE = oneOfRule(RESERVED_DATABASE_NAMES);
const ONE_REPLICA: InputRule<number> = {
  allowed: "1",
  test: (value) => value <= 1,
  condition: (ref) => `${ref} <= 1`,
};

/** The rules, in the order the construct reports them. */
export const KUBERNETES_RULES: readonly Rule[] = [
  {
    on: "database.inCluster.evaluationOnly",
    holds: (props) =>
      not(equal(isPresent(props.database?.existing), truthy(props.database?.inCluster?.evaluationOnly))),
    message: (words) =>
      `Invalid ${words.name("database.inCluster.evaluationOnly")}: give exactly one of ` +
      `${words.name("database.existing")} (a PostgreSQL you run, e.g. a cloud target's managed database) ` +
      `and ${words.name("database.inCluster.evaluationOnly")} = true (a throwaway evaluation database, no backups).`,
  },
  fieldRule("host", DATABASE_HOST_RULE, " (an empty host makes Mathesar start a throwaway database)"),
  fieldRule("port", PORT_RULE),
  fieldRule("databaseName", POSTGRES_IDENTIFIER_RULE),
  fieldRule("user", DATABASE_LOGIN_RULE),
  fieldRule("sslMode", SSL_MODE_WITH_CA_RULE),
  fieldRule("passwordSecretName", K8S_OBJECT_NAME_RULE),
  fieldRule("passwordSecretKey", K8S_DATA_KEY_RULE),
  fieldRule("adminSecretName", K8S_OBJECT_NAME_RULE),
  fieldRule("caCertificate.configMapName", K8S_OBJECT_NAME_RULE),
  fieldRule("caCertificate.secretName", K8S_OBJECT_NAME_RULE),
  fieldRule("caCertificate.key", K8S_DATA_KEY_RULE),
  {
    on: "database.existing",
    holds: whenExisting((existing) =>
      not(satisfies(RESERVED_DATABASE_NAME_RULE, existing.databaseName ?? K8S_DEFAULTS.databaseName)),
    ),
    message: (words) =>
      reservedDatabaseNameMessage(
        words.name("database.existing.databaseName"),
        words.value("database.existing.databaseName"),
      ),
  },
  {
    on: "database.existing",
    holds: whenExisting((existing) =>
      any(
        not(satisfies(VERIFIED_SSL_MODE_RULE, existing.sslMode ?? K8S_DEFAULTS.sslMode)),
        isPresent(existing.caCertificate?.configMapName),
        isPresent(existing.caCertificate?.secretName),
      ),
    ),
    message: (words) =>
      `Invalid ${words.name("database.existing.sslMode")} ${words.value("database.existing.sslMode")}: ` +
      `needs ${words.name("database.existing.caCertificate.configMapName")} or ` +
      `${words.name("database.existing.caCertificate.secretName")} (the server's CA certificate, PEM) — ` +
      `libpq verifies the server against that CA, and the image holds none of the clouds' database CAs.`,
  },
  {
    on: "database.existing",
    holds: whenExisting((existing) =>
      not(all(isPresent(existing.caCertificate?.configMapName), isPresent(existing.caCertificate?.secretName))),
    ),
    message: (words) =>
      `Invalid ${words.name("database.existing.caCertificate.configMapName")}: give ` +
      `${words.name("database.existing.caCertificate.configMapName")} or ` +
      `${words.name("database.existing.caCertificate.secretName")}, not both.`,
  },
  {
    // The chart refuses it too (values.schema.json), but only at install.
    on: "database.existing",
    holds: whenExisting((existing) =>
      not(
        all(
          not(satisfies(ROLE_WITHOUT_DOT_RULE, existing.user ?? K8S_DEFAULTS.databaseUser)),
          isPresent(existing.adminSecretName),
        ),
      ),
    ),
    message: (words) =>
      `Invalid ${words.name("database.existing.adminSecretName")}: ${words.name("database.existing.user")} ` +
      `${words.value("database.existing.user")} has a dot (a pooler login such as mathesar.<project-ref> ` +
      `for the Supabase session pooler), and the bootstrap would create a role literally named with the ` +
      `dot. Create the role on the server yourself and leave ` +
      `${words.name("database.existing.adminSecretName")} unset.`,
  },
  {
    on: "database.existing.password",
    holds: whenExisting((existing) => not(equal(isPresent(existing.passwordSecretName), passwordGiven(existing)))),
    message: (words) =>
      `Invalid ${words.name("database.existing.password")}: give exactly one of ` +
      `${words.name("database.existing.passwordSecretName")} (a Kubernetes Secret holding the password) and ` +
      `${words.name("database.existing.password")} (a reference to a secret) — the password is never a ` +
      `plain value.`,
  },
  {
    on: "replicas",
    holds: (props) =>
      any(
        satisfies(ONE_REPLICA, props.replicas ?? K8S_DEFAULTS.replicas),
        equal(props.persistence?.accessMode ?? K8S_DEFAULTS.persistenceAccessMode, "ReadWriteMany"),
      ),
    message: (words) =>
      `Invalid ${words.name("replicas")} ${words.value("replicas")}: more than one replica needs ` +
      `${words.name("persistence.accessMode")} "ReadWriteMany" — a CSV import writes the upload in one ` +
      `request and reads it in the next, possibly on another pod.`,
  },
  {
    on: "sso.requireSsoLogin",
    holds: (props) => any(not(truthy(props.sso?.requireSsoLogin)), isPresent(props.sso?.secretName)),
    message: (words) =>
      `Invalid ${words.name("sso.requireSsoLogin")} true without ${words.name("sso.secretName")}: Mathesar would keep password login and only log a warning.`,
  },
];
