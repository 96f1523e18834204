/**
 * The VM's user-data, checked by the real cloud-init (`cloud-init schema`, plus a top-level key check
 * against cloud-init's bundled schema, which `schema` itself skips); the secret fetcher run for real by
 * Python against a stand-in for the metadata server and Secret Manager, its file then sourced by real
 * shells; and the data disk script run by a real shell with stand-ins for the disk tools.
 */
import { spawnSync } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { renderCaddyfile } from "../../modules/google/caddyfile";
import {
  FETCH_SECRETS_SCRIPT,
  NO_REGISTRY_CREDENTIALS_COMMAND,
  VM_PATHS,
  dataDiskScript,
  googleRegistryHost,
  registryCredentialCommand,
  renderVmCloudInit,
  type VmCloudInitInput,
  VM_DATABASE_CA_BASE64_ENV,
} from "../../modules/google/vm-cloud-init";
import { DATABASE_CA_FILE } from "../../modules/mathesar";
import {
  cloudConfigTopLevelKeys,
  cloudInitSchema,
  hasCloudInit,
  runSecretFetcher,
  runUnitPulls,
  unitValues,
  unknownTopLevelKeys,
  writtenFiles,
} from "../support/cloud-init";
import { describeWithTool, hasTool } from "../support/tools";

const BASE: VmCloudInitInput = {
  edge: "load_balancer",
  project: "my-project",
  image: "docker.io/mathesar/mathesar:0.11.0",
  environment: {
    ALLOWED_HOSTS: "mathesar.example.org",
    GUNICORN_CMD_ARGS: "--timeout 120 --access-logfile -",
    POSTGRES_DB: "mathesar",
    POSTGRES_HOST: "10.1.2.3",
    POSTGRES_USER: "mathesar",
  },
  secretEnvironment: { SECRET_KEY: "demo-secret-key", POSTGRES_PASSWORD: "demo-database-password" },
};

const AR_IMAGE = "us-docker.pkg.dev/my-project/mirror/mathesar:0.11.0";
const AR_CADDY = "europe-west1-docker.pkg.dev/my-project/mirror/caddy:2.10.0";

const COMBINATIONS: Record<string, VmCloudInitInput> = {
  "load balancer": BASE,
  "an Artifact Registry image": { ...BASE, image: AR_IMAGE },
  "a Container Registry image": { ...BASE, image: "eu.gcr.io/my-project/mathesar:0.11.0" },
  "caddy, both images in Artifact Registry": {
    ...BASE,
    edge: "caddy",
    image: AR_IMAGE,
    caddyImage: AR_CADDY,
    caddyfile: renderCaddyfile({ domainName: "mathesar.example.org" }),
  },
  caddy: { ...BASE, edge: "caddy", caddyfile: renderCaddyfile({ domainName: "mathesar.example.org" }) },
  "caddy with an ACME e-mail": {
    ...BASE,
    edge: "caddy",
    caddyfile: renderCaddyfile({ domainName: "mathesar.example.org", acmeEmail: "ops@example.org" }),
  },
  "no secrets, no environment": { ...BASE, environment: {}, secretEnvironment: {} },
  "a database CA, base64 in the env file": {
    ...BASE,
    environment: {
      ...BASE.environment,
      PGSSLMODE: "verify-ca",
      PGSSLROOTCERT: DATABASE_CA_FILE,
      [VM_DATABASE_CA_BASE64_ENV]: Buffer.from(
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n",
      ).toString("base64"),
    },
  },
  "values YAML and shells care about": {
    ...BASE,
    environment: {
      ...BASE.environment,
      REQUIRE_SSO_LOGIN: "false",
      COMMENTISH: "# not a comment: {json: [1, 2]} 'quoted' \"double\" & | ; *",
      EMPTY: "",
    },
    secretEnvironment: {
      ...BASE.secretEnvironment,
      SSO_CONFIG_DICT: "demo-sso",
      DJANGO_SUPERUSER_PASSWORD: "demo-admin",
    },
  },
};

