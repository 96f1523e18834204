/** The provider's region, read once per stack (`data.aws_region.current`; no API call). */
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { isToken } from "../mathesar";
import { stableAddress } from "../terraform";

const regions = new WeakMap<TerraformStack, DataAwsRegion>();

/** The region data source of `scope`'s stack, created on first use. */
export function currentRegion(scope: Construct): DataAwsRegion {
  const stack = TerraformStack.of(scope);
  let region = regions.get(stack);
  if (!region) {
    region = stableAddress(new DataAwsRegion(stack, "MathesarAwsRegion"), "current");
    regions.set(stack, region);
  }
  return region;
}

/** The region of the stack's (default) aws provider when it is a literal, so that synth can check against it. */
export function literalProviderRegion(scope: Construct): string | undefined {
  const providers = TerraformStack.of(scope)
    .node.findAll()
    .filter((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
  const region = providers.length === 1 ? providers[0].region : undefined;
  return region === undefined || isToken(region) ? undefined : region;
}

/**
 * Terraform's own check of values against the provider's region, for when synth cannot know it: each
 * `(value's region, message)` pair becomes a postcondition of the region data source (read at plan, no API call).
 * Messages may interpolate `${self.name}`, the provider's region.
 */
export function checkRegionAtPlan(scope: Construct, checks: Array<{ region: string; message: string }>): void {
  if (checks.length === 0) return;
  currentRegion(scope).addOverride(
    "lifecycle.postcondition",
    checks.map(({ region, message }) => ({
      condition: `\${self.name == ${JSON.stringify(region)}}`,
      error_message: message,
    })),
  );
}
