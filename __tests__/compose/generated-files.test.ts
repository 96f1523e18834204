/**
 * The generators of issue 12's committed artifacts (the Compose bundles, the Marketplace image, CapRover and
 * Cloudron) are registered in FILE_GENERATORS, so `npm run synth` writes them and CI finds them stale; and
 * each committed folder holds exactly what they write: a file a generator stopped writing would otherwise
 * stay in deploy/ unnoticed, fresh by every content test.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { FILE_GENERATORS } from "../../stacks/generated-files";

const REPO = path.join(__dirname, "..", "..");

/** Generator name pattern → the folders whose every file it writes. */
const OWNED: Record<string, string[]> = {
  "Compose bundles": ["deploy/compose", "deploy/compose-nginx", "deploy/compose-airgapped"],
  "DigitalOcean Marketplace image": ["deploy/digitalocean-marketplace"],
  "CapRover one-click app": ["deploy/caprover"],
  "Cloudron package": ["deploy/cloudron"],
};

describe.each(Object.entries(OWNED))("%s", (prefix, folders) => {
  const generators = FILE_GENERATORS.filter((g) => g.name.startsWith(prefix));
  const generated = generators.flatMap((g) => Object.keys(g.files())).sort();

  test("is registered once in FILE_GENERATORS", () => {
    expect(generators).toHaveLength(1);
  });

  test("its folders hold exactly the generated files, each as generated", () => {
    const committed = execFileSync("git", ["ls-files", "--", ...folders], { cwd: REPO, encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .sort();
    expect(committed).toEqual(generated);
    const files = generators[0].files();
    for (const file of generated)
      expect([file, fs.readFileSync(path.join(REPO, file), "utf8")]).toEqual([file, files[file]]);
  });
});
