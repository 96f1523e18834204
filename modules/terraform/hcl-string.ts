/**
 * HCL's quoted-string escapes, in one place: validation conditions (regexes), values written inside cdktf
 * function calls (`jsonencode`) and the published HCL all quote text with them.
 */

/** True for a control character, which an HCL quoted string cannot hold raw. */
export function isControlCharacter(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/**
 * `text` escaped for the inside of an HCL quoted string: backslashes, quotes, newlines, tabs and other control
 * characters. Template sequences (`${`, `%{`) are left as they are: the caller decides whether they are
 * template syntax or literal text.
 */
export function escapeHclText(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (isControlCharacter(ch)) out += `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out;
}

/** `${` and `%{` escaped, so a template reads them as literal text. Functions, not strings: "$$" in a replacement string is one "$". */
export function escapeTemplateSequences(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Quotes a string as an HCL string literal: nothing in it is interpolated (regexes keep their backslashes). */
export function hclString(value: string): string {
  return `"${escapeTemplateSequences(escapeHclText(value))}"`;
}
