/**
 * What MathesarOnDockerHost synthesizes, checked on the Terraform JSON: the evaluation database has no host
 * port and is health-checked and waited for, secrets are files (never `env`), images are pinned, Caddy is the
 * only container with host ports unless tls is "none", the bootstrap runs before the web container, and the
 * deployable stack synthesizes with no Docker daemon and no credentials.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MathesarOnDockerHost, type MathesarOnDockerHostProps, SECRETS_DIR } from "../../modules/docker";
import {
  DATABASE_CA_ENV,
  DATABASE_CA_FILE,
  DEFAULT_MATHESAR_VERSION,
  NO_DATABASE_CA,
  SECRET_ENV_NAMES,
} from "../../modules/mathesar";
import { isPinnedImage } from "../../modules/compose/images";
import { LOCAL_SETTINGS_PATH } from "../../modules/compose/outbound";
import { DockerHostStack, dockerHostPropsFromEnv } from "../../stacks/docker/deploy-stack";
import { sensitiveVariable } from "../support/synth";

type Json = Record<string, any>;

function synth(build: (stack: TerraformStack) => MathesarOnDockerHostProps = () => ({})): Json {
  const stack = new TerraformStack(Testing.app(), "docker");
  new DockerProvider(stack, "docker");
  new RandomProvider(stack, "random");
  new MathesarOnDockerHost(stack, "Mathesar", build(stack));
  return JSON.parse(Testing.synth(stack));
}

const containers = (json: Json): Record<string, Json> => json.resource.docker_container;

describe("the evaluation database", () => {
  const json = synth();
  const postgres = containers(json).postgres;

  test("is never published on a host port", () => {
    expect(postgres.ports).toBeUndefined();
    expect(postgres.publish_all_ports).toBeUndefined();
  });

  test("is health-checked with pg_isready and waited for", () => {
    expect(postgres.healthcheck.test.join(" ")).toContain("pg_isready");
    expect(postgres.wait).toBe(true);
  });

  test("keeps its data in a named volume and reads its password from a file", () => {
    expect(postgres.volumes[0].volume_name).toContain("docker_volume.postgres_data.name");
    expect(postgres.env).toContain(`POSTGRES_PASSWORD_FILE=${SECRETS_DIR}/POSTGRES_PASSWORD`);
    expect(postgres.env.join("\n")).not.toMatch(/POSTGRES_PASSWORD=/);
  });

  test("is absent with an existing database", () => {
    const existing = synth((s) => ({
      database: { existing: { host: "db.example.org", password: sensitiveVariable(s, "pw") } },
    }));
    expect(containers(existing).postgres).toBeUndefined();
    expect(containers(existing).mathesar.env).toContain("POSTGRES_HOST=db.example.org");
    expect(containers(existing).mathesar.env).toContain("PGSSLMODE=require");
  });
});

describe("Mathesar's containers", () => {
  const json = synth();
  const { mathesar, bootstrap } = containers(json);

  test("no secret is in plain env: each is an uploaded file read by the start command", () => {
    for (const container of [mathesar, bootstrap]) {
      const names = container.env.map((entry: string) => entry.split("=")[0]);
      for (const secret of [...SECRET_ENV_NAMES, "DJANGO_SUPERUSER_PASSWORD"]) expect(names).not.toContain(secret);
      const files = container.upload.map((u: Json) => u.file);
      expect(files).toEqual(expect.arrayContaining([`${SECRETS_DIR}/SECRET_KEY`, `${SECRETS_DIR}/POSTGRES_PASSWORD`]));
      expect(container.command.join(" ")).toContain(`for f in ${SECRETS_DIR}/*`);
    }
    expect(bootstrap.upload.map((u: Json) => u.file)).toContain(`${SECRETS_DIR}/DJANGO_SUPERUSER_PASSWORD`);
  });

  test("POSTGRES_DB, POSTGRES_USER and POSTGRES_HOST are always set", () => {
    const names = mathesar.env.map((entry: string) => entry.split("=")[0]);
    for (const name of ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST", "POSTGRES_PORT"])
      expect(names).toContain(name);
  });

  test("the bootstrap (admin and migrations) is waited for before the web container", () => {
    expect(bootstrap.attach).toBe(true);
    expect(bootstrap.must_run).toBe(false);
    expect(bootstrap.command.join(" ")).toContain("base64");
    expect(mathesar.depends_on).toContain("docker_container.bootstrap");
    // The provider records a failed exit without failing: the postcondition fails the apply instead.
    expect(bootstrap.lifecycle.postcondition).toEqual([
      expect.objectContaining({ condition: "${self.exit_code == 0}" }),
    ]);
  });

  test("outbound reports are switched off by the Compose bundle's local.py", () => {
    expect(mathesar.upload.map((u: Json) => u.file)).toContain(LOCAL_SETTINGS_PATH);
  });

  test("the web container has no host port behind Caddy, and one on the chosen address without it", () => {
    expect(mathesar.ports).toBeUndefined();
    const own = containers(synth(() => ({ tls: "none", appPort: 8080 })));
    expect(own.mathesar.ports).toEqual([{ internal: 8000, external: 8080, ip: "127.0.0.1" }]);
    expect(own.caddy).toBeUndefined();
  });
});

/**
 * Runs a container's start command as shipped up to its CA write, with the uploaded files in a temporary
 * folder, and returns the CA file it wrote ("no file" when none).
 */
