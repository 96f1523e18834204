/**
 * The base of every deployable stack (`cdktf deploy <target>`): it declares the oldest Terraform the stack
 * works with, and keeps that declaration intact in `cdktf synth --hcl`, the way out to plain Terraform.
 *
 * cdktf 0.21's HCL renderer (archived, so never fixed upstream) prints every terraform-block setting other
 * than required_providers/backend/cloud as its list index, so `required_version = ">= 1.11"` came out as
 * `0 = "required_version"`: Terraform reads that as an unknown argument and the requirement is lost.
 */
import { TerraformStack } from "cdktf";

export abstract class DeployableStack extends TerraformStack {
  private requiredTerraform?: string;

  /** Declares `terraform { required_version = constraint }` in the JSON and in the HCL rendering. */
  protected requireTerraform(constraint: string): void {
    this.requiredTerraform = constraint;
    this.addOverride("terraform.required_version", constraint);
  }

  /** cdktf's HCL rendering with the terraform block's required_version repaired (see the file comment). */
  public override toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    const rendered = super.toHclTerraform() as { hcl: string; metadata: Record<string, unknown> };
    if (this.requiredTerraform === undefined) return rendered;
    const broken = /^\s*0 = "required_version"$/m;
    if (!broken.test(rendered.hcl)) return rendered;
    return {
      ...rendered,
      hcl: rendered.hcl.replace(broken, `required_version = ${JSON.stringify(this.requiredTerraform)}`),
    };
  }
}
