/** Mathesar is always told where its database is. */
import { appComponents, apps, componentEnv, runsMathesar } from "../../lib/app-platform";
import { containerRunsMathesar, containerVariables, ecsContainers, taskDefinitions } from "../../lib/ecs";
import {
  CLOUD_RUN_WORKLOAD_TYPES,
  cloudRunContainers,
  cloudRunEnv,
  cloudRunRunsMathesar,
  cloudRunWorkloads,
  fromSecret,
} from "../../lib/google";
import { dependsOn, findingsFor, isExpression, literalString, soleResourceAttribute } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "MATHESAR_POSTGRES_CONNECTION_SET";

/** The variables without which the image starts a throwaway in-container database. */
export const REQUIRED_POSTGRES_VARIABLES = ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"] as const;

/**
 * `MATHESAR_POSTGRES_CONNECTION_SET`: every Mathesar service, worker and job (App Platform) and every Mathesar
 * container (ECS, Cloud Run services and jobs) sets POSTGRES_DB, POSTGRES_USER and POSTGRES_HOST, non-empty.
 */
export const PostgresConnectionSet: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_app", "aws_ecs_task_definition", ...CLOUD_RUN_WORKLOAD_TYPES],
  description:
    `A component (App Platform) or container (ECS, Cloud Run) running the Mathesar image lacks ${REQUIRED_POSTGRES_VARIABLES.join(", ")} ` +
    "or sets one to an empty string.",
  explanation:
    "When any of the three is missing, the Mathesar image starts its own PostgreSQL inside the container: the " +
    "deployment looks healthy, but users, settings and saved credentials live on a disk that vanishes at the " +
    "next deploy — and the first visitor can claim the fresh installation. A value that is one attribute of a " +
    "resource (e.g. digitalocean_database_db.mathesar.name) counts as set: the provider fills it; so does an " +
    "ECS variable taken from `secrets` or a Cloud Run variable taken from Secret Manager (value_source.secret_key_ref).",
  remediation:
    "Set POSTGRES_DB, POSTGRES_USER and POSTGRES_HOST on every Mathesar container (the contract's " +
    "environment builder, modules/mathesar/environment.ts, always does).",
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    const findings: Finding[] = [];
    for (const app of apps(config)) {
      for (const component of appComponents(app).components) {
        const mathesar = runsMathesar(component);
        if (mathesar !== "yes") {
          findings.push(result.notApplicable(app.address, `${component.label} ${notMathesar(mathesar)}.`));
          continue;
        }
        const { entries, complete } = componentEnv(component);
        findings.push(verdictFor(app.address, component.label, (name) => entries.get(name)?.value, complete));
      }
    }
    for (const task of taskDefinitions(config)) {
      const definitions = ecsContainers(task);
      if (!definitions.known) {
        findings.push(
          result.notApplicable(task.address, `${definitions.reason}: whether it runs Mathesar cannot be read here.`),
        );
        continue;
      }
      for (const container of definitions.containers) {
        const mathesar = containerRunsMathesar(container);
        if (mathesar !== "yes") {
          findings.push(result.notApplicable(task.address, `${container.label} ${notMathesar(mathesar)}.`));
          continue;
        }
        const { environment, secrets, complete } = containerVariables(container);
        // A variable from `secrets` is set by ECS from the secret's value at start.
        const lookup = (name: string) => (secrets.has(name) ? SET_FROM_SECRET : environment.get(name));
        findings.push(verdictFor(task.address, container.label, lookup, complete));
      }
    }
    for (const workload of cloudRunWorkloads(config)) {
      const { containers, hidden } = cloudRunContainers(workload);
      if (hidden !== undefined)
        findings.push(
          result.notApplicable(workload.address, `${hidden}: whether they run Mathesar cannot be read here.`),
        );
      for (const container of containers) {
        const mathesar = cloudRunRunsMathesar(container);
        if (mathesar !== "yes") {
          findings.push(result.notApplicable(workload.address, `${container.label} ${notMathesar(mathesar)}.`));
          continue;
        }
        const { entries, complete } = cloudRunEnv(container);
        // A variable from Secret Manager is set by Cloud Run from the secret's value at start.
        const lookup = (name: string) => {
          const entry = entries.get(name);
          if (entry === undefined) return undefined;
          const secret = fromSecret(entry);
          return secret === "yes" ? SET_FROM_SECRET : secret === "unknown" ? entry.secretRef : entry.value;
        };
        findings.push(verdictFor(workload.address, container.label, lookup, complete));
      }
    }
    return findings;
  },
};

/** Marks a variable that ECS sets from a secret. */
const SET_FROM_SECRET = Symbol("set from a secret");

function notMathesar(mathesar: "no" | "unknown"): string {
  return mathesar === "no"
    ? "does not run the Mathesar image"
    : "has an image given by an expression, so it may or may not be Mathesar";
}

/** The finding for one component or container, given how to read its variables. */
function verdictFor(address: string, label: string, valueOf: (name: string) => unknown, complete: boolean): Finding {
  const result = findingsFor(ID);
  const missing: string[] = [];
  const unknown: string[] = [];
  for (const name of REQUIRED_POSTGRES_VARIABLES) {
    const value = valueOf(name);
    if (value === SET_FROM_SECRET || soleResourceAttribute(value) !== undefined) continue;
    if (value === undefined) {
      if (complete) missing.push(`${name} is not set`);
      else unknown.push(`${name} may come from a dynamic env block or an expression`);
    } else if (isExpression(value)) unknown.push(`${name} ${dependsOn(value)}`);
    else if ((literalString(value) ?? "").trim() === "") missing.push(`${name} is empty`);
  }
  if (missing.length > 0) {
    return result.nonCompliant(
      address,
      `${label}: ${missing.join(", ")}; the image would start a throwaway in-container database.`,
    );
  }
  if (unknown.length > 0) return result.notApplicable(address, `${label}: ${unknown.join("; ")}.`);
  return result.compliant(address, `${label}: ${REQUIRED_POSTGRES_VARIABLES.join(", ")} are set.`);
}
