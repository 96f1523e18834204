/**
 * A small "pretty printer" document model (the Wadler/Prettier idea): text, groups that print on one line when
 * they fit and otherwise break every line of their own, and indentation. The formatter describes an expression
 * once as a document; this decides where the lines break.
 */

/** A layout document. Arrays concatenate. */
export type Doc =
  | string
  | Doc[]
  | { kind: "group"; contents: Doc }
  | { kind: "indent"; contents: Doc }
  | { kind: "line"; flat: string }
  | { kind: "ifBreak"; broken: Doc; flat: Doc }
  | { kind: "flat"; contents: Doc }
  | { kind: "fill"; words: readonly string[]; trailing: string };

/** Contents printed on one line if they fit, else with each of their own lines broken. */
export const group = (contents: Doc): Doc => ({ kind: "group", contents });
/** Contents whose broken lines are indented one level (2 columns) deeper. */
export const indent = (contents: Doc): Doc => ({ kind: "indent", contents });
/** A break that prints as a space when its group is flat. */
export const line: Doc = { kind: "line", flat: " " };
/** A break that prints as nothing when its group is flat. */
export const softline: Doc = { kind: "line", flat: "" };
/** Different text in a broken and in a flat group. */
export const ifBreak = (broken: Doc, flat: Doc = ""): Doc => ({ kind: "ifBreak", broken, flat });

/** Contents always printed on one line (their groups never break). */
export const flat = (contents: Doc): Doc => ({ kind: "flat", contents });

/**
 * Words separated by spaces when flat; broken, as many words per line as fit, then `trailing` after the last.
 * For lists of short constants, which one per line would stretch over dozens of lines.
 */
export const fill = (words: readonly string[], trailing = ""): Doc => ({ kind: "fill", words, trailing });

/** Joins documents with a separator. */
export function join(separator: Doc, docs: Doc[]): Doc[] {
  return docs.flatMap((doc, i) => (i === 0 ? [doc] : [separator, doc]));
}

type Mode = "flat" | "break";
type Command = [indentation: number, mode: Mode, doc: Doc];

/**
 * Prints `doc` starting at column `column`, with broken lines indented from `indentation`, keeping lines within
 * `width` where the document allows. Lines carry no trailing spaces.
 */
export function printDoc(doc: Doc, options: { indentation: number; column: number; width: number }): string {
  let out = "";
  let column = options.column;
  const commands: Command[] = [[options.indentation, "break", doc]];
  while (commands.length > 0) {
    const [indentation, mode, current] = commands.pop() as Command;
    if (typeof current === "string") {
      out += current;
      column += current.length;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) commands.push([indentation, mode, current[i]]);
    } else if (current.kind === "group") {
      const flat: Command = [indentation, "flat", current.contents];
      commands.push(mode === "flat" || fits(flat, commands, options.width - column) ? flat : [indentation, "break", current.contents]);
    } else if (current.kind === "indent") {
      commands.push([indentation + 2, mode, current.contents]);
    } else if (current.kind === "flat") {
      commands.push([indentation, "flat", current.contents]);
    } else if (current.kind === "fill") {
      const words = mode === "flat" ? current.words : [...current.words.slice(0, -1), `${current.words[current.words.length - 1]}${current.trailing}`];
      words.forEach((word, i) => {
        if (i > 0 && mode === "break" && column + 1 + word.length > options.width) {
          out = `${out.trimEnd()}\n${" ".repeat(indentation)}`;
          column = indentation;
        } else if (i > 0) {
          out += " ";
          column++;
        }
        out += word;
        column += word.length;
      });
    } else if (current.kind === "ifBreak") {
      commands.push([indentation, mode, mode === "break" ? current.broken : current.flat]);
    } else if (mode === "flat") {
      out += current.flat;
      column += current.flat.length;
    } else {
      out = `${out.trimEnd()}\n${" ".repeat(indentation)}`;
      column = indentation;
    }
  }
  return out;
}

/**
 * Whether `next` printed flat, followed by the rest of the line (the pending commands up to their first break),
 * fits in `remaining` columns.
 */
function fits(next: Command, rest: Command[], remaining: number): boolean {
  const stack: [Mode, Doc][] = [[next[1], next[2]]];
  let restIndex = rest.length;
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      const [, mode, doc] = rest[--restIndex];
      stack.push([mode, doc]);
      continue;
    }
    const [mode, doc] = stack.pop() as [Mode, Doc];
    if (typeof doc === "string") remaining -= doc.length;
    else if (Array.isArray(doc)) for (let i = doc.length - 1; i >= 0; i--) stack.push([mode, doc[i]]);
    else if (doc.kind === "group" || doc.kind === "indent") stack.push([mode, doc.contents]);
    else if (doc.kind === "flat") stack.push(["flat", doc.contents]);
    else if (doc.kind === "fill" && mode === "flat") remaining -= doc.words.join(" ").length;
    // Broken, a fill may start a new line after its first word.
    else if (doc.kind === "fill") return remaining - doc.words[0].length >= 0 || doc.words.length === 0;
    else if (doc.kind === "ifBreak") stack.push([mode, mode === "break" ? doc.broken : doc.flat]);
    else if (mode === "break") return true;
    else remaining -= doc.flat.length;
  }
  return false;
}
