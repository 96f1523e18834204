/** The Google Cloud adapter of the conformance suite (the default runtime, Cloud Run). */
import { TerraformStack, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { MathesarOnGoogleCloud, type MathesarOnGoogleCloudProps } from "../../modules/google";
import type { MathesarBaseProps } from "../../modules/mathesar";
import { GOOGLE_TEST_PROPS, renderGoogleModule, synthGoogleStack } from "../support/google";
import type { TerraformJson } from "../support/synth";
import type { ConformanceTarget, MathesarContainer } from "./target";

type Env = { name: string; value?: string; value_source?: { secret_key_ref: { secret: string } } };

const withProject = (props: MathesarBaseProps) => ({ ...GOOGLE_TEST_PROPS, ...props }) as MathesarOnGoogleCloudProps;

/**
 * Cloud Run has no init containers: the one container runs the locked bootstrap and then the web server,
 * so it is both the service and the bootstrap of the contract.
 */
function containers(config: TerraformJson): MathesarContainer[] {
  return Object.entries(config.resource?.google_cloud_run_v2_service ?? {}).flatMap(([name, service]) =>
    ((service as TerraformJson).template.containers as TerraformJson[]).flatMap((c) => {
      const env = c.env as Env[];
      const seen = {
        image: c.image as string,
        plainEnv: Object.fromEntries(env.filter((e) => e.value_source === undefined).map((e) => [e.name, e.value ?? ""])),
        secretEnv: env.filter((e) => e.value_source !== undefined).map((e) => e.name),
      };
      const address = `google_cloud_run_v2_service.${name}/${c.name}`;
      return [
        { ...seen, address, role: "service" as const, healthCheckPath: c.startup_probe?.http_get?.path },
        { ...seen, address, role: "bootstrap" as const },
      ];
    }),
  );
}

/** Google Cloud: Cloud Run + Cloud SQL + HTTPS load balancer. */
export const googleTarget: ConformanceTarget = {
  name: "Google Cloud",
  deploy: (props) => {
    const config = synthGoogleStack(withProject(props));
    return { config, containers: containers(config), outputNames: Object.keys(config.output ?? {}) };
  },
  build: (props) => {
    const stack = new TerraformStack(Testing.app(), "conformance");
    new GoogleProvider(stack, "google");
    new MathesarOnGoogleCloud(stack, "Mathesar", withProject(props));
  },
  moduleRoot: () => renderGoogleModule().modules[""],
};
