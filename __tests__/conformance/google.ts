/** The Google Cloud adapter of the conformance suite (the default runtime, Cloud Run). */
import { TerraformStack, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { MathesarOnGoogleCloud, type MathesarOnGoogleCloudProps } from "../../modules/google";
import type { MathesarBaseProps } from "../../modules/mathesar";
import { GOOGLE_SYNTH_DEFAULTS, renderGoogleModule, synthGoogle } from "../support/synth";
import type { TerraformJson } from "../support/synth";
import { unitValues, systemdWords, writtenFiles } from "../support/cloud-init";
import type { ConformanceTarget, MathesarContainer } from "./target";

type Env = { name: string; value?: string; value_source?: { secret_key_ref: { secret: string } } };

/** A Cloud Run container's command and arguments as one line. */
const commandLine = (c: TerraformJson): string =>
  [...((c.command as string[]) ?? []), ...((c.args as string[]) ?? [])].join(" ");

const withProject = (props: MathesarBaseProps) =>
  ({ ...GOOGLE_SYNTH_DEFAULTS, ...props }) as MathesarOnGoogleCloudProps;

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
        plainEnv: Object.fromEntries(
          env.filter((e) => e.value_source === undefined).map((e) => [e.name, e.value ?? ""]),
        ),
        secretEnv: env.filter((e) => e.value_source !== undefined).map((e) => e.name),
        command: commandLine(c),
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
    const config = synthGoogle(withProject(props));
    return { config, containers: containers(config), outputNames: Object.keys(config.output ?? {}) };
  },
  build: (props) => {
    const stack = new TerraformStack(Testing.app(), "conformance");
    new GoogleProvider(stack, "google");
    new MathesarOnGoogleCloud(stack, "Mathesar", withProject(props));
  },
  moduleRoot: () => renderGoogleModule().modules[""],
  ssoVariable: { name: "sso_config_secret_id", value: "mathesar-sso" },
  ssoProps: (requireSsoLogin) => ({ sso: { configSecretId: "mathesar-sso", requireSsoLogin } }),
};

/**
 * The VM runs the same container with Docker under systemd: its plain environment is the env file cloud-init
 * writes, its secrets are what the fetcher reads from Secret Manager at every start (`NAME=secret_id`
 * arguments), and it serves and bootstraps in one container, like Cloud Run.
 */
function vmContainers(config: TerraformJson): MathesarContainer[] {
  return Object.entries(config.resource?.google_compute_instance ?? {}).flatMap(([name, instance]) => {
    const files = writtenFiles((instance as TerraformJson).metadata["user-data"]);
    const unit = Object.values(files).find((f) => f.path.endsWith("/mathesar.service"))!.content;
    const envFile = Object.values(files).find((f) => f.path.endsWith("/mathesar.env"))!.content;
    const plainEnv = Object.fromEntries(
      envFile
        .split("\n")
        .filter((line) => line.includes("="))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    const fetch = unitValues(unit, "ExecStartPre")
      .map(systemdWords)
      .find((words) => words.includes("/run/fetch-secrets.py"))!;
    const secretEnv = fetch.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.slice(0, word.indexOf("=")));
    const start = systemdWords(unitValues(unit, "ExecStart")[0]);
    const image = start.find((word) => /mathesar\/mathesar:/.test(word))!;
    // What the container runs: the words after the image in `docker run ... <image> <command...>`.
    const command = start.slice(start.indexOf(image) + 1).join(" ");
    const healthCheckPath = config.resource?.google_compute_health_check?.vm?.http_health_check?.request_path as
      string | undefined;
    const address = `google_compute_instance.${name}/mathesar.service`;
    return [
      { image, plainEnv, secretEnv, address, role: "service" as const, healthCheckPath, command },
      { image, plainEnv, secretEnv, address, role: "bootstrap" as const, command },
    ];
  });
}

const asVm = (props: MathesarBaseProps) => withProject({ ...props, runtime: "vm" } as MathesarBaseProps);

/** Google Cloud: one Compute Engine VM behind the HTTPS load balancer. */
export const googleVmTarget: ConformanceTarget = {
  name: "Google Cloud (VM)",
  deploy: (props) => {
    const config = synthGoogle(asVm(props));
    return { config, containers: vmContainers(config), outputNames: Object.keys(config.output ?? {}) };
  },
  build: (props) => googleTarget.build({ ...props, runtime: "vm" } as MathesarBaseProps),
  // The same published module (one function, so the name-limit test sees the two runtimes as siblings).
  moduleRoot: googleTarget.moduleRoot,
  ssoVariable: googleTarget.ssoVariable,
  ssoProps: googleTarget.ssoProps,
};