describe("renderVmCloudInit (input checks)", () => {
  test("refuses secrets as plain environment, line breaks in values and bad names", () => {
    expect(() => renderVmCloudInit({ ...BASE, environment: { SECRET_KEY: "x" } })).toThrow(/secret/);
    expect(() => renderVmCloudInit({ ...BASE, environment: { A: "1\n2" } })).toThrow(/line break/);
    expect(() => renderVmCloudInit({ ...BASE, environment: { "A-B": "1" } })).toThrow(/name/);
    expect(() => renderVmCloudInit({ ...BASE, secretEnvironment: { A: "bad id" } })).toThrow(/secret id/);
    expect(() => renderVmCloudInit({ ...BASE, secretEnvironment: { A: "projects/p/secrets/bad id" } })).toThrow(
      /secret id/,
    );
    expect(() => renderVmCloudInit({ ...BASE, edge: "caddy" })).toThrow(/Caddyfile/);
  });

  test("a literal empty secret id is refused (leave the entry out); an expression that may be empty is accepted", () => {
    expect(() => renderVmCloudInit({ ...BASE, secretEnvironment: { SSO_CONFIG_DICT: "" } })).toThrow(
      /Empty Secret Manager secret id for SSO_CONFIG_DICT/,
    );
    // What coalesce(var.sso_config_secret_id, "") looks like before Terraform resolves it.
    const token = "${TfToken[TOKEN.42]}";
    expect(renderVmCloudInit({ ...BASE, secretEnvironment: { SSO_CONFIG_DICT: token } })).toContain(
      `SSO_CONFIG_DICT=${token}`,
    );
  });

  test("a secret in another project may be given by its full name", () => {
    expect(
      renderVmCloudInit({ ...BASE, secretEnvironment: { POSTGRES_PASSWORD: "projects/other-project/secrets/db" } }),
    ).toContain("POSTGRES_PASSWORD=projects/other-project/secrets/db");
  });

  test("environment values survive the YAML literal block unchanged", () => {
    const input = COMBINATIONS["values YAML and shells care about"];
    const document = parse(renderVmCloudInit(input)) as { write_files: Array<{ path: string; content: string }> };
    const env = document.write_files.find((f) => f.path === "/etc/mathesar/mathesar.env")?.content ?? "";
    for (const [name, value] of Object.entries(input.environment))
      expect(env.split("\n")).toContain(`${name}=${value}`);
  });
});

