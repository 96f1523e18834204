/**
 * scripts/release.js split, run offline against local bare repositories (one per module, as the Terraform
 * Registry wants one repository per module): each repository's root is the module plus LICENSE and
 * CHANGELOG.md, tagged v<package.json version>; a re-run changes nothing; a dirty tree, a disagreeing version
 * and a tag that would change are refused.
 */
import * as fs from "fs";
import * as path from "path";
import { hasTool, describeWithTool } from "../support/tools";
import { REPO, distModules, git, runScript, sourceCheckout, tempDir } from "./fixture";

const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version;
const TAG = `v${VERSION}`;
const MODULES = distModules();

/** A source checkout, an --out directory and one bare repository per module, under one temp dir. */
function setup(): { base: string; source: string; out: string; remotes: string } {
  const base = tempDir("release");
  const source = sourceCheckout(base);
  const remotes = path.join(base, "remotes");
  for (const name of MODULES) git(base, "init", "-q", "--bare", path.join(remotes, `${name}.git`));
  return { base, source, out: path.join(base, "out"), remotes };
}

function split(source: string, out: string, ...extra: string[]) {
  return runScript("release.js", ["split", "--root", source, "--out", out, ...extra]);
}

describeWithTool("git", hasTool("git"), "release split into one repository per module", () => {
  let env: ReturnType<typeof setup>;
  let firstRun: ReturnType<typeof split>;

  beforeAll(() => {
    env = setup();
    firstRun = split(env.source, env.out, "--push", "--remote-base", env.remotes);
  });
  afterAll(() => fs.rmSync(env.base, { recursive: true, force: true }));

  test("there are modules to split and the first run succeeds", () => {
    expect(MODULES.length).toBeGreaterThanOrEqual(5);
    expect(firstRun.stderr).not.toMatch(/refused/);
    expect(firstRun.status).toBe(0);
  });

  test.each(MODULES)("%s: the pushed tag's root is the module plus LICENSE and CHANGELOG.md", (name) => {
    const bare = path.join(env.remotes, `${name}.git`);
    const root = git(bare, "ls-tree", "--name-only", TAG).split("\n").sort();
    const expected = [...fs.readdirSync(path.join(REPO, "dist", name)), "LICENSE", "CHANGELOG.md"].sort();
    expect(root).toEqual(expected);
    // The module's four files, as HCL (.tf) or, before the HCL rendering, JSON (.tf.json).
    const format = root.includes("main.tf") ? ".tf" : ".tf.json";
    for (const file of ["main", "variables", "outputs", "versions"]) expect(root).toContain(`${file}${format}`);
    expect(root).toContain("README.md");
    expect(root).toContain("examples");
    // The Kubernetes module carries the chart instead of submodules.
    expect(root).toContain(name === "terraform-kubernetes-mathesar" ? "chart" : "modules");
    // Files arrive byte for byte.
    expect(git(bare, "show", `${TAG}:LICENSE`)).toBe(fs.readFileSync(path.join(REPO, "LICENSE"), "utf8").trim());
    expect(git(bare, "show", `${TAG}:CHANGELOG.md`)).toBe(
      fs.readFileSync(path.join(REPO, "CHANGELOG.md"), "utf8").trim(),
    );
    expect(git(bare, "show", `${TAG}:variables${format}`)).toBe(
      fs.readFileSync(path.join(REPO, "dist", name, `variables${format}`), "utf8").trim(),
    );
    // The whole module tree, not only its root: every file of dist/<name> is in the tag.
    const tracked = git(bare, "ls-tree", "-r", "--name-only", TAG).split("\n");
    const onDisk = listFiles(path.join(REPO, "dist", name));
    expect(tracked.sort()).toEqual([...onDisk, "LICENSE", "CHANGELOG.md"].sort());
    // An annotated tag on main's commit.
    expect(git(bare, "cat-file", "-t", TAG)).toBe("tag");
    expect(git(bare, "rev-parse", `${TAG}^{commit}`)).toBe(git(bare, "rev-parse", "refs/heads/main"));
  });

  test("re-running changes nothing: the same commits, no new ones, the push is a no-op", () => {
    const before = MODULES.map((name) => git(path.join(env.out, name), "rev-parse", "HEAD"));
    const again = split(env.source, env.out, "--push", "--remote-base", env.remotes);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toMatch(/committed/);
    expect(again.stdout.match(/\(unchanged\)/g)).toHaveLength(MODULES.length);
    for (const [i, name] of MODULES.entries()) {
      expect(git(path.join(env.out, name), "rev-parse", "HEAD")).toBe(before[i]);
      expect(git(path.join(env.remotes, `${name}.git`), "rev-list", "--count", "main")).toBe("1");
    }
  });

  test("a split into a fresh directory gives the same commit ids (commits carry the source commit's identity)", () => {
    const fresh = path.join(env.base, "fresh");
    expect(split(env.source, fresh).status).toBe(0);
    for (const name of MODULES) {
      expect(git(path.join(fresh, name), "rev-parse", TAG)).toBe(git(path.join(env.out, name), "rev-parse", TAG));
    }
  });

  test("a dirty working tree is refused (untracked and modified) and nothing is written", () => {
    const heads = MODULES.map((name) => git(path.join(env.out, name), "rev-parse", "HEAD"));
    const stray = path.join(env.source, "stray.txt");
    fs.writeFileSync(stray, "not committed\n");
    const untracked = split(env.source, env.out);
    fs.rmSync(stray);
    expect(untracked.status).toBe(1);
    expect(untracked.stderr).toMatch(/working tree is dirty[\s\S]*stray\.txt/);

    const license = path.join(env.source, "LICENSE");
    const original = fs.readFileSync(license, "utf8");
    fs.writeFileSync(license, original + "edited\n");
    const modified = split(env.source, env.out);
    fs.writeFileSync(license, original);
    expect(modified.status).toBe(1);
    expect(modified.stderr).toMatch(/working tree is dirty[\s\S]*LICENSE/);
    expect(MODULES.map((name) => git(path.join(env.out, name), "rev-parse", "HEAD"))).toEqual(heads);
  });

  test("an output repository edited by hand is refused", () => {
    const dir = path.join(env.out, MODULES[0]);
    fs.appendFileSync(path.join(dir, "README.md"), "hand edit\n");
    const result = split(env.source, env.out);
    git(dir, "checkout", "--", "README.md");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/changes nobody committed/);
  });
});

