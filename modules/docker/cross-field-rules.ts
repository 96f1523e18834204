/**
 * The Docker host target's rules over several settings (or over a setting that must stay unset), written
 * once: the construct throws their messages at synth time, the root module carries them as `validation`
 * blocks (see CrossFieldRule). Terraform's `&&` does not short-circuit, so no rule calls a function on an
 * optional value.
 */
import { Fn, Token } from "cdktf";
import { CONTRACT_DEFAULTS, VERIFIED_SSL_MODES } from "../mathesar";
import {
  type Condition,
  type CrossFieldRule,
  all,
  any,
  equal,
  isAbsent,
  isPresent,
  not,
  oneOf,
  truthy,
} from "../terraform/wiring";
import { DOCKER_DEFAULTS } from "./defaults";
import type { MathesarOnDockerHostProps } from "./props";

type Rule = CrossFieldRule<MathesarOnDockerHostProps>;

/**
 * `holds()` only when `value` is given: a Terraform conditional reports only the chosen branch's errors, so
 * the fields of a null object are never read.
 */
function whenGiven(value: unknown, holds: () => Condition): Condition {
  const given = isPresent(value);
  if (typeof given === "boolean") return given ? holds() : true;
  return Token.asString(Fn.conditional(given, holds(), true));
}

/** Every cross-field rule of the target. */
export const DOCKER_CROSS_FIELD_RULES: readonly Rule[] = [
  {
    on: "database.evaluation.hostPort",
    holds: (p) => isAbsent(p.database?.evaluation?.hostPort),
    message: (w) =>
      `Invalid ${w.name("database.evaluation.hostPort")} ${w.value("database.evaluation.hostPort")}: the ` +
      `evaluation database is never published on a host port (it holds Mathesar's users and saved ` +
      `credentials); reach it with docker exec or an SSH tunnel.`,
  },
  {
    on: "tls",
    holds: (p) =>
      not(
        all(equal(p.tls ?? DOCKER_DEFAULTS.tls, "files"), any(isAbsent(p.tlsCertificate), isAbsent(p.tlsPrivateKey))),
      ),
    message: (w) =>
      `Invalid ${w.name("tls")} "files": needs ${w.name("tlsCertificate")} and ${w.name("tlsPrivateKey")} (your certificate chain and its key, PEM).`,
  },
  {
    // On the same variable as the rule above: validations of two variables that read each other are a
    // cycle for Terraform.
    on: "tls",
    holds: (p) => any(isAbsent(p.tlsCertificate), equal(p.tls ?? DOCKER_DEFAULTS.tls, "files")),
    message: (w) =>
      `Invalid ${w.name("tlsCertificate")}: it is used only with ${w.name("tls")} "files" (${w.name("tls")} is ${w.value("tls", DOCKER_DEFAULTS.tls)}).`,
  },
  {
    on: "sso.requireSsoLogin",
    holds: (p) => any(not(truthy(p.sso?.requireSsoLogin)), isPresent(p.sso?.configJson)),
    message: (w) =>
      `Invalid ${w.name("sso.requireSsoLogin")} true without an SSO configuration ` +
      `(${w.name("sso.configJson")}): Mathesar would keep password login and only log a warning.`,
  },
  {
    // libpq verifies the server against PGSSLROOTCERT in the verify modes; without a CA it cannot connect.
    on: "database.existing",
    holds: (p) =>
      whenGiven(p.database?.existing, () =>
        any(
          not(oneOf(p.database!.existing!.sslMode ?? CONTRACT_DEFAULTS.sslMode, VERIFIED_SSL_MODES)),
          isPresent(p.database!.existing!.caCertificate),
        ),
      ),
    message: (w) =>
      `Invalid ${w.name("database.existing.sslMode")}: verify-ca or verify-full needs ` +
      `${w.name("database.existing.caCertificate")} (the server's CA, PEM), which libpq verifies the server against.`,
  },
  {
    on: "database.existing.password",
    holds: (p) => any(not(isPresent(p.database?.existing)), isPresent(p.database?.existing?.password)),
    message: (w) =>
      `Invalid ${w.name("database.existing.password")}: must be set when ${w.name("database.existing")} is set.`,
  },
];
