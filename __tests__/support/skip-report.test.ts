/**
 * A tier that skips for a missing tool must say so where a reader looks: after jest's summary, with what did
 * not run and how to make it run. Runs jest on a fixture the way `npm test` runs on a machine without the tool.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { skipReason } from "./tools";

const repo = path.join(__dirname, "..", "..");

describe("skipped tiers are reported", () => {
  test("jest's closing lines name the skipped tier, the missing tool and how to install it", () => {
    const config = {
      rootDir: repo,
      roots: ["<rootDir>/__tests__/support/fixtures"],
      testMatch: ["**/*.fixture.ts"],
      transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] },
      reporters: ["<rootDir>/__tests__/support/summary-reporter.js"],
    };
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.MATHESAR_REQUIRE_TOOLS;
    const run = spawnSync(
      process.execPath,
      [path.join(repo, "node_modules", "jest", "bin", "jest.js"), "--config", JSON.stringify(config)],
      {
        cwd: repo,
        encoding: "utf8",
        env,
      },
    );
    const out = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(0);
    // The report comes after everything jest printed for the files.
    const tail = out.slice(out.lastIndexOf("at Object.<anonymous>"));
    expect(tail).toMatch(/^1 test tier\(s\) did NOT run:$/m);
    expect(tail).toContain(
      "a tier that needs a missing tool [SKIPPED: a-tool-nobody-has is not installed; to run it, install a-tool-nobody-has as .ci/run does",
    );
    expect(tail).toMatch(/^1 passed, 0 failed, 1 skipped$/m);
  });

  test.each([
    ["helm", /npm run install-helm/],
    ["terraform with the hashicorp/aws 5.100.0 provider mirror", /MATHESAR_TF_PLUGIN_MIRROR/],
    ["PostgreSQL server and psql", /apt-get install postgresql/],
    ["cloud-init", /install cloud-init as \.ci\/run does/],
  ])("the reason for %s says how to get it", (tool, how) => {
    expect(skipReason(tool)).toMatch(how);
    expect(skipReason(tool)).toContain("bash .ci/run");
  });
});
