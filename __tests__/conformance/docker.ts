/**
 * The Docker host adapter of the conformance suite. Its deployments use an existing database: the contract's
 * database guarantees (sslmode require through PGSSLMODE) are about a database reached over a network, and the
 * evaluation database's traffic never leaves the host's private Docker network (it runs with sslmode disable,
 * checked in __tests__/docker/construct.test.ts).
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MathesarOnDockerHost, SECRETS_DIR } from "../../modules/docker";
import type { MathesarOnDockerHostProps } from "../../modules/docker";
import { LIVENESS_PATH, READINESS_PATH } from "../../modules/mathesar";
import { dockerModuleBundle } from "../../stacks/docker/dist";
import { renderModule, type TerraformJson } from "../support/synth";
import type { ConformanceTarget, MathesarContainer } from "./target";

function synth(props: MathesarOnDockerHostProps): TerraformJson {
  const stack = new TerraformStack(Testing.app(), "conformance");
  new DockerProvider(stack, "docker");
  new RandomProvider(stack, "random");
  const password = new TerraformVariable(stack, "database_password", { type: "string", sensitive: true }).stringValue;
  const mathesar = new MathesarOnDockerHost(stack, "Mathesar", {
    ...props,
    database: { existing: { host: "db.example.org", password } },
  });
  for (const [name, output] of Object.entries(mathesar.allOutputs)) {
    stack.addOverride(`output.${name}`, { value: output.value, sensitive: output.sensitive });
  }
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

function container(config: TerraformJson, name: string, role: MathesarContainer["role"]): MathesarContainer {
  const body = config.resource.docker_container[name];
  const imageName = /^\$\{docker_image\.(\w+)\.image_id\}$/.exec(body.image)?.[1];
  const env = (body.env as string[]).map((entry) => [
    entry.slice(0, entry.indexOf("=")),
    entry.slice(entry.indexOf("=") + 1),
  ]);
  const uploads = (body.upload as Array<{ file: string }>).map((u) => u.file);
  const probe = ((body.healthcheck?.test ?? []) as string[]).join(" ");
  return {
    address: `docker_container.${name}`,
    role,
    image: imageName ? config.resource.docker_image[imageName].name : body.image,
    plainEnv: Object.fromEntries(env),
    // Secrets are files the start command exports (modules/docker/secret-files.ts).
    secretEnv: uploads.filter((f) => f.startsWith(`${SECRETS_DIR}/`)).map((f) => f.slice(SECRETS_DIR.length + 1)),
    healthCheckPath: [LIVENESS_PATH, READINESS_PATH].find((p) => probe.includes(p)),
    command: (body.command as string[]).join(" "),
  };
}

/** Mathesar on one Docker host (kreuzwerker/docker). */
export const dockerTarget: ConformanceTarget = {
  name: "Docker host",
  deploy: (props) => {
    const config = synth(props as MathesarOnDockerHostProps);
    return {
      config,
      containers: [container(config, "mathesar", "service"), container(config, "bootstrap", "bootstrap")],
      outputNames: Object.keys(config.output ?? {}),
    };
  },
  build: (props) => {
    new MathesarOnDockerHost(
      new TerraformStack(Testing.app(), "conformance"),
      "Mathesar",
      props as MathesarOnDockerHostProps,
    );
  },
  moduleRoot: () => renderModule(dockerModuleBundle()).modules[""],
  ssoVariable: { name: "sso_config", value: '{"google":{}}' },
  ssoProps: (requireSsoLogin) => ({
    sso: {
      configJson: new TerraformVariable(new TerraformStack(Testing.app(), "sso"), "sso", { sensitive: true })
        .stringValue,
      requireSsoLogin,
    },
  }),
  // No deletion guard: the volumes are the data, and `terraform destroy` removes them (docs/docker.md says
  // to back them up first); a guard on a single host is left to the host's own backups.
  notApplicableInputs: ["deletion_protection"],
};
