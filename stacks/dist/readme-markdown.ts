/**
 * Markdown pieces of the module READMEs: table cells and code spans that hold any text a description, type or
 * default may carry (pipes, newlines, backticks, angle brackets) without breaking the table they sit in.
 */

/** A backtick run, to find code spans as CommonMark does (a run closes only a run of the same length). */
const BACKTICKS = /`+/g;

/** Splits Markdown text into plain text and code spans (a backtick run closed by one of the same length). */
function splitCodeSpans(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let plainStart = 0;
  let searchFrom = 0;
  for (;;) {
    BACKTICKS.lastIndex = searchFrom;
    const open = BACKTICKS.exec(text);
    if (!open) break;
    const fence = open[0];
    let close: RegExpExecArray | null;
    let closeAt = -1;
    BACKTICKS.lastIndex = open.index + fence.length;
    while ((close = BACKTICKS.exec(text))) {
      if (close[0].length === fence.length) {
        closeAt = close.index;
        break;
      }
    }
    if (closeAt < 0) {
      // An unmatched run is literal text; the search goes on after it.
      searchFrom = open.index + fence.length;
      continue;
    }
    if (open.index > plainStart) parts.push({ code: false, text: text.slice(plainStart, open.index) });
    parts.push({ code: true, text: text.slice(open.index, closeAt + fence.length) });
    plainStart = searchFrom = closeAt + fence.length;
  }
  if (plainStart < text.length) parts.push({ code: false, text: text.slice(plainStart) });
  return parts;
}

/**
 * Markdown text (a description: backticks are code, as terraform-docs reads them) for one table cell, so that
 * it shows what it says on its own and cannot break the table. Outside code spans a pipe gets the backslash
 * GFM needs to keep it in its cell, a line break becomes `<br>`, and a `<` that could open an HTML tag, comment
 * or autolink becomes `&lt;`: descriptions are written for Terraform's plain-text output, where `<name>` is a
 * placeholder a Markdown renderer would drop, and an `<!-- END_TF_DOCS -->` would end the generated block.
 * Inside code spans pipes are escaped too (GFM reads `\|` there as well) and line breaks become spaces, which
 * is how a code span shows them anyway.
 */
export function tableCell(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  return splitCodeSpans(normalized)
    .map((part) =>
      part.code
        ? part.text.replace(/\|/g, "\\|").replace(/\n/g, " ")
        : part.text
            .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
            .replace(/(\\*)\|/g, (_m, slashes: string) => `${slashes}${slashes.length % 2 === 0 ? "\\" : ""}|`)
            .replace(/\n/g, "<br>"),
    )
    .join("");
}

/** `text` as a code span for a table cell: a fence longer than any backtick run inside, pipes escaped. */
export function codeCell(text: string): string {
  const oneLine = text.replace(/\s*\r?\n\s*/g, " ");
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // CommonMark strips one space from each end of a code span that has both: pad when a backtick is at an end.
  const pad = /^`|`$/.test(oneLine) || /^ .* $/.test(oneLine) ? " " : "";
  return `${fence}${pad}${oneLine.replace(/\|/g, "\\|")}${pad}${fence}`;
}

/** A GFM table: header row, delimiter row (`:--:` for centred columns), one row per entry. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  centred: readonly string[] = [],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const delimiter = headers.map((h) => (centred.includes(h) ? `:${"-".repeat(Math.max(1, h.length))}:` : "-".repeat(h.length + 2)));
  return [line(headers), `|${delimiter.join("|")}|`, ...rows.map(line)].join("\n");
}

/** An HTML anchor and a link to it, as terraform-docs names table rows (`input_name`, `output_name`, ...). */
export function anchoredName(kind: string, name: string): string {
  // Terraform names are identifiers; anything else would break the attribute or the link.
  const id = `${kind}_${name}`.replace(/[^A-Za-z0-9_-]/g, "-");
  return `<a name="${id}"></a> [${tableCell(name)}](#${id})`;
}
