/**
 * The project cites only what it ships: no tracked file may point a reader at the working notes that sit
 * beside the repository (they are not published). A fact such a note held belongs in docs/, most often
 * docs/architecture.md, "Decisions and their evidence".
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

/** The notes' file names, spelled so that this file does not cite them itself. */
const OUTSIDE_NOTES = ["design", "anchors", "toolchain", "mathesar-contract"].map((name) => `${name}.md`);

/** Matches a mention of one of the notes, e.g. `(x.md, "One contract")` or `../shared/x.md`. */
const CITATION = new RegExp(`(?<![\\w-])(${OUTSIDE_NOTES.map((name) => name.replace(/[.-]/g, "\\$&")).join("|")})`);

/** `path:line: text` of every line of `text` that mentions a note. */
function citationsIn(file: string, text: string): string[] {
  return text
    .split("\n")
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => CITATION.test(line))
    .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`);
}

function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    .split("\0")
    .filter((file) => file !== "");
}

describe("citations", () => {
  test("the pattern finds every spelling a file has used, and nothing else", () => {
    const [design, anchors, toolchain, contract] = OUTSIDE_NOTES;
    const hits = [
      ` * The props every target accepts (${design}, "One contract").`,
      `The starting design is \`shared/${design}\`; this`,
      `mis-renders some expressions (shared/${toolchain}).`,
      `Every rule of the scanners' catalogues in ${anchors} now has a rule`,
      `see ../shared/${contract}`,
    ];
    const misses = [
      "docs/architecture.md",
      "modules/policies/RULES.md",
      `my-${design} is not a note`, // another file whose name merely ends the same way
      "the design of the contract",
      "stacks/shared/contract-variables.ts",
    ];
    expect(hits.filter((line) => citationsIn("x", line).length === 0)).toEqual([]);
    expect(misses.filter((line) => citationsIn("x", line).length > 0)).toEqual([]);
  });

  test("no tracked file cites a document outside the repository", () => {
    const files = trackedFiles();
    expect(files).toContain("docs/architecture.md");
    const found = files
      .filter((file) => fs.existsSync(path.join(ROOT, file)) && fs.statSync(path.join(ROOT, file)).isFile())
      .flatMap((file) => citationsIn(file, fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(found).toEqual([]);
  });

  test("the evidence the citations now point to exists", () => {
    const architecture = fs.readFileSync(path.join(ROOT, "docs", "architecture.md"), "utf8");
    expect(architecture).toMatch(/^## Decisions and their evidence$/m);
    expect(architecture).toMatch(/^## Verification ladder, as built$/m);
    for (const decision of [
      "One contract",
      "Published modules are HCL, rendered by our own renderer",
      "The security rules mirror the scanners",
    ]) {
      expect(architecture).toContain(`**${decision}.**`);
    }
  });
});