describeWithTool("git", hasTool("git"), "release split refusals and the next version", () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => fs.rmSync(env.base, { recursive: true, force: true }));

  test("changed content under an existing tag is refused, the output repository is left as it was", () => {
    expect(split(env.source, env.out).status).toBe(0);
    const name = MODULES[0];
    const head = git(path.join(env.out, name), "rev-parse", "HEAD");
    fs.appendFileSync(path.join(env.source, "dist", name, "README.md"), "\nA change after the release.\n");
    git(env.source, "commit", "-q", "-am", "change a released module");
    const result = split(env.source, env.out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${name}: tag ${TAG} already exists with other content`);
    expect(git(path.join(env.out, name), "rev-parse", "HEAD")).toBe(head);
    expect(git(path.join(env.out, name), "status", "--porcelain")).toBe("");
  });

  test("after scripts/version.js bumps the version the split adds a commit and the new tag; the old tag stays", () => {
    expect(split(env.source, env.out, "--push", "--remote-base", env.remotes).status).toBe(0);
    const name = MODULES[0];
    const bare = path.join(env.remotes, `${name}.git`);
    const oldTag = git(bare, "rev-parse", TAG);
    fs.appendFileSync(path.join(env.source, "dist", name, "README.md"), "\nA change for the next release.\n");
    const changelog = path.join(env.source, "CHANGELOG.md");
    fs.writeFileSync(
      changelog,
      fs
        .readFileSync(changelog, "utf8")
        .replace("## [Unreleased]\n", "## [Unreleased]\n\n### Fixed\n\n- A test fix.\n"),
    );
    const bump = runScript("version.js", ["99.0.0", "--root", env.source, "--date", "2030-01-02"]);
    expect(bump.stderr).toBe("");
    git(env.source, "commit", "-q", "-am", "release 99.0.0");
    const result = split(env.source, env.out, "--push", "--remote-base", env.remotes);
    expect(result.status).toBe(0);
    expect(git(bare, "rev-parse", TAG)).toBe(oldTag);
    expect(git(bare, "rev-list", "--count", "main")).toBe("2");
    expect(git(bare, "rev-parse", "v99.0.0^{commit}")).toBe(git(bare, "rev-parse", "main"));
    expect(git(bare, "show", "v99.0.0:CHANGELOG.md")).toContain("## [99.0.0] - 2030-01-02");
    // A module whose own code did not change still gets the new tag (one version for the whole product), on a
    // new commit because its CHANGELOG.md moved on, and its READMEs' usage blocks pin the new version (the bump
    // rewrote their `version =` lines); nothing else differs.
    const other = path.join(env.remotes, `${MODULES[1]}.git`);
    expect(git(other, "rev-parse", "v99.0.0^{commit}")).toBe(git(other, "rev-parse", "main"));
    const changed = git(other, "diff", "--name-only", TAG, "v99.0.0").split("\n");
    expect(changed).toContain("CHANGELOG.md");
    for (const file of changed.filter((f) => f !== "CHANGELOG.md")) {
      expect(file).toMatch(/(^|\/)README\.md$/);
      const lines = git(other, "diff", "--unified=0", TAG, "v99.0.0", "--", file)
        .split("\n")
        .filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));
      for (const line of lines) expect(line).toMatch(/^[-+]\s*version\s*=\s*"~> (0\.\d+\.0|99\.0)"$/);
    }
  });

  test("versions that disagree are refused (package-lock.json behind package.json)", () => {
    const lockFile = path.join(env.source, "package-lock.json");
    const lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));
    lock.version = "0.0.1";
    fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + "\n");
    git(env.source, "commit", "-q", "-am", "lock behind");
    const result = split(env.source, env.out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/version disagrees[\s\S]*package-lock\.json version is 0\.0\.1/);
    expect(fs.existsSync(env.out)).toBe(false);
  });

  test("a remote tag with other content is not overwritten by --push", () => {
    const name = MODULES[0];
    const bare = path.join(env.remotes, `${name}.git`);
    // Somebody published a different v<version> already.
    const other = path.join(env.base, "other");
    fs.mkdirSync(other);
    git(other, "init", "-q", "-b", "main");
    fs.writeFileSync(path.join(other, "main.tf"), "# someone else's module\n");
    git(other, "add", ".");
    git(other, "commit", "-q", "-m", "someone else");
    git(other, "tag", "-a", TAG, "-m", "someone else");
    git(other, "push", "-q", bare, "main", TAG);
    const before = git(bare, "rev-parse", TAG);
    const result = split(env.source, env.out, "--push", "--remote-base", env.remotes);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/git push[\s\S]*(rejected|already exists)/);
    expect(git(bare, "rev-parse", TAG)).toBe(before);
  });

  test("a non-empty --out that is not a git repository is refused", () => {
    fs.mkdirSync(path.join(env.out, MODULES[0]), { recursive: true });
    fs.writeFileSync(path.join(env.out, MODULES[0], "keep.txt"), "mine\n");
    const result = split(env.source, env.out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is not a git repository and is not empty/);
    expect(fs.readFileSync(path.join(env.out, MODULES[0], "keep.txt"), "utf8")).toBe("mine\n");
  });

  test("an --out inside the checkout is refused (it would dirty the tree it releases)", () => {
    const result = split(env.source, path.join(env.source, "out"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/inside the checkout/);
  });
});

describe("release command line", () => {
  test.each([
    [[], /give a command/],
    [["splitt", "--out", "x"], /unknown command "splitt"/],
    [["split"], /--out <dir> is required/],
    [["split", "--out"], /--out needs a value/],
    [["split", "--out", ""], /--out needs a value/],
    [["split", "--out", "--push"], /--out needs a value/],
    [["split", "--out", "x", "--remote-base", "y"], /--remote-base is only used with --push/],
    [["split", "--out", "x", "--force"], /unknown option "--force"/],
  ])("usage error for %j", (args, message) => {
    const result = runScript("release.js", args as string[]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
  });
});

function listFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}
