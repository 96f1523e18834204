/**
 * stacks/terraform-version-check.ts: cdktf's binary version checks run once per distinct check and give
 * every caller the same messages. Fake binaries (shell commands that log each run) stand in for Terraform.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ValidateBinaryVersion } from "cdktf/lib/validations/validate-binary-version";
import { checkBinaryVersionsOnce } from "../../stacks/terraform-version-check";

let dir: string;
let log: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "version-check-"));
  log = path.join(dir, "runs.log");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const runs = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0);
/** A command that logs its run, then prints `output` and exits with `status`. */
const fakeBinary = (output: string, status = 0) => `sh -c 'echo run >> "${log}"; echo "${output}"; exit ${status}'`;

describe("checkBinaryVersionsOnce", () => {
  beforeAll(() => {
    checkBinaryVersionsOnce();
    checkBinaryVersionsOnce(); // installing twice must not wrap twice
  });

  it("runs a repeated check once and passes it every time", () => {
    const command = fakeBinary("Fake v1.11.4");
    const checks = [1, 2, 3].map(() => new ValidateBinaryVersion("fake", ">=1.4", command));
    expect(checks.map((c) => c.validate())).toEqual([[], [], []]);
    expect(runs()).toBe(1);
  });

  it("runs a different constraint on its own and repeats its failure word for word", () => {
    const command = fakeBinary("Fake v1.3.0");
    expect(new ValidateBinaryVersion("fake", ">=1.0", command).validate()).toEqual([]);
    const failing = () => new ValidateBinaryVersion("fake", ">=1.4", command, "Upgrade.").validate();
    const first = failing();
    expect(first).toEqual(["fake version 1.3.0 is lower than the required version >=1.4 for this construct. Upgrade."]);
    expect(failing()).toEqual(first);
    expect(runs()).toBe(2);
  });

  it("keeps a different hint's message apart", () => {
    const command = fakeBinary("Fake v1.3.0");
    const a = new ValidateBinaryVersion("fake", ">=1.4", command, "Hint A.").validate();
    const b = new ValidateBinaryVersion("fake", ">=1.4", command, "Hint B.").validate();
    expect(a[0]).toMatch(/Hint A\.$/);
    expect(b[0]).toMatch(/Hint B\.$/);
  });

  it("repeats a missing or broken binary's error (empty output, non-zero exit) without running it again", () => {
    for (const [output, status] of [
      ["", 0],
      ["", 127],
    ] as const) {
      const command = fakeBinary(output, status);
      const first = new ValidateBinaryVersion("fake", ">=1.4", command).validate();
      expect(first).toHaveLength(1);
      expect(first[0]).toMatch(/^Could not determine version of fake/);
      expect(new ValidateBinaryVersion("fake", ">=1.4", command).validate()).toEqual(first);
    }
    expect(runs()).toBe(2);
  });

  it("hands each caller its own copy of the messages", () => {
    const command = fakeBinary("Fake v0.1.0");
    const first = new ValidateBinaryVersion("fake", ">=1.4", command).validate();
    first.push("mutated by a caller");
    expect(new ValidateBinaryVersion("fake", ">=1.4", command).validate()).toHaveLength(1);
  });

  it("lets app.synth() run `terraform version` once for every deletion guard of every stack", () => {
    const fake = path.join(dir, "terraform");
    fs.writeFileSync(fake, `#!/bin/sh\necho run >> "${log}"\necho "Terraform v1.11.4"\n`, { mode: 0o755 });
    // cdktf reads the binary's name when it loads: load it afresh with the fake one.
    const saved = process.env.TERRAFORM_BINARY_NAME;
    process.env.TERRAFORM_BINARY_NAME = fake;
    try {
      jest.isolateModules(() => {
        /* eslint-disable @typescript-eslint/no-require-imports */
        const cdktf = require("cdktf") as typeof import("cdktf");
        const { DeletionGuard } = require("../../modules/terraform") as typeof import("../../modules/terraform");
        const check =
          require("../../stacks/terraform-version-check") as typeof import("../../stacks/terraform-version-check");
        /* eslint-enable @typescript-eslint/no-require-imports */
        check.checkBinaryVersionsOnce();
        const app = new cdktf.App({ outdir: path.join(dir, "out") });
        for (const name of ["one", "two"]) {
          const stack = new cdktf.TerraformStack(app, name);
          for (const guard of ["a", "b"]) {
            new DeletionGuard(stack, guard, {
              protects: [],
              replaceWhenChanged: "x",
              enabled: true,
              message: "no",
              addressName: `guard_${guard}`,
            });
          }
        }
        app.synth();
      });
    } finally {
      if (saved === undefined) delete process.env.TERRAFORM_BINARY_NAME;
      else process.env.TERRAFORM_BINARY_NAME = saved;
    }
    // Four terraform_data resources, each with cdktf's ">=1.4" check: one run of the (fake) binary.
    expect(runs()).toBe(1);
  });

  it("is installed by stacks/targets.ts, which main.ts and the benchmark load", () => {
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { ValidateBinaryVersion: Fresh } =
        require("cdktf/lib/validations/validate-binary-version") as typeof import("cdktf/lib/validations/validate-binary-version");
      const untouched = Fresh.prototype.validate;
      require("../../stacks/targets");
      /* eslint-enable @typescript-eslint/no-require-imports */
      expect(Fresh.prototype.validate).not.toBe(untouched);
    });
  });
});
