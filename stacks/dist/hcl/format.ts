/**
 * Terraform's own formatter (hclwrite, the code behind `terraform fmt`, built to WebAssembly in
 * `@cdktf/hcl-tools`): the renderer lays out lines and nesting, the formatter aligns `=` and normalizes spacing
 * exactly as `terraform fmt` would, so `terraform fmt -check` passes on what we publish.
 */
import { format } from "@cdktf/hcl-tools";

/** `text` formatted the way `terraform fmt` formats it. */
export async function terraformFmt(text: string): Promise<string> {
  return format(text);
}