describe("private images: Docker's credential helper for Google's registries", () => {
  const unit = (input: VmCloudInitInput, path: string = VM_PATHS.mathesarUnit) =>
    writtenFiles(renderVmCloudInit(input))[path].content;

  test.each([
    ["docker.io/mathesar/mathesar:0.11.0", undefined],
    ["mathesar/mathesar:0.11.0", undefined],
    ["registry.example.com:5000/mathesar/mathesar:1", undefined],
    ["localhost/mathesar:1", undefined],
    ["gcr.io.example.com/mathesar:1", undefined],
    ["docker.pkg.dev/p/r/mathesar:1", undefined],
    ["example.com/us-docker.pkg.dev/p/r/mathesar:1", undefined],
    [AR_IMAGE, "us-docker.pkg.dev"],
    ["europe-west1-docker.pkg.dev/p/r/mathesar@sha256:00", "europe-west1-docker.pkg.dev"],
    ["gcr.io/my-project/mathesar:1", "gcr.io"],
    ["eu.gcr.io/my-project/mathesar:1", "eu.gcr.io"],
  ])("%s → %s", (image, host) => {
    expect(googleRegistryHost(image)).toBe(host);
  });

  test("Docker Hub images: no credential helper, no DOCKER_CONFIG, in either unit", () => {
    const userData = renderVmCloudInit(COMBINATIONS.caddy);
    expect(userData).not.toMatch(/docker-credential-gcr|DOCKER_CONFIG/);
  });

  test("an Artifact Registry image: the helper is configured for its host only, in tmpfs, after the mkdir and before the first pull", () => {
    const u = unit(COMBINATIONS["an Artifact Registry image"]);
    expect(unitValues(u, "Environment")).toEqual(["DOCKER_CONFIG=/run/docker-config/mathesar"]);
    const pre = unitValues(u, "ExecStartPre");
    const configure = pre.indexOf("/usr/bin/docker-credential-gcr configure-docker --registries=us-docker.pkg.dev");
    expect(configure).toBeGreaterThan(pre.indexOf("/bin/mkdir -p /run/docker-config/mathesar"));
    expect(pre.indexOf("/bin/mkdir -p /run/docker-config/mathesar")).toBeGreaterThanOrEqual(0);
    // The secret fetcher is the unit's first pull of the image.
    expect(pre.findIndex((line) => line.includes(AR_IMAGE))).toBe(configure + 1);
    expect(VM_PATHS.mathesarDockerConfig.startsWith("/run/")).toBe(true);
  });

  test("each unit configures its own image's registry in its own directory; Caddy from Docker Hub needs nothing", () => {
    const both = COMBINATIONS["caddy, both images in Artifact Registry"];
    const caddy = unit(both, VM_PATHS.caddyUnit);
    expect(unitValues(caddy, "Environment")).toEqual(["DOCKER_CONFIG=/run/docker-config/caddy"]);
    expect(unitValues(caddy, "ExecStartPre").at(-1)).toBe(
      "/usr/bin/docker-credential-gcr configure-docker --registries=europe-west1-docker.pkg.dev",
    );
    expect(unitValues(unit(both), "Environment")).toEqual(["DOCKER_CONFIG=/run/docker-config/mathesar"]);
    const mirrorOnlyMathesar = unit({ ...both, caddyImage: undefined }, VM_PATHS.caddyUnit);
    expect(mirrorOnlyMathesar).not.toMatch(/docker-credential-gcr|DOCKER_CONFIG/);
  });

  test("an image known only to Terraform needs the caller's conditional command; a known image refuses one", () => {
    const token = "${TfToken[TOKEN.7]}";
    expect(() => renderVmCloudInit({ ...BASE, image: token })).toThrow(/registryCredentials\.mathesar/);
    const command = "${TfToken[TOKEN.8]}";
    const u = unit({ ...BASE, image: token, registryCredentials: { mathesar: command } });
    expect(unitValues(u, "ExecStartPre")).toContain(command);
    expect(unitValues(u, "Environment")).toEqual(["DOCKER_CONFIG=/run/docker-config/mathesar"]);
    expect(() => renderVmCloudInit({ ...BASE, registryCredentials: { mathesar: command } })).toThrow(
      /leave registryCredentials\.mathesar out/,
    );
    expect(registryCredentialCommand("%s")).toBe("/usr/bin/docker-credential-gcr configure-docker --registries=%s");
    // The fallback has nothing systemd, YAML or a Terraform string would read specially.
    expect(NO_REGISTRY_CREDENTIALS_COMMAND).toMatch(/^\/bin\/echo [A-Za-z ,.:-]+$/);
  });
});

/**
 * The real Docker CLI (no daemon needed: `docker pull` asks the credential helper before it connects) with the
 * unit's DOCKER_CONFIG as its ExecStartPre lines leave it. These machines ship the Docker CLI; .ci/run installs
 * Debian's docker.io where it is missing.
 */
describeWithTool(
  "docker",
  hasTool("docker", ["--version"]),
  "the unit's pulls, by the real Docker CLI (stand-in helper)",
  () => {
    test("an Artifact Registry image is pulled with the helper; Docker Hub's Caddy without it", () => {
      const input = COMBINATIONS["caddy, both images in Artifact Registry"];
      const files = writtenFiles(renderVmCloudInit({ ...input, caddyImage: undefined }));
      const mathesar = runUnitPulls(files[VM_PATHS.mathesarUnit].content, [AR_IMAGE]);
      expect(mathesar.configured).toEqual([["configure-docker", "--registries=us-docker.pkg.dev"]]);
      expect(mathesar.dockerConfig).toEqual({ credHelpers: { "us-docker.pkg.dev": "gcr" } });
      expect(mathesar.asked).toEqual(["get us-docker.pkg.dev"]);
      const caddy = runUnitPulls(files[VM_PATHS.caddyUnit].content, ["docker.io/library/caddy:2.10.0"]);
      expect(caddy).toMatchObject({ configured: [], dockerConfig: null, asked: [] });
    });
  },
);

