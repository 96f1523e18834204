/** Mathesar is always told where its database is. */
import { appComponents, apps, componentEnv, runsMathesar } from "../../lib/app-platform";
import { dependsOn, findingsFor, isExpression, literalString, soleResourceAttribute } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "MATHESAR_POSTGRES_CONNECTION_SET";

/** The variables without which the image starts a throwaway in-container database. */
export const REQUIRED_POSTGRES_VARIABLES = ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"] as const;

/** `MATHESAR_POSTGRES_CONNECTION_SET`: every Mathesar service, worker and job sets POSTGRES_DB, POSTGRES_USER and POSTGRES_HOST, non-empty. */
export const PostgresConnectionSet: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_app"],
  description: `A component running the Mathesar image lacks ${REQUIRED_POSTGRES_VARIABLES.join(", ")} or sets one to an empty string.`,
  explanation:
    "When any of the three is missing, the Mathesar image starts its own PostgreSQL inside the container: the " +
    "deployment looks healthy, but users, settings and saved credentials live on a disk that vanishes at the " +
    "next deploy — and the first visitor can claim the fresh installation. A value that is one attribute of a " +
    "resource (e.g. digitalocean_database_db.mathesar.name) counts as set: the provider fills it.",
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    const findings: Finding[] = [];
    for (const app of apps(config)) {
      for (const component of appComponents(app).components) {
        const label = component.label;
        const mathesar = runsMathesar(component);
        if (mathesar !== "yes") {
          const why = mathesar === "no" ? "does not run the Mathesar image" : "has an image given by an expression, so it may or may not be Mathesar";
          findings.push(result.notApplicable(app.address, `${label} ${why}.`));
          continue;
        }
        const { entries, complete } = componentEnv(component);
        const missing: string[] = [];
        const unknown: string[] = [];
        for (const name of REQUIRED_POSTGRES_VARIABLES) {
          const entry = entries.get(name);
          if (entry === undefined) {
            if (complete) missing.push(`${name} is not set`);
            else unknown.push(`${name} may come from a dynamic env block`);
          } else if (soleResourceAttribute(entry.value) !== undefined) continue;
          else if (isExpression(entry.value)) unknown.push(`${name} ${dependsOn(entry.value)}`);
          else if ((literalString(entry.value) ?? "").trim() === "") missing.push(`${name} is empty`);
        }
        if (missing.length > 0) {
          findings.push(result.nonCompliant(app.address, `${label}: ${missing.join(", ")}; the image would start a throwaway in-container database.`));
        } else if (unknown.length > 0) {
          findings.push(result.notApplicable(app.address, `${label}: ${unknown.join("; ")}.`));
        } else {
          findings.push(result.compliant(app.address, `${label}: ${REQUIRED_POSTGRES_VARIABLES.join(", ")} are set.`));
        }
      }
    }
    return findings;
  },
};
