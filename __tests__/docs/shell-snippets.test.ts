/**
 * Every shell block in README.md, docs/ and the published READMEs is valid shell as written: `bash -n`
 * parses it (a reader pastes it into a terminal), and it holds no placeholder that a paste would run as a
 * redirection (`<tag>`, `<your-project>`): placeholders are shell variables the block sets or asks for.
 */
import { spawnSync } from "child_process";
import { type Snippet, snippetsIn } from "./snippets";

const SHELL = snippetsIn(["sh", "bash", "shell", "console"]);
const label = (s: Snippet) => `${s.file}:${s.line}`;

/** A `$ ` prompt (console blocks) is not part of the command. */
function commands(snippet: Snippet): string {
  return snippet.text.replace(/^\s*\$ /gm, "");
}

describe("shell snippets in the docs", () => {
  test("there are snippets to check", () => {
    expect(SHELL.length).toBeGreaterThan(20);
  });

  test.each(SHELL.map((s) => [label(s), s] as const))("%s is valid shell", (_where, snippet) => {
    const result = spawnSync("bash", ["-n"], { input: commands(snippet), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test.each(SHELL.map((s) => [label(s), s] as const))(
    "%s has no <placeholder> that bash would read as a redirection",
    (_where, snippet) => {
      // Heredoc bodies and quoted text may show angle brackets; a bare <word> on a command line may not.
      const lines = commands(snippet)
        .split("\n")
        .filter((line) => !/^\s*#/.test(line));
      const bare = lines.filter((line) =>
        /(^|\s)<[A-Za-z][A-Za-z0-9 _./-]*>(\s|$)/.test(line.replace(/'[^']*'|"[^"]*"/g, "")),
      );
      expect(bare).toEqual([]);
    },
  );
});