describeWithTool("cloud-init", hasCloudInit(), "cloud-init schema (real cloud-init)", () => {
  let known: Set<string>;
  beforeAll(() => {
    known = cloudConfigTopLevelKeys();
  });

  test("the bundled schema was found and declares the keys we use", () => {
    expect(known.size).toBeGreaterThan(30);
    for (const key of ["write_files", "runcmd", "bootcmd", "users"]) expect(known).toContain(key);
  });

  test.each(Object.entries(COMBINATIONS))("%s: cloud-init reports a valid cloud-config", (_name, input) => {
    const result = cloudInitSchema(renderVmCloudInit(input));
    expect(result.output).toMatch(/Valid cloud-config/);
    expect(result.status).toBe(0);
  });

  test.each(Object.entries(COMBINATIONS))("%s: every top-level key is one cloud-init knows", (_name, input) => {
    const userData = renderVmCloudInit(input);
    expect(Object.keys(parse(userData) as object).sort()).toEqual(["bootcmd", "runcmd", "write_files"]);
    expect(unknownTopLevelKeys(userData, known)).toEqual([]);
  });

  test("the key check catches an invented key that cloud-init schema lets through", () => {
    const invented = renderVmCloudInit(BASE).replace("runcmd:", "run_commands:");
    expect(cloudInitSchema(invented).status).toBe(0); // why the key check exists
    expect(unknownTopLevelKeys(invented, known)).toEqual(["run_commands"]);
  });

  test("a schema violation fails cloud-init schema (the tier is not a no-op)", () => {
    const broken = renderVmCloudInit(BASE).replace(
      "  - path: /etc/mathesar/mathesar.env\n",
      "  - pathname: /etc/mathesar/mathesar.env\n",
    );
    const result = cloudInitSchema(broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/write_files\.0/);
  });
});

describe("bootcmd (the data disk)", () => {
  test("runs the data disk script with sh -c, at every boot, before the units are written and started", () => {
    const userData = renderVmCloudInit(BASE);
    const document = parse(userData) as { bootcmd: string[][] };
    expect(document.bootcmd).toEqual([["sh", "-c", dataDiskScript()]]);
    expect(dataDiskScript()).toContain("dev=/dev/disk/by-id/google-mathesar-data\ndir=/mnt/disks/mathesar\n");
    expect(Object.keys(parse(userData) as object)).toEqual(["bootcmd", "write_files", "runcmd"]);
  });
});

/**
 * Runs the data disk script with `sh`, the device a plain file and blkid, mkfs.ext4, fsck.ext4, mountpoint,
 * mount and sleep stand-ins that log their arguments. `blkid` exits with `blkidStatus`; `mountpoint` says
 * whether the directory is already mounted.
 */
