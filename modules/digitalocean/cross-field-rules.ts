/**
 * The DigitalOcean target's rules over several settings, written once: the construct throws their
 * messages at synth time, the root module carries them as `validation` blocks (see CrossFieldRule).
 * Terraform's `&&` does not short-circuit, so a rule that calls a function on an optional value guards it
 * with `choose` (a conditional), never with `all`.
 */
import { Fn, Token } from "cdktf";
import {
  type Condition,
  type CrossFieldRule,
  all,
  any,
  atLeast,
  choose,
  endsWith,
  equal,
  isPresent,
  not,
  oneOf,
  truthy,
} from "../terraform/wiring";
import { isToken } from "../terraform/input-rule";
import { DO_SIZES, DO_STANDBY_MIN_MEMORY_GB, doDatabaseNodeMemoryGb } from "./catalog";
import { DO_DEFAULTS } from "./defaults";
import type { MathesarOnDigitalOceanProps } from "./props";

type Rule = CrossFieldRule<MathesarOnDigitalOceanProps>;

/** Sizes whose database plan cannot have a standby node. */
const SIZES_WITHOUT_STANDBY = Object.entries(DO_SIZES)
  .filter(([, tier]) => !tier.databaseSupportsStandby)
  .map(([size]) => size);

/** The memory (GB) at the end of a node slug, `db-s-1vcpu-2gb` → 2; Terraform: null when it has none. */
const NODE_MEMORY_REGEX = "-([0-9.]+)gb$";

function standbyMemoryEnough(nodeSize: string): Condition {
  if (!isToken(nodeSize)) {
    const memory = doDatabaseNodeMemoryGb(nodeSize);
    return memory === undefined ? true : memory >= DO_STANDBY_MIN_MEMORY_GB;
  }
  const memory = Token.asNumber(Fn.tonumber(Fn.element(Fn.regex(NODE_MEMORY_REGEX, nodeSize), 0)));
  return choose(
    Token.asString(Fn.can(Fn.regex(NODE_MEMORY_REGEX, nodeSize))),
    () => atLeast(memory, DO_STANDBY_MIN_MEMORY_GB),
    () => true,
  );
}

/** Every cross-field rule of the target. */
export const DO_CROSS_FIELD_RULES: readonly Rule[] = [
  {
    on: "domainZone",
    holds: (p) =>
      choose(
        isPresent(p.domainZone),
        () =>
          choose(
            isPresent(p.domainName),
            () => any(equal(p.domainName, p.domainZone), endsWith(p.domainName!, `.${p.domainZone}`)),
            () => false,
          ),
        () => true,
      ),
    message: (w) =>
      `Invalid ${w.name("domainZone")} ${w.value("domainZone")}: needs ${w.name("domainName")}, a host name ` +
      `equal to or inside that zone (${w.name("domainName")} is ${w.value("domainName")}).`,
  },
  {
    on: "vpcIpRange",
    holds: (p) => not(all(isPresent(p.vpcIpRange), isPresent(p.existingVpcId))),
    message: (w) =>
      `Invalid ${w.name("vpcIpRange")}: it only applies to a new VPC; remove it or ${w.name("existingVpcId")}.`,
  },
  {
    on: "database.managed.highAvailability",
    holds: (p) => {
      const managed = p.database?.managed ?? {};
      return not(
        all(
          truthy(managed.highAvailability),
          oneOf(p.size ?? DO_DEFAULTS.size, SIZES_WITHOUT_STANDBY),
          not(isPresent(managed.nodeSize)),
        ),
      );
    },
    message: (w) =>
      `Invalid ${w.name("database.managed.highAvailability")} true with ${w.name("size")} ` +
      `${w.value("size", DO_DEFAULTS.size)}: DigitalOcean's smallest database plan cannot have a standby ` +
      `node; use size "medium" or larger, or set ${w.name("database.managed.nodeSize")}.`,
  },
  {
    // On the same variable as the rule above: validations of two variables that read each other are a
    // cycle for Terraform.
    on: "database.managed.highAvailability",
    holds: (p) => {
      const managed = p.database?.managed ?? {};
      return choose(
        all(truthy(managed.highAvailability), isPresent(managed.nodeSize)),
        () => standbyMemoryEnough(managed.nodeSize!),
        () => true,
      );
    },
    message: (w) =>
      `Invalid ${w.name("database.managed.nodeSize")} ${w.value("database.managed.nodeSize")} with ` +
      `${w.name("database.managed.highAvailability")}: standby nodes need a plan with ` +
      `${DO_STANDBY_MIN_MEMORY_GB} GB of RAM or more (DigitalOcean), e.g. "db-s-1vcpu-2gb".`,
  },
  {
    on: "sso.requireSsoLogin",
    holds: (p) => any(not(truthy(p.sso?.requireSsoLogin)), isPresent(p.sso?.configJson)),
    message: (w) =>
      `Invalid ${w.name("sso.requireSsoLogin")} true without an SSO configuration ` +
      `(${w.name("sso.configJson")}): Mathesar would keep password login and only log a warning.`,
  },
  {
    on: "database.existing.password",
    holds: (p) => any(not(isPresent(p.database?.existing)), isPresent(p.database?.existing?.password)),
    message: (w) =>
      `Invalid ${w.name("database.existing.password")}: must be set when ${w.name("database.existing")} is set.`,
  },
];
