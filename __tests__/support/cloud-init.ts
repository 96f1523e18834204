/**
 * The real cloud-init, for user-data checks: `cloud-init schema --config-file F` and a top-level key check
 * against the JSON schema cloud-init ships (its `schema` command ignores keys it does not know, so a typo
 * such as `write_file:` would pass it and be silently skipped on the VM).
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { hasTool } from "./tools";

/** Whether the `cloud-init` command works here. */
export function hasCloudInit(): boolean {
  return hasTool("cloud-init", ["--version"]);
}

/** Result of `cloud-init schema --config-file`. */
export interface SchemaResult {
  readonly status: number | null;
  readonly output: string;
}

/** Runs `cloud-init schema --config-file F` on `userData` (written to a temporary file). */
export function cloudInitSchema(userData: string): SchemaResult {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-cloud-init-"));
  try {
    const file = join(dir, "user-data.yaml");
    writeFileSync(file, userData);
    const result = spawnSync("cloud-init", ["schema", "--config-file", file], { encoding: "utf8" });
    return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Python interpreter cloud-init runs with (its shebang), so we find the installed package. */
function cloudInitPython(): string {
  const which = spawnSync("sh", ["-c", "command -v cloud-init"], { encoding: "utf8" });
  const path = which.stdout.trim();
  const shebang = readFileSync(path, "utf8").split("\n")[0];
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(shebang);
  if (!match) return "python3";
  // "#!/usr/bin/env python3" names the interpreter second.
  return match[1].endsWith("/env") && match[2] ? match[2] : match[1];
}

/** Path of the cloud-config JSON schema bundled with the installed cloud-init. */
export function cloudConfigSchemaPath(): string {
  const python = cloudInitPython();
  const result = spawnSync(python, ["-c", "import cloudinit, os; print(os.path.dirname(cloudinit.__file__))"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Cannot import cloudinit with ${python}: ${result.stderr}`);
  return join(result.stdout.trim(), "config", "schemas", "schema-cloud-config-v1.json");
}

type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[]; $defs?: Record<string, Schema> };

/** Every top-level key the bundled schema declares (the union over its `allOf` of module schemas). */
export function cloudConfigTopLevelKeys(schemaPath = cloudConfigSchemaPath()): Set<string> {
  const root = JSON.parse(readFileSync(schemaPath, "utf8")) as Schema;
  const keys = new Set<string>();
  const seen = new Set<Schema>();
  const visit = (node: Schema | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (node.$ref) {
      const name = node.$ref.replace(/^#\/\$defs\//, "");
      visit(root.$defs?.[name]);
    }
    for (const key of Object.keys(node.properties ?? {})) keys.add(key);
    for (const child of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) visit(child);
  };
  visit(root);
  return keys;
}

/** Top-level keys of `userData` that cloud-init's schema does not declare (empty when all are known). */
export function unknownTopLevelKeys(userData: string, known: Set<string> = cloudConfigTopLevelKeys()): string[] {
  const document = parse(userData) as Record<string, unknown>;
  return Object.keys(document ?? {}).filter((key) => !known.has(key));
}
