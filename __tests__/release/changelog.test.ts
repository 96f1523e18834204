/**
 * CHANGELOG.md keeps the Keep a Changelog 1.1.0 shape the version script relies on, and the renames it tells
 * module users about are true of the published modules: the new variable is declared, the old one is gone.
 */
import * as fs from "fs";
import * as path from "path";
import { parseHcl } from "../support/hcl";
import { REPO } from "./fixture";

const TEXT = fs.readFileSync(path.join(REPO, "CHANGELOG.md"), "utf8");
const SECTIONS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"];

/** Each "## [...]" section with its body. */
function releases(): { name: string; date: string | null; body: string }[] {
  const parts = TEXT.split(/^## /m).slice(1);
  return parts.map((part) => {
    const heading = part.slice(0, part.indexOf("\n"));
    const match = heading.match(/^\[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$/);
    if (!match) throw new Error(`CHANGELOG.md heading "## ${heading}" is not "## [X.Y.Z] - YYYY-MM-DD"`);
    return { name: match[1], date: match[2] ?? null, body: part.slice(heading.length + 1) };
  });
}

test("Unreleased comes first, then releases newest first, each dated and linked", () => {
  const all = releases();
  expect(all[0]).toMatchObject({ name: "Unreleased", date: null });
  const released = all.slice(1);
  expect(released.length).toBeGreaterThan(0);
  for (const release of released) {
    expect(release.name).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(release.date).not.toBeNull();
    expect(new Date(`${release.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(release.date);
  }
  const dates = released.map((release) => release.date as string);
  expect([...dates].sort().reverse()).toEqual(dates);
  for (const release of all)
    expect(TEXT).toMatch(new RegExp(`^\\[${release.name.replace(/\./g, "\\.")}\\]: https://`, "m"));
});

test("every subsection is one of Keep a Changelog's six and lists entries as '- ' lines", () => {
  for (const release of releases()) {
    const subsections = [...release.body.matchAll(/^### (.+)$/gm)].map((match) => match[1]);
    for (const name of subsections) expect(SECTIONS).toContain(name);
    for (const block of release.body.split(/^### .+$/m).slice(1)) {
      // The link references at the end of the file follow the last section.
      const lines = block.split("\n").filter((line) => line.trim() !== "" && !/^\[[^\]]+\]: /.test(line));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/^- /);
    }
  }
});

/**
 * Variable names a dist module declares, from every Terraform file of its folder: `*.tf.json` read as JSON,
 * `*.tf` (the HCL rendering) parsed with Terraform's own HCL parser. Either format, so the test holds before
 * and after dist/ moves to HCL.
 */
async function declaredVariables(moduleDir: string): Promise<string[]> {
  const dir = path.join(REPO, moduleDir);
  const names: string[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    const text = () => fs.readFileSync(path.join(dir, file), "utf8");
    if (file.endsWith(".tf.json")) names.push(...Object.keys(JSON.parse(text()).variable ?? {}));
    else if (file.endsWith(".tf")) {
      const parsed = await parseHcl(file, text());
      if (!parsed.ok) throw new Error(`${moduleDir}/${file} does not parse: ${parsed.error}`);
      names.push(...Object.keys(parsed.json.variable ?? {}));
    }
  }
  if (!names.length) throw new Error(`${moduleDir} declares no variable in a .tf or .tf.json file`);
  return names;
}

const RENAMES: [string, string[], string[]][] = [
  ["dist/terraform-aws-mathesar/modules/database", ["multi_az"], ["high_availability"]],
  ["dist/terraform-aws-mathesar/modules/database", ["allocated_storage"], ["allocated_storage_gib"]],
  ["dist/terraform-aws-mathesar/modules/service", ["memory"], ["memory_mib"]],
  [
    "dist/terraform-aws-mathesar/modules/service",
    ["image", "image_from_ecr"],
    ["image_repository", "mathesar_version"],
  ],
  [
    "dist/terraform-google-mathesar/modules/edge",
    ["cloud_run_service", "instance_group", "use_instance_group"],
    ["backend_cloud_run_service", "backend_instance_group", "backend_use_instance_group"],
  ],
  ["dist/terraform-google-mathesar/modules/cloud-run", ["memory"], ["memory_mib"]],
];

test.each(RENAMES)(
  "%s: the changelog's rename %j -> %j is what the module declares",
  async (moduleDir, before, after) => {
    const unreleased = releases()[0].body;
    const declared = await declaredVariables(moduleDir);
    for (const name of before) {
      expect(unreleased).toContain(`\`${name}\``);
      expect(declared).not.toContain(name);
    }
    for (const name of after) {
      expect(unreleased).toContain(`\`${name}\``);
      expect(declared).toContain(name);
    }
  },
);