function writtenCa(container: Json): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docker-ca-"));
  try {
    fs.mkdirSync(path.join(dir, "secrets"));
    for (const upload of container.upload as Json[]) {
      if (upload.file.startsWith(`${SECRETS_DIR}/`) && typeof upload.content === "string")
        fs.writeFileSync(path.join(dir, "secrets", path.basename(upload.file)), upload.content);
    }
    const script: string = container.command[2];
    const prelude = script.slice(0, script.indexOf("esac;") + "esac;".length);
    expect(prelude).toContain(DATABASE_CA_FILE);
    const file = path.join(dir, "ca.pem");
    const local = prelude.split(SECRETS_DIR).join(path.join(dir, "secrets")).split(DATABASE_CA_FILE).join(file);
    const run = spawnSync("sh", ["-c", `${local} if [ -f ${file} ]; then cat ${file}; else printf "no file"; fi`], {
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    return run.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("an existing database verified against the user's CA (verify-full)", () => {
  const PEM = "-----BEGIN CERTIFICATE-----\nMIIBsjCCAVegAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n";
  const CA_UPLOAD = `${SECRETS_DIR}/${DATABASE_CA_ENV}`;
  const json = synth((s) => ({
    database: {
      existing: {
        host: "db.internal.example.org",
        sslMode: "verify-full",
        caCertificate: PEM,
        password: sensitiveVariable(s, "pw"),
      },
    },
  }));
  const mathesar = ["bootstrap", "mathesar"] as const;

  test.each(mathesar)("%s: the PEM is uploaded, PGSSLROOTCERT names the file and PGSSLMODE is verify-full", (name) => {
    const container = containers(json)[name];
    const upload = container.upload.find((u: Json) => u.file === CA_UPLOAD);
    expect(upload?.content).toBe(PEM);
    expect(container.env).toEqual(
      expect.arrayContaining([`PGSSLROOTCERT=${DATABASE_CA_FILE}`, "PGSSLMODE=verify-full"]),
    );
  });

  test.each(mathesar)("%s: its start command writes the uploaded PEM to PGSSLROOTCERT's file (run in sh)", (name) => {
    expect(writtenCa(containers(json)[name])).toBe(PEM);
  });

  test("without a CA (require) the uploaded file says none and the start command writes no CA file", () => {
    const plain = synth((s) => ({
      database: { existing: { host: "db.example.org", password: sensitiveVariable(s, "pw") } },
    }));
    for (const name of mathesar) {
      const container = containers(plain)[name];
      expect(container.upload.find((u: Json) => u.file === CA_UPLOAD)?.content).toBe(NO_DATABASE_CA);
      expect(container.env).toContain("PGSSLMODE=require");
      expect(writtenCa(container)).toBe("no file");
    }
  });
});

describe("images and Caddy", () => {
  test("every image is pinned, Mathesar's to the contract's default release", () => {
    const images: Record<string, Json> = synth().resource.docker_image;
    for (const image of Object.values(images))
      expect([image.name, isPinnedImage(image.name)]).toEqual([image.name, true]);
    expect(images.mathesar.name).toBe(`docker.io/mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}`);
  });

  test("Caddy publishes 80 and 443 and gets the user's certificate files with tls files", () => {
    const json = synth((s) => ({
      tls: "files",
      tlsCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
      tlsPrivateKey: sensitiveVariable(s, "key"),
    }));
    const caddy = containers(json).caddy;
    expect(caddy.ports.map((p: Json) => p.internal)).toEqual([80, 443]);
    expect(caddy.upload.map((u: Json) => u.file)).toEqual(
      expect.arrayContaining(["/etc/caddy/Caddyfile", "/etc/caddy/tls/mathesar.crt", "/etc/caddy/tls/mathesar.key"]),
    );
    expect(caddy.upload[0].content).toContain("tls /etc/caddy/tls/mathesar.crt");
  });
});

test("the deployable stack synthesizes with no Docker daemon and no credentials", () => {
  const app = new App({ outdir: Testing.app().outdir });
  const stack = new DockerHostStack(app, "docker", dockerHostPropsFromEnv({}));
  const json = JSON.parse(Testing.synth(stack));
  expect(json.provider.docker).toEqual([{}]);
  expect(Object.keys(json.output)).toEqual(expect.arrayContaining(["url", "admin_password", "database_endpoint"]));
});
