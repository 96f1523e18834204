/**
 * A synthesized module stack as Terraform JSON, cleaned (no cdktf `//` metadata, keys sorted): what cdktf
 * writes with every override applied. The published HCL is rendered from it (hcl/, docs/architecture.md,
 * decision "Published modules are HCL, rendered by our own renderer") and tested to mean the same;
 * `moduleFiles` splits it the conventional way as `*.tf.json`, which tests write when they mutate a module.
 */
import type { TerraformStack } from "cdktf";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The synthesized configuration of a stack without cdktf's `//` metadata. */
export function moduleConfig(stack: TerraformStack): Record<string, Json> {
  return stripMetadata(stack.toTerraform()) as Record<string, Json>;
}

function stripMetadata(value: unknown): Json {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value !== null && typeof value === "object") {
    const result: Record<string, Json> = {};
    for (const key of Object.keys(value as object).sort()) {
      if (key === "//") continue;
      const child = (value as Record<string, unknown>)[key];
      if (child === undefined) continue;
      result[key] = stripMetadata(child);
    }
    return result;
  }
  return value as Json;
}

/** File name → content of a module's Terraform files, split the conventional way. */
export function moduleFiles(config: Record<string, Json>): Record<string, string> {
  const { terraform, variable, output, ...rest } = config;
  const files: Record<string, string> = {};
  const write = (name: string, content: Record<string, Json | undefined>) => {
    const present = Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined)) as Record<string, Json>;
    if (Object.keys(present).length > 0) files[name] = `${JSON.stringify(present, null, 2)}\n`;
  };
  write("versions.tf.json", { terraform });
  write("variables.tf.json", { variable });
  write("main.tf.json", rest);
  write("outputs.tf.json", { output });
  return files;
}
