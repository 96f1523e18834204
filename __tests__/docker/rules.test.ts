/**
 * The Docker host rules (modules/policies/rules/docker), each against a compliant and a non-compliant
 * fixture, and the deployable stack's own configuration: every rule finds it compliant.
 */
import { TerraformStack, Testing } from "cdktf";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MathesarOnDockerHost, type MathesarOnDockerHostProps } from "../../modules/docker";
import { RULES_BY_PROVIDER, type TerraformJson } from "../../modules/policies";
import { DatabaseNoHostPort, ImagePinned, NoSecretInEnv, TlsInFront } from "../../modules/policies/rules/docker";

const config = (resource: Record<string, Record<string, unknown>>): TerraformJson => ({ resource }) as TerraformJson;
const statuses = (findings: Array<{ address: string; status: string }>) => findings.map((f) => [f.address, f.status]);

const postgres = (extra: Record<string, unknown> = {}) => ({
  name: "m-postgres",
  image: "${docker_image.postgres.image_id}",
  env: ["POSTGRES_PASSWORD_FILE=/run/mathesar-secrets/POSTGRES_PASSWORD"],
  ...extra,
});
const images = {
  postgres: { name: "docker.io/library/postgres:17.6" },
  mathesar: { name: "docker.io/mathesar/mathesar:0.11.0" },
};

describe("DOCKER_DATABASE_NO_HOST_PORT", () => {
  test("a database container without ports is compliant; with ports or publish_all_ports it is not", () => {
    const findings = DatabaseNoHostPort.check(
      config({
        docker_image: images,
        docker_container: {
          private: postgres(),
          published: postgres({ ports: [{ internal: 5432, external: 5432 }] }),
          all: postgres({ publish_all_ports: true }),
          web: { image: "${docker_image.mathesar.image_id}", ports: [{ internal: 8000, external: 8000 }] },
        },
      }),
    );
    expect(statuses(findings)).toEqual([
      ["docker_container.private", "compliant"],
      ["docker_container.published", "non_compliant"],
      ["docker_container.all", "non_compliant"],
    ]);
  });
});

describe("DOCKER_IMAGE_PINNED", () => {
  test.each([
    ["docker.io/library/postgres:17.6", "compliant"],
    [`registry.example.org:5000/mirror/caddy@sha256:${"a".repeat(64)}`, "compliant"],
    ["docker.io/library/postgres:latest", "non_compliant"],
    ["docker.io/library/postgres", "non_compliant"],
    ["", "non_compliant"],
    ["${var.image}", "not_applicable"],
  ])("%j is %s", (name, status) => {
    const [finding] = ImagePinned.check(config({ docker_image: { this: { name } } }));
    expect(finding.status).toBe(status);
  });
});

describe("DOCKER_NO_SECRET_IN_ENV", () => {
  test("secrets in env are refused; *_FILE names and plain settings pass", () => {
    const findings = NoSecretInEnv.check(
      config({
        docker_container: {
          files: { env: ["POSTGRES_PASSWORD_FILE=/run/x", "POSTGRES_HOST=db", "PGSSLMODE=require"] },
          key: { env: ["SECRET_KEY=abc"] },
          password: { env: ["POSTGRES_PASSWORD=${random_password.db.result}"] },
          sso: { env: ["SSO_CONFIG_DICT={}"] },
        },
      }),
    );
    expect(statuses(findings)).toEqual([
      ["docker_container.files", "compliant"],
      ["docker_container.key", "non_compliant"],
      ["docker_container.password", "non_compliant"],
      ["docker_container.sso", "non_compliant"],
    ]);
  });
});

describe("DOCKER_TLS_IN_FRONT", () => {
  const web = (extra: Record<string, unknown>) => ({ image: "${docker_image.mathesar.image_id}", ...extra });
  test("Mathesar's HTTP on loopback or not published passes; on every address it does not", () => {
    const findings = TlsInFront.check(
      config({
        docker_image: images,
        docker_container: {
          hidden: web({}),
          loopback: web({ ports: [{ internal: 8000, external: 8000, ip: "127.0.0.1" }] }),
          open: web({ ports: [{ internal: 8000, external: 80 }] }),
          lan: web({ ports: [{ internal: 8000, external: 8000, ip: "10.0.0.5" }] }),
          dynamic: web({ dynamic: { ports: { for_each: "${x}" } } }),
        },
      }),
    );
    expect(statuses(findings)).toEqual([
      ["docker_container.hidden", "compliant"],
      ["docker_container.loopback", "compliant"],
      ["docker_container.open", "non_compliant"],
      ["docker_container.lan", "non_compliant"],
      ["docker_container.dynamic", "not_applicable"],
    ]);
  });
});

describe("the construct's own configuration", () => {
  const synth = (props: MathesarOnDockerHostProps): TerraformJson => {
    const stack = new TerraformStack(Testing.app(), "rules");
    new DockerProvider(stack, "docker");
    new RandomProvider(stack, "random");
    new MathesarOnDockerHost(stack, "Mathesar", props);
    return JSON.parse(Testing.synth(stack)) as TerraformJson;
  };

  test.each([
    ["defaults", {}],
    ["behind the user's own proxy", { tls: "none" }],
  ] as const)("%s: every Docker rule finds it compliant", (_label, props) => {
    const json = synth(props as MathesarOnDockerHostProps);
    const findings = RULES_BY_PROVIDER.docker.flatMap((rule) => rule.check(json));
    expect(findings.length).toBeGreaterThanOrEqual(6);
    expect(findings.filter((f) => f.status !== "compliant")).toEqual([]);
  });

  test("a binding to every address for the own-proxy mode is found", () => {
    const json = synth({ tls: "none", appBindAddress: "0.0.0.0" });
    expect(statuses(TlsInFront.check(json))).toEqual(
      expect.arrayContaining([["docker_container.mathesar", "non_compliant"]]),
    );
  });
});
