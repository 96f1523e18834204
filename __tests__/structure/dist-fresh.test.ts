/**
 * dist/ is committed: it must be exactly what the generator renders now, or users get modules that differ
 * from the sources and their tests. A failure here means: run `npm run synth` and commit dist/.
 */
import * as fs from "fs";
import * as path from "path";
import { renderBundle } from "../../stacks/dist/bundle";
import { allModuleBundles } from "../support/synth";

const DIST = path.join(__dirname, "..", "..", "dist");

/** Relative path (with `/`) → content of every file under `dir`. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(dir, child), "utf8");
    }
  };
  walk("");
  return files;
}

const bundles = Object.entries(allModuleBundles());

test("every published bundle is listed", () => {
  expect(bundles.map(([name]) => name)).toContain("terraform-digitalocean-mathesar");
});

test("dist/ holds no folder that no bundle renders", () => {
  const folders = fs
    .readdirSync(DIST, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  expect(folders.sort()).toEqual(bundles.map(([name]) => name).sort());
});

describe.each(bundles)("dist/%s", (name, bundle) => {
  let rendered: Record<string, string> = {};
  beforeAll(async () => {
    rendered = await renderBundle(bundle());
  }, 120_000);

  test("the bundle's directory matches its name", () => {
    expect(bundle().directory).toBe(name);
  });

  test("has exactly the files the generator renders", () => {
    const onDisk = fs.existsSync(path.join(DIST, name)) ? readTree(path.join(DIST, name)) : {};
    expect(Object.keys(onDisk).sort()).toEqual(Object.keys(rendered).sort());
  });

  test("every file has the content the generator renders", () => {
    const dir = path.join(DIST, name);
    const stale = Object.entries(rendered)
      .filter(
        ([file, content]) =>
          !fs.existsSync(path.join(dir, file)) || fs.readFileSync(path.join(dir, file), "utf8") !== content,
      )
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });
});
