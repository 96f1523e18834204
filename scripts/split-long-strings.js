#!/usr/bin/env node
/**
 * Splits string literals on lines longer than the limit into "a " + "b" concatenations at word
 * boundaries (what Prettier cannot do), so every source line fits. Usage:
 * node scripts/split-long-strings.js <files...>, or --check [files...] to list the long lines and exit 1
 * when there are any (npm run lint runs it that way over every tracked source file). Lines inside a
 * multi-line template are generated text (a script, a config file) and do not count.
 */
const fs = require("fs");
const ts = require("typescript");

const LIMIT = 160;
const CHUNK = 100;

function chunks(text) {
  const parts = [];
  let rest = text;
  while (rest.length > CHUNK) {
    let cut = rest.lastIndexOf(" ", CHUNK);
    if (cut < CHUNK / 2) cut = rest.indexOf(" ", CHUNK);
    if (cut < 0) break;
    parts.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  parts.push(rest);
  return parts;
}

/** Splits a template's text at spaces outside `${...}` into pieces of about CHUNK characters. */
function splitTemplate(text) {
  const cuts = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (depth > 0 && text[i] === "{") depth++;
    else if (depth > 0 && text[i] === "}") depth--;
    else if (depth > 0 && text[i] === "`") return [text];
    else if (depth === 0 && text[i] === " ") cuts.push(i);
  }
  if (depth !== 0) return [text];
  const parts = [];
  let start = 0;
  let last = -1;
  for (const cut of cuts) {
    if (cut - start > CHUNK && last > start) {
      parts.push(text.slice(start, last + 1));
      start = last + 1;
    }
    last = cut;
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.length > 0);
}

/** Lines of code longer than the limit; lines inside a multi-line template (generated text) do not count. */
function longLines(source, file = "x.ts") {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const text = new Set();
  const visit = (node) => {
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last > first) for (let line = first; line <= last; line++) text.add(line);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return source.split("\n").flatMap((line, index) => (line.length > LIMIT && !text.has(index) ? [index] : []));
}

function split(file) {
  const source = fs.readFileSync(file, "utf8");
  const long = new Set(longLines(source));
  if (long.size === 0) return 0;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const edits = [];
  const visit = (node) => {
    const isString = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
    // Not inside imports, types or property names: only values.
    if (
      (isString &&
        !ts.isImportDeclaration(node.parent) &&
        !ts.isLiteralTypeNode(node.parent) &&
        !ts.isPropertyAssignment(node.parent)) ||
      (isString && ts.isPropertyAssignment(node.parent) && node.parent.initializer === node)
    ) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const raw = node.getText(sf);
      const quote = raw[0];
      if (long.has(line) && raw.length > 60 && !raw.includes("\n")) {
        const body = raw.slice(1, -1);
        // Split on spaces of the source text, never inside an escape sequence.
        const parts = chunks(body).filter((p) => p.length > 0);
        if (parts.length > 1 && parts.every((p) => !p.endsWith("\\"))) {
          edits.push({
            start: node.getStart(sf),
            end: node.getEnd(),
            text: parts.map((p) => `${quote}${p}${quote}`).join(" +\n"),
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  const visitTemplates = (node) => {
    if (ts.isTemplateExpression(node)) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const raw = node.getText(sf);
      if (long.has(line) && !raw.includes("\n") && raw.length > 60) {
        const parts = splitTemplate(raw.slice(1, -1));
        if (parts.length > 1)
          edits.push({ start: node.getStart(sf), end: node.getEnd(), text: parts.map((p) => `\`${p}\``).join(" +\n") });
        return;
      }
    }
    ts.forEachChild(node, visitTemplates);
  };
  visit(sf);
  visitTemplates(sf);
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  fs.writeFileSync(file, out);
  return edits.length;
}

const args = process.argv.slice(2);
if (args[0] === "--check") {
  let count = 0;
  // No files named: every tracked TypeScript and JavaScript source (generated build output is untracked).
  const files =
    args.length > 1
      ? args.slice(1)
      : require("child_process")
          .execFileSync("git", ["ls-files", "*.ts", "*.js", "*.mjs"], { encoding: "utf8" })
          .split("\n")
          .filter((file) => file && !file.includes("/vendor/"));
  for (const file of files) {
    for (const index of longLines(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${index + 1}: longer than ${LIMIT} characters`);
      count++;
    }
  }
  if (count > 0) process.exit(1);
} else {
  let total = 0;
  for (const file of args) total += split(file);
  console.log(`split ${total} string literal(s)`);
}
