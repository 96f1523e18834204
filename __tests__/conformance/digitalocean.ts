/** The DigitalOcean adapter of the conformance suite. */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { MathesarOnDigitalOcean } from "../../modules/digitalocean";
import { renderDigitalOceanModule, synthDigitalOcean, type TerraformJson } from "../support/synth";
import type { ConformanceTarget, MathesarContainer } from "./target";

type Env = { key: string; value: string; type: string };

function container(address: string, role: MathesarContainer["role"], component: TerraformJson): MathesarContainer {
  const env = component.env as Env[];
  const { registry, repository, tag, digest } = component.image;
  return {
    address,
    role,
    // The app spec refuses tag and digest together: a pinned digest is the whole reference.
    image: digest
      ? tag === undefined
        ? `${registry}/${repository}@${digest}`
        : "tag and digest together"
      : `${registry}/${repository}:${tag}`,
    plainEnv: Object.fromEntries(env.filter((e) => e.type !== "SECRET").map((e) => [e.key, e.value])),
    secretEnv: env.filter((e) => e.type === "SECRET").map((e) => e.key),
    healthCheckPath: component.health_check?.http_path,
    command: component.run_command ?? "",
  };
}

/** DigitalOcean App Platform + managed PostgreSQL. */
export const digitalOceanTarget: ConformanceTarget = {
  name: "DigitalOcean",
  deploy: (props) => {
    const config = synthDigitalOcean(props);
    const containers = Object.entries(config.resource?.digitalocean_app ?? {}).flatMap(([name, app]) => {
      const spec = (app as TerraformJson).spec;
      return [
        ...(spec.service ?? []).map((s: TerraformJson) =>
          container(`digitalocean_app.${name}/service/${s.name}`, "service", s),
        ),
        ...(spec.job ?? []).map((j: TerraformJson) =>
          container(`digitalocean_app.${name}/job/${j.name}`, "bootstrap", j),
        ),
      ];
    });
    return { config, containers, outputNames: Object.keys(config.output ?? {}) };
  },
  build: (props) => {
    new MathesarOnDigitalOcean(new TerraformStack(Testing.app(), "conformance"), "Mathesar", props);
  },
  moduleRoot: () => renderDigitalOceanModule().modules[""],
  ssoVariable: { name: "sso_config", value: '{"google":{}}' },
  ssoProps: (requireSsoLogin) => ({
    sso: {
      configJson: new TerraformVariable(new TerraformStack(Testing.app(), "sso"), "sso", { sensitive: true })
        .stringValue,
      requireSsoLogin,
    },
  }),
};
