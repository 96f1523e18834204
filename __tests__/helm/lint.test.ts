/**
 * `helm lint --strict` (template errors, chart metadata, the values schema, warnings as failures) for the
 * chart's defaults and every entry of the value matrix.
 */
import { HELM, helmLint } from "../support/helm";
import { describeWithTool } from "../support/tools";
import { DB_HOST, MATRIX } from "./matrix";

describeWithTool("helm", HELM !== undefined, "helm lint --strict", () => {
  test("the defaults lint cleanly once the required database host is given", () => {
    const result = helmLint({ database: { host: DB_HOST } });
    expect(result.stderr + result.stdout).toContain("1 chart(s) linted, 0 chart(s) failed");
    expect(result.status).toBe(0);
  });

  test("the bare defaults fail lint: a database host (or the in-cluster database) is required", () => {
    const result = helmLint({});
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("database.host is required");
  });

  test.each(MATRIX.map((e) => [e.name, e] as const))("%s", (_name, entry) => {
    const result = helmLint(entry.values);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining("0 chart(s) failed"),
    });
  });
});
