/** The provider's region, read once per stack (`data.aws_region.current`; no API call). */
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
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
