/** Mathesar talks to a managed database over TLS. */
import { appComponents, apps, componentEnv } from "../../lib/app-platform";
import { dependsOn, findingsFor, isExpression, literalString } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "MATHESAR_POSTGRES_SSL_REQUIRED";

/** Managed PostgreSQL resource types a `POSTGRES_HOST` may reference (other targets add theirs). */
export const MANAGED_DATABASE_TYPES: readonly string[] = ["digitalocean_database_cluster"];

/**
 * `MATHESAR_POSTGRES_SSL_REQUIRED`: when `POSTGRES_HOST` references a managed database resource,
 * `POSTGRES_SSLMODE` is `require`.
 */
export const PostgresSslRequired: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_app", ...MANAGED_DATABASE_TYPES],
  description: `An app component's POSTGRES_HOST references a managed database (${MANAGED_DATABASE_TYPES.join(", ")}) and POSTGRES_SSLMODE is not "require".`,
  explanation:
    "Without POSTGRES_SSLMODE Mathesar's driver uses `prefer`, which silently falls back to clear text; " +
    "`disable` always sends the role's password and every query in clear. Managed databases all accept TLS, " +
    "so `require` costs nothing (Mathesar does not support verify-ca/verify-full).",
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    const findings: Finding[] = [];
    for (const app of apps(config)) {
      for (const component of appComponents(app).components) {
        const { entries } = componentEnv(component);
        const host = entries.get("POSTGRES_HOST")?.value;
        if (host === undefined) continue; // Not a PostgreSQL client; MATHESAR_POSTGRES_CONNECTION_SET covers Mathesar.
        const label = component.label;
        const sslMode = entries.get("POSTGRES_SSLMODE")?.value;
        if (literalString(sslMode) === "require") {
          findings.push(result.compliant(app.address, `${label}: POSTGRES_SSLMODE = "require".`));
          continue;
        }
        const managed = isExpression(host) && MANAGED_DATABASE_TYPES.some((type) => host.includes(`${type}.`));
        if (!managed) {
          const why = isExpression(host)
            ? `POSTGRES_HOST ${dependsOn(host)}: whether it is a managed database is unknown`
            : `POSTGRES_HOST "${String(host)}" is not a managed database of this configuration`;
          findings.push(result.notApplicable(app.address, `${label}: ${why}.`));
        } else if (isExpression(sslMode)) {
          findings.push(result.notApplicable(app.address, `${label}: POSTGRES_SSLMODE ${dependsOn(sslMode)}.`));
        } else {
          const shown = sslMode === undefined ? "unset (the driver's default, prefer)" : JSON.stringify(sslMode);
          findings.push(result.nonCompliant(app.address, `${label}: POSTGRES_HOST is a managed database but POSTGRES_SSLMODE is ${shown}.`));
        }
      }
    }
    return findings;
  },
};
