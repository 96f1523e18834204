/**
 * The bundle's shell scripts: every one parses (`bash -n`) and passes shellcheck; the secret generator is run
 * for real. It creates .env (mode 0600) from .env.example, fills each empty secret once and never again, keeps
 * values the user set, produces secrets that pass the bootstrap's own rule (secretKeyProblem, the same rule
 * the Python bootstrap applies), and refuses unpinned images and a DOMAIN_NAME that is not a host name.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { COMMITTED_BUNDLES, PASSWORD_LENGTH, SECRET_KEY_LENGTH, composeBundleFiles } from "../../modules/compose";
import { DOMAIN_NAME_RULE, MIN_ADMIN_PASSWORD_LENGTH, secretKeyProblem } from "../../modules/mathesar";
import { DOMAIN_NAME_RULE_PATTERN } from "../../modules/compose/secrets-script";
import { hclString } from "../../modules/terraform/input-rule";
import { describeWithTool, hasTool } from "../support/tools";
import { parseEnvFile, runScript, writeBundle } from "./support";

const SCRIPTS = Object.entries(COMMITTED_BUNDLES).flatMap(([folder, options]) =>
  Object.entries(composeBundleFiles(options))
    .filter(([relative]) => relative.endsWith(".sh"))
    .map(([relative, text]) => [`${folder}/${relative}`, text] as const),
);

describe("every script parses", () => {
  test("there are scripts to check", () => expect(SCRIPTS.length).toBe(11));
  test.each(SCRIPTS)("%s: bash -n", (_name, text) => {
    const result = spawnSync("bash", ["-n"], { input: text, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describeWithTool("shellcheck", hasTool("shellcheck"), "shellcheck: the bundle's scripts", () => {
  test.each(SCRIPTS)("%s: no findings", (name, text) => {
    // nginx/start.sh runs under the nginx image's POSIX sh; the others under bash.
    const shell = name.endsWith("nginx/start.sh") ? "sh" : "bash";
    const result = spawnSync("shellcheck", ["-s", shell, "-"], { input: text, encoding: "utf8" });
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("generate-secrets.sh (run for real)", () => {
  const read = (dir: string) => parseEnvFile(fs.readFileSync(path.join(dir, ".env"), "utf8"));

  test("creates .env with mode 0600 and fills every secret; a second run changes nothing", () => {
    const bundle = writeBundle();
    try {
      const first = runScript(bundle.dir, "generate-secrets.sh");
      expect(first.stderr).toMatch(/DOMAIN_NAME is still mathesar\.example\.org/);
      expect(first.status).toBe(0);
      expect(fs.statSync(path.join(bundle.dir, ".env")).mode & 0o777).toBe(0o600);
      const before = fs.readFileSync(path.join(bundle.dir, ".env"), "utf8");
      const values = read(bundle.dir);
      expect(values.SECRET_KEY).toHaveLength(SECRET_KEY_LENGTH);
      expect(values.ADMIN_PASSWORD).toHaveLength(PASSWORD_LENGTH);
      expect(values.POSTGRES_PASSWORD).toHaveLength(PASSWORD_LENGTH);
      const second = runScript(bundle.dir, "generate-secrets.sh");
      expect(second.status).toBe(0);
      expect(second.stdout).toMatch(/SECRET_KEY already has a value: kept/);
      expect(fs.readFileSync(path.join(bundle.dir, ".env"), "utf8")).toBe(before);
    } finally {
      bundle.remove();
    }
  });

  test("never replaces a SECRET_KEY the user set, fills only what is empty, keeps every other line", () => {
    const bundle = writeBundle();
    try {
      const own = "k".repeat(10) + "Zq8#mW2!pL5@xR7$vN3%tB6^yH9&jD4*cF1(gS0)uE";
      const example = fs.readFileSync(path.join(bundle.dir, ".env.example"), "utf8");
      fs.writeFileSync(
        path.join(bundle.dir, ".env"),
        example
          .replace(/^SECRET_KEY=$/m, `SECRET_KEY='${own}'`)
          .replace(/^DOMAIN_NAME=.*$/m, "DOMAIN_NAME=data.example.com")
          .replace(/^POSTGRES_PASSWORD=$/m, 'POSTGRES_PASSWORD=""'),
      );
      const result = runScript(bundle.dir, "generate-secrets.sh");
      expect(result.status).toBe(0);
      expect(result.stderr).toBe("");
      const values = read(bundle.dir);
      expect(values.SECRET_KEY).toBe(own);
      expect(values.DOMAIN_NAME).toBe("data.example.com");
      expect(values.POSTGRES_PASSWORD).toHaveLength(PASSWORD_LENGTH);
      expect(fs.readFileSync(path.join(bundle.dir, ".env"), "utf8").match(/^POSTGRES_PASSWORD=/gm)).toHaveLength(1);
    } finally {
      bundle.remove();
    }
  });

  test("an external database's password is the user's: never generated", () => {
    const bundle = writeBundle(COMMITTED_BUNDLES["deploy/compose-airgapped"]);
    try {
      expect(runScript(bundle.dir, "generate-secrets.sh").status).toBe(0);
      const values = read(bundle.dir);
      expect(values.POSTGRES_PASSWORD).toBe("");
      expect(values.SECRET_KEY).toHaveLength(SECRET_KEY_LENGTH);
    } finally {
      bundle.remove();
    }
  });

  test("40 runs: every SECRET_KEY passes the bootstrap's rule, every password its length; all differ", () => {
    const keys = new Set<string>();
    const passwords = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const bundle = writeBundle();
      try {
        expect(runScript(bundle.dir, "generate-secrets.sh").status).toBe(0);
        const values = read(bundle.dir);
        expect({ key: values.SECRET_KEY, problem: secretKeyProblem(values.SECRET_KEY) }).toEqual({
          key: values.SECRET_KEY,
          problem: undefined,
        });
        expect(values.SECRET_KEY).toMatch(/^[A-Za-z0-9]{64}$/);
        expect(values.ADMIN_PASSWORD.length).toBeGreaterThanOrEqual(MIN_ADMIN_PASSWORD_LENGTH);
        expect(values.ADMIN_PASSWORD.toLowerCase()).not.toContain("replace");
        keys.add(values.SECRET_KEY);
        passwords.add(values.ADMIN_PASSWORD);
      } finally {
        bundle.remove();
      }
    }
    expect(keys.size).toBe(40);
    expect(passwords.size).toBe(40);
  });

  test.each([
    ["MATHESAR_IMAGE", "docker.io/mathesar/mathesar:latest"],
    ["MATHESAR_IMAGE", "docker.io/mathesar/mathesar"],
    ["CADDY_IMAGE", "registry.example.org:5000/caddy:latest"],
    ["POSTGRES_IMAGE", `postgres:latest@sha256:${"a".repeat(64)}`],
  ])("refuses %s=%s (not pinned) before writing any secret", (name, value) => {
    const bundle = writeBundle();
    try {
      const example = fs.readFileSync(path.join(bundle.dir, ".env.example"), "utf8");
      fs.writeFileSync(
        path.join(bundle.dir, ".env"),
        example.replace(new RegExp(`^${name}=.*$`, "m"), `${name}=${value}`),
      );
      const result = runScript(bundle.dir, "generate-secrets.sh");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${name}=${value} in .env is not pinned`);
      expect(read(bundle.dir).SECRET_KEY).toBe("");
    } finally {
      bundle.remove();
    }
  });

  test.each(["Not A Host", "", "localhost", "https://data.example.org", "data.example.org;rm"])(
    "refuses DOMAIN_NAME=%j",
    (value) => {
      const bundle = writeBundle();
      try {
        const example = fs.readFileSync(path.join(bundle.dir, ".env.example"), "utf8");
        fs.writeFileSync(path.join(bundle.dir, ".env"), example.replace(/^DOMAIN_NAME=.*$/m, `DOMAIN_NAME=${value}`));
        const result = runScript(bundle.dir, "generate-secrets.sh");
        expect(result.status).toBe(1);
        expect(result.stderr).toContain("must be a lowercase DNS host name");
      } finally {
        bundle.remove();
      }
    },
  );

  test("the script's host-name pattern is DOMAIN_NAME_RULE's own", () => {
    expect(DOMAIN_NAME_RULE.condition("v")).toContain(hclString(`^(?:${DOMAIN_NAME_RULE_PATTERN})$`));
  });
});
