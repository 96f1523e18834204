/**
 * Every HCL block in README.md, docs/ and the published READMEs, run the way a reader uses it: it parses
 * (no `...` placeholders), and a block that configures Terraform goes through `terraform init`, which reads
 * the whole configuration, resolves the module sources against this repository's dist/ and lists the
 * providers it would install. Every provider must resolve to its real registry source (a `provider
 * "digitalocean" {}` without `required_providers` asks for hashicorp/digitalocean, which does not exist).
 * Where every provider is one these machines hold (hashicorp/aws), `terraform validate` runs too.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseHcl } from "../support/hcl";
import { TerraformWorkspace, awsProviderMirror } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";
import { type Snippet, localizeModuleSources, snippetsIn } from "./snippets";

/** The providers our modules and guides use, by their real registry source. */
const REAL_PROVIDER_SOURCES = new Set([
  "hashicorp/aws",
  "hashicorp/google",
  "hashicorp/google-beta",
  "digitalocean/digitalocean",
  "hashicorp/random",
  "hashicorp/helm",
  "hashicorp/kubernetes",
  "kreuzwerker/docker",
]);

const HCL = snippetsIn(["hcl", "terraform", "tf"]);
const label = (s: Snippet) => `${s.file}:${s.line}`;
/** Snippets that declare something Terraform acts on (as opposed to a fragment of arguments). */
const configurations = HCL.filter((s) => /^\s*(module|provider|resource|data|terraform)\b[^=\n]*\{/m.test(s.text));

describe("HCL snippets in the docs", () => {
  test("there are snippets to check (the extractor finds them)", () => {
    expect(HCL.length).toBeGreaterThan(20);
    expect(configurations.length).toBeGreaterThan(10);
  });

  test.each(HCL.map((s) => [label(s), s] as const))("%s parses as HCL", async (_where, snippet) => {
    const parsed = await parseHcl("snippet.tf", snippet.text);
    expect(parsed.ok ? "" : parsed.error).toBe("");
  });
});

/** `var.x` references of a snippet that it does not declare itself. */
function undeclaredVariables(hcl: string): string[] {
  const declared = new Set([...hcl.matchAll(/^\s*variable\s+"([A-Za-z0-9_-]+)"/gm)].map((m) => m[1]));
  return [...new Set([...hcl.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]))]
    .filter((name) => !declared.has(name))
    .sort();
}

const mirror = awsProviderMirror();

describeWithTool(
  "terraform with the hashicorp/aws provider mirror",
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "HCL snippets through terraform init",
  () => {
    test.each(configurations.map((s) => [label(s), s] as const))(
      "%s: init resolves modules and real providers",
      (where, snippet) => {
        const workspace = new TerraformWorkspace(mirror!, "snippet");
        try {
          workspace.write("main.tf", localizeModuleSources(snippet.text, workspace.dir));
          // The reader's own configuration declares the variables a snippet refers to.
          workspace.write(
            "reader_variables.tf",
            undeclaredVariables(snippet.text)
              .map((name) => `variable "${name}" {}\n`)
              .join(""),
          );
          const init = workspace.run(["init", "-backend=false", "-input=false"]);
          const errors = [...init.output.matchAll(/^Error: (.+)$/gm)].map((m) => m[1].trim());
          // An excerpt shows some arguments of a module block and leaves the rest to the full example; every
          // argument it does show must still be a variable of the module ("Unsupported argument" otherwise).
          const excerpt =
            errors.length > 0 &&
            errors.every(
              (e) => e === "Missing required argument" || e === "Failed to query available provider packages",
            );
          expect(
            errors.filter(
              (e) => e !== "Failed to query available provider packages" && e !== "Missing required argument",
            ),
          ).toEqual([]);
          if (!excerpt) expect(init.output).not.toContain("problems with the configuration");
          const requested = [
            ...init.output.matchAll(/^- Finding (?:latest version of )?([a-z0-9-]+\/[a-z0-9-]+)/gm),
          ].map((m) => m[1]);
          const unknown = requested.filter((source) => !REAL_PROVIDER_SOURCES.has(source));
          expect({ where, unknown }).toEqual({ where, unknown: [] });
          if (!excerpt && requested.length > 0 && requested.every((source) => source === "hashicorp/aws")) {
            expect(init.ok).toBe(true);
            const validate = workspace.run(["validate"]);
            const validateErrors = [...validate.output.matchAll(/^Error: (.+)$/gm)].map((m) => m[1].trim());
            // An excerpt of a module block may leave required arguments out; nothing else may be wrong.
            expect(validateErrors.filter((e) => e !== "Missing required argument")).toEqual([]);
            if (validateErrors.length === 0) expect(validate.output).toContain("The configuration is valid");
          }
        } finally {
          workspace.dispose();
        }
      },
    );
  },
);

// Keep temp folders tidy even if a test throws before dispose (TerraformWorkspace uses os.tmpdir()).
afterAll(() => {
  for (const entry of fs.readdirSync(os.tmpdir()))
    if (entry.startsWith("mathesar-tf-snippet-"))
      fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
});
