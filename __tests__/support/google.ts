/** The Google Cloud target's deployable stacks and published module, synthesized for the tests. */
import { Testing } from "cdktf";
import type { MathesarOnGoogleCloudProps } from "../../modules/google";
import { GoogleStack } from "../../stacks/google/deploy-stack";
import { googleModuleBundle } from "../../stacks/google/dist";
import { renderModule, type RenderedModule, type TerraformJson } from "./synth";

/** Props every Google test deployment starts from: a real-looking project and domain. */
export const GOOGLE_TEST_PROPS: MathesarOnGoogleCloudProps = { project: "lab-project-123", domainName: "mathesar.example.org" };

/** The deployable Google Cloud stack's configuration (sorted, without cdktf metadata) for `props`. */
export function synthGoogleStack(props: Partial<MathesarOnGoogleCloudProps> = {}): TerraformJson {
  const stack = new GoogleStack(Testing.app(), "google", { ...GOOGLE_TEST_PROPS, ...props });
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** dist/terraform-google-mathesar, rendered in memory. */
export function renderGoogleModule(): RenderedModule {
  return renderModule(googleModuleBundle());
}
