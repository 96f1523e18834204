#!/usr/bin/env node
/*
 * Entry point: compiles the TypeScript sources (transpile only, no type check: `tsc --noEmit` of the
 * project does that) into ../build/<hash of the sources>/ once, then runs the CLI. Transpiling a handful
 * of files takes well under a second and is done once per change; starting from JavaScript keeps the
 * server's start time low.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const src = path.join(__dirname, "..", "src");
const files = fs
  .readdirSync(src)
  .filter((f) => f.endsWith(".ts"))
  .sort();
const hash = crypto.createHash("sha256");
for (const f of files) hash.update(f).update(fs.readFileSync(path.join(src, f)));
const out = path.join(__dirname, "..", "build", hash.digest("hex").slice(0, 12));
if (!fs.existsSync(path.join(out, "cli.js"))) {
  const ts = require("typescript");
  const tmp = `${out}.${process.pid}.tmp`;
  fs.mkdirSync(tmp, { recursive: true });
  for (const f of files) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(src, f), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: f,
    });
    fs.writeFileSync(path.join(tmp, f.replace(/\.ts$/, ".js")), outputText);
  }
  try {
    fs.renameSync(tmp, out);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
  }
}
require(path.join(out, "cli.js"));