function runDataDiskScript(options: { blkidStatus: number; mounted?: boolean; device?: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-disk-"));
  try {
    const bin = join(dir, "bin");
    const log = join(dir, "calls.log");
    const device = join(dir, "google-mathesar-data");
    const mountPoint = join(dir, "mnt", "mathesar");
    mkdirSync(bin);
    if (options.device !== false) writeFileSync(device, "");
    const stub = (name: string, status: number) => {
      writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\nexit ${status}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub("blkid", options.blkidStatus);
    stub("mkfs.ext4", 0);
    stub("fsck.ext4", 0);
    stub("mountpoint", options.mounted ? 0 : 1);
    stub("mount", 0);
    stub("sleep", 0);
    const result = spawnSync("sh", ["-c", dataDiskScript(device, mountPoint)], {
      encoding: "utf8",
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
    const calls = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
    return {
      status: result.status,
      output: `${result.stdout}${result.stderr}`,
      calls: calls.map((c) => c.replaceAll(dir, "D")),
      madeMountPoint: existsSync(mountPoint),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the data disk script (real sh, stand-in disk tools)", () => {
  test("first boot: no filesystem (blkid status 2) → format, check, mount", () => {
    const { status, calls, madeMountPoint, output } = runDataDiskScript({ blkidStatus: 2 });
    expect(status).toBe(0);
    expect(calls).toEqual([
      "mountpoint -q D/mnt/mathesar",
      "blkid -p D/google-mathesar-data",
      "mkfs.ext4 -F -m 0 -L mathesar-data -E lazy_itable_init=0,lazy_journal_init=0,discard D/google-mathesar-data",
      "fsck.ext4 -p D/google-mathesar-data",
      "mount -t ext4 -o defaults,discard,nodev,nosuid,noexec D/google-mathesar-data D/mnt/mathesar",
    ]);
    expect(madeMountPoint).toBe(true);
    expect(output).toContain("formatting it (first boot)");
  });

  test("later boots (a filesystem is there, e.g. on a replacement VM) → never formatted, checked and mounted", () => {
    const { status, calls } = runDataDiskScript({ blkidStatus: 0 });
    expect(status).toBe(0);
    expect(calls.some((c) => c.startsWith("mkfs"))).toBe(false);
    expect(calls.at(-1)).toBe(
      "mount -t ext4 -o defaults,discard,nodev,nosuid,noexec D/google-mathesar-data D/mnt/mathesar",
    );
  });

  test.each([4, 8])(
    "blkid fails otherwise (status %i) → neither formatted nor mounted, and the boot says so",
    (blkidStatus) => {
      const { status, calls, output } = runDataDiskScript({ blkidStatus });
      expect(status).toBe(1);
      expect(calls.filter((c) => /^(mkfs|mount )/.test(c))).toEqual([]);
      expect(output).toContain(`status ${blkidStatus}`);
    },
  );

  test("already mounted → nothing else happens", () => {
    const { status, calls } = runDataDiskScript({ blkidStatus: 2, mounted: true });
    expect(status).toBe(0);
    expect(calls).toEqual(["mountpoint -q D/mnt/mathesar"]);
  });

  test("the device never appears → no format, no mount, after waiting", () => {
    const { status, calls, output } = runDataDiskScript({ blkidStatus: 2, device: false });
    expect(status).toBe(1);
    expect(calls.filter((c) => c.startsWith("sleep"))).toHaveLength(60);
    expect(calls.filter((c) => !c.startsWith("sleep"))).toEqual([]);
    expect(output).toContain("did not appear");
  });
});

describeWithTool(
  "python3",
  hasTool("python3"),
  "the secret fetcher (real Python, stand-in Google APIs, real shells source its file)",
  () => {
    const sso = '{\r\n  "oidc": {"provider": {"client_id": "a=b c", "secret": "it\'s $HOME `id` \\\\n \\"q\\""}}\n}\n';
    const nasty = [
      "k".repeat(30),
      "=+/ $HOME ${PATH} $(id) `id` 'single' \"double\" back\\slash \\' trailing\\",
      "'\"'\"'",
      "line one\nline two\r\n\ttabbed",
      "  leading and trailing spaces  ",
      "ünïcödé ✓ ; & | > < * ? ~ # !",
      "\n",
    ].join("|");
    const secrets = {
      "demo-secret-key": nasty,
      "demo-sso": sso,
      "demo-empty": "",
      "projects/other-project/secrets/db": "it's; rm -rf /",
    };

    test("every value comes back byte for byte from set -a; . FILE; set +a, in the shell and in a child process", () => {
      const names = ["SECRET_KEY", "SSO_CONFIG_DICT", "EMPTY_SECRET", "POSTGRES_PASSWORD"];
      const { sourced, mode } = runSecretFetcher(
        FETCH_SECRETS_SCRIPT,
        "my-project",
        secrets,
        [
          "SECRET_KEY=demo-secret-key",
          "SSO_CONFIG_DICT=demo-sso",
          "EMPTY_SECRET=demo-empty",
          "POSTGRES_PASSWORD=projects/other-project/secrets/db",
        ],
        names,
      );
      expect(mode).toBe(0o600);
      expect(Object.keys(sourced)).toContain("sh");
      for (const shellName of Object.keys(sourced)) {
        for (const [name, value] of [
          ["SECRET_KEY", nasty],
          ["SSO_CONFIG_DICT", sso],
          ["EMPTY_SECRET", ""],
          ["POSTGRES_PASSWORD", "it's; rm -rf /"],
        ]) {
          // Labelled, so a failure says which shell and which variable.
          expect({ shellName, name, read: sourced[shellName][name] }).toEqual({
            shellName,
            name,
            read: { shell: value, child: value },
          });
        }
      }
      expect(JSON.parse(sourced.sh.SSO_CONFIG_DICT.shell as string)).toEqual(JSON.parse(sso));
    });

    test("writes one NAME='value' line per secret, single quotes written as '\"'\"'", () => {
      const { env } = runSecretFetcher(FETCH_SECRETS_SCRIPT, "my-project", { a: "it's", b: "plain" }, ["A=a", "B=b"]);
      expect(env).toBe(`A='it'"'"'s'\nB='plain'\n`);
    });

    test("reads a token from the metadata server, then each secret's latest version; a full name reaches another project", () => {
      const { calls } = runSecretFetcher(FETCH_SECRETS_SCRIPT, "my-project", secrets, [
        "SECRET_KEY=demo-secret-key",
        "POSTGRES_PASSWORD=projects/other-project/secrets/db",
      ]);
      expect(calls.map((c) => c.url)).toEqual([
        "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token",
        "https://secretmanager.googleapis.com/v1/projects/my-project/secrets/demo-secret-key/versions/latest:access",
        "https://secretmanager.googleapis.com/v1/projects/other-project/secrets/db/versions/latest:access",
      ]);
    });

    test("an empty secret id is skipped: no request, the variable stays unset (SSO off), the others are read", () => {
      const { calls, sourced, env, output } = runSecretFetcher(
        FETCH_SECRETS_SCRIPT,
        "my-project",
        secrets,
        ["SECRET_KEY=demo-secret-key", "SSO_CONFIG_DICT="],
        ["SSO_CONFIG_DICT", "SECRET_KEY"],
      );
      expect(calls.map((c) => c.url)).not.toContainEqual(expect.stringContaining("secrets//"));
      expect(calls).toHaveLength(2);
      expect(env).not.toContain("SSO_CONFIG_DICT");
      for (const shell of Object.keys(sourced)) {
        expect(sourced[shell].SSO_CONFIG_DICT).toEqual({ shell: null, child: null });
        expect(sourced[shell].SECRET_KEY.child).toBe(nasty);
      }
      expect(output).toContain("SSO_CONFIG_DICT has no secret configured: left unset");
    });

    test("only empty ids: no request at all, an empty file that sources cleanly", () => {
      const { calls, env, sourced } = runSecretFetcher(
        FETCH_SECRETS_SCRIPT,
        "my-project",
        {},
        ["SSO_CONFIG_DICT="],
        ["SSO_CONFIG_DICT"],
      );
      expect(calls).toEqual([]);
      expect(env).toBe("");
      expect(sourced.sh.SSO_CONFIG_DICT).toEqual({ shell: null, child: null });
    });

    test("a missing secret fails the fetch (systemd retries the unit) and names the secret", () => {
      expect(() => runSecretFetcher(FETCH_SECRETS_SCRIPT, "my-project", {}, ["SECRET_KEY=nope"])).toThrow(
        /secrets\/nope/,
      );
    });

    test("refuses a variable name the shell would not take, before any request", () => {
      expect(() => runSecretFetcher(FETCH_SECRETS_SCRIPT, "my-project", secrets, ["BAD-NAME=demo-sso"])).toThrow(
        /invalid variable name/,
      );
    });

    test("prints secret names, never values", () => {
      const { output } = runSecretFetcher(FETCH_SECRETS_SCRIPT, "my-project", secrets, ["SECRET_KEY=demo-secret-key"]);
      expect(output).toContain("read SECRET_KEY from secret demo-secret-key");
      expect(output).not.toContain("kkkk");
    });
  },
);

test("the secrets file is a tmpfs path, mounted read-only into the container at the path the command sources", () => {
  expect(VM_PATHS.secretsFile.startsWith(`${VM_PATHS.secretsDirectory}/`)).toBe(true);
  expect(VM_PATHS.secretsDirectory.startsWith("/run/")).toBe(true);
  expect(VM_PATHS.secretsFileInContainer).toBe("/run/secrets/mathesar.env");
});
