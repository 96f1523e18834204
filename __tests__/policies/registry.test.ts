/**
 * One registration point per provider folder, ids derived from file names: every rule file is in its
 * barrel, every barrel rule comes from a file of its own name, and every id is what the file name gives.
 */
import * as fs from "fs";
import * as path from "path";
import {
  MATHESAR_RULES,
  RULES_BY_PROVIDER,
  RULE_ID_PREFIXES,
  RULE_PROVIDERS,
  isPolicyRule,
  ruleIdFromFileName,
  type PolicyRule,
} from "../../modules/policies";

const RULES_DIR = path.join(__dirname, "../../modules/policies/rules");

/** The rule files of a provider folder: every `.ts` file but the barrel, without `.ts`. */
function ruleFiles(provider: string): string[] {
  return fs
    .readdirSync(path.join(RULES_DIR, provider))
    .filter((file) => file.endsWith(".ts") && file !== "index.ts")
    .map((file) => file.replace(/\.ts$/, ""))
    .sort();
}

/** The rules a module exports, by export name. */
function exportedRules(module: Record<string, unknown>): Record<string, PolicyRule> {
  return Object.fromEntries(Object.entries(module).filter(([, value]) => isPolicyRule(value))) as Record<
    string,
    PolicyRule
  >;
}

describe("ruleIdFromFileName", () => {
  test.each([
    ["aws", "RdsForceSsl", "AWS_RDS_FORCE_SSL"],
    ["aws", "LbTls12Policy", "AWS_LB_TLS_1_2_POLICY"],
    ["digitalocean", "LoadbalancerHttps", "DO_LOADBALANCER_HTTPS"],
    ["digitalocean", "DatabaseInVpc", "DO_DATABASE_IN_VPC"],
    ["google", "SqlSslRequired", "GOOGLE_SQL_SSL_REQUIRED"],
    ["mathesar", "PinnedImage", "MATHESAR_PINNED_IMAGE"],
    ["mathesar", "X", "MATHESAR_X"],
  ])("%s/%s.ts → %s", (provider, name, id) => {
    expect(ruleIdFromFileName(provider, name)).toBe(id);
  });

  test.each([
    ["an empty name", ""],
    ["a name with .ts", "RdsForceSsl.ts"],
    ["a lower-case name", "rdsForceSsl"],
    ["a kebab-case name", "rds-force-ssl"],
    ["a snake-case name", "Rds_Force_Ssl"],
    ["a name with a space", "Rds ForceSsl"],
    ["a name starting with a digit", "12Policy"],
    ["null", null],
    ["undefined", undefined],
  ])("refuses %s, naming it and what is allowed", (_label, name) => {
    expect(() => ruleIdFromFileName("aws", name as unknown as string)).toThrow(
      `Invalid rule file name ${JSON.stringify(name)}: expected PascalCase letters and digits`,
    );
  });

  test.each([
    ["an unknown provider", "azure"],
    ["an empty provider", ""],
    ["a provider in capitals", "AWS"],
    ["an inherited property name", "constructor"],
    ["null", null],
  ])("refuses %s, listing the provider folders", (_label, provider) => {
    expect(() => ruleIdFromFileName(provider as unknown as string, "RdsForceSsl")).toThrow(
      /Invalid rule provider .*: expected one of digitalocean, mathesar, aws, google/,
    );
  });

  test("every provider folder has a prefix, and every prefix a folder", () => {
    const folders = fs
      .readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual([...RULE_PROVIDERS].sort());
    expect(Object.keys(RULE_ID_PREFIXES).sort()).toEqual(folders);
  });
});

describe.each(RULE_PROVIDERS.map((provider) => [provider]))("rules/%s", (provider) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const barrel = require(path.join(RULES_DIR, provider)) as Record<string, unknown>;
  const files = ruleFiles(provider);

  test("the barrel registers every rule file under the file's name, and nothing else", () => {
    expect(Object.keys(exportedRules(barrel)).sort()).toEqual(files);
  });

  test.each(files.map((file) => [file]))(
    "%s.ts exports one rule, named as the file, whose id the file name gives",
    (file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rules = exportedRules(require(path.join(RULES_DIR, provider, file)) as Record<string, unknown>);
      expect(Object.keys(rules)).toEqual([file]);
      expect(rules[file].id).toBe(ruleIdFromFileName(provider, file));
      expect(barrel[file]).toBe(rules[file]);
    },
  );

  test("RULES_BY_PROVIDER holds exactly the barrel's rules, sorted by id", () => {
    const ids = RULES_BY_PROVIDER[provider].map((rule) => rule.id);
    expect(ids).toEqual(files.map((file) => ruleIdFromFileName(provider, file)).sort());
  });
});

describe("the list of all rules", () => {
  test("is the providers' rules in RULE_PROVIDERS order, each rule once", () => {
    expect(MATHESAR_RULES).toEqual(RULE_PROVIDERS.flatMap((provider) => RULES_BY_PROVIDER[provider]));
    expect(new Set(MATHESAR_RULES).size).toBe(MATHESAR_RULES.length);
    const fileCount = RULE_PROVIDERS.reduce((count, provider) => count + ruleFiles(provider).length, 0);
    expect(MATHESAR_RULES).toHaveLength(fileCount);
  });

  test("no file outside the barrels registers rules (pack.ts and index.ts import no rule file)", () => {
    const root = path.join(RULES_DIR, "..");
    for (const file of ["pack.ts", "index.ts", "rules/index.ts"]) {
      const source = fs.readFileSync(path.join(root, file), "utf8");
      expect({ file, ruleFileImports: source.match(/from "\.\/(rules\/)?[a-z]+\/[A-Z]\w*"/g) ?? [] }).toEqual({
        file,
        ruleFileImports: [],
      });
    }
  });

  test("isPolicyRule tells rules from the constants, suppressions and helpers barrels also export", () => {
    expect(MATHESAR_RULES.every(isPolicyRule)).toBe(true);
    for (const value of [null, undefined, "AWS_RDS_FORCE_SSL", 7, [], {}, { id: "X", check: () => [] }, () => []]) {
      expect(isPolicyRule(value)).toBe(false);
    }
  });
});
