import "cdktf/lib/testing/adapters/jest";
import { Fn, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ComputeAddress } from "@cdktf/provider-google/lib/compute-address";
import { ComputeDisk } from "@cdktf/provider-google/lib/compute-disk";
import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { ComputeInstance } from "@cdktf/provider-google/lib/compute-instance";
import { ComputeInstanceGroup } from "@cdktf/provider-google/lib/compute-instance-group";
import { ComputeRouterNat } from "@cdktf/provider-google/lib/compute-router-nat";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { ArtifactRegistryRepositoryIamMember } from "@cdktf/provider-google/lib/artifact-registry-repository-iam-member";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import {
  COLLECT_STATIC_COMMAND,
  MATHESAR_START_COMMAND_PREPARED,
  MathesarInputError,
  SECRET_ENV_NAMES,
  adminBootstrapShellCommand,
} from "../../modules/mathesar";
import {
  ARTIFACT_REGISTRY_IMAGE_PATTERN,
  MathesarGoogleVm,
  type MathesarGoogleVmProps,
  artifactRegistryRepository,
} from "../../modules/google/vm";
import { CADDY_IMAGE } from "../../modules/google/caddyfile";
import {
  FETCH_SECRETS_SCRIPT,
  GOOGLE_REGISTRY_IMAGE_PATTERN,
  NO_REGISTRY_CREDENTIALS_COMMAND,
  VM_PATHS,
  dataDiskScript,
  vmContainerCommand,
} from "../../modules/google/vm-cloud-init";
import { GOOGLE_VM_BLOCK } from "../../modules/google";
import { BlockModule } from "../../modules/terraform/wiring";
import {
  cloudConfigTopLevelKeys,
  cloudInitSchema,
  hasCloudInit,
  runSecretFetcher,
  systemdWords,
  unitValues,
  unknownTopLevelKeys,
  writtenFiles,
} from "../support/cloud-init";
import { describeWithTool, hasTool } from "../support/tools";

type Json = Record<string, any>;

const IMAGE = "docker.io/mathesar/mathesar:0.11.0";
/** A private mirror in Artifact Registry, in another project than the deployment's. */
const AR_IMAGE = "us-docker.pkg.dev/mirror-project/mirror/mathesar:0.11.0";
const BASE: MathesarGoogleVmProps = {
  name: "demo",
  project: "my-project",
  zone: "us-central1-a",
  region: "us-central1",
  machineType: "e2-small",
  networkId: "projects/my-project/global/networks/demo",
  subnetworkId: "projects/my-project/regions/us-central1/subnetworks/demo",
  image: IMAGE,
  domainName: "mathesar.example.org",
  edge: "load_balancer",
  environment: {
    ALLOWED_HOSTS: "mathesar.example.org",
    DEBUG: "false",
    GUNICORN_CMD_ARGS: "--timeout 120 --access-logfile -",
    POSTGRES_DB: "mathesar",
    POSTGRES_HOST: "10.1.2.3",
    POSTGRES_PORT: "5432",
    POSTGRES_SSLMODE: "require",
    POSTGRES_USER: "mathesar",
    DJANGO_SUPERUSER_USERNAME: "admin",
    DJANGO_SUPERUSER_EMAIL: "admin@example.org",
  },
  secretEnvironment: {
    SECRET_KEY: "demo-secret-key",
    POSTGRES_PASSWORD: "demo-database-password",
    DJANGO_SUPERUSER_PASSWORD: "demo-admin-password",
  },
  readableSecretIds: ["demo-secret-key", "demo-database-password", "demo-admin-password"],
  labels: { app: "mathesar" },
};

function synth(
  props: Partial<MathesarGoogleVmProps> = {},
  build?: (stack: TerraformStack) => Partial<MathesarGoogleVmProps>,
) {
  const stack = new TerraformStack(Testing.app(), "vm");
  new GoogleProvider(stack, "google", { project: "my-project" });
  const vm = new MathesarGoogleVm(stack, "Vm", { ...BASE, ...props, ...(build ? build(stack) : {}) });
  const text = Testing.synth(stack);
  return { text, config: JSON.parse(text) as Json, vm };
}

const resources = (config: Json, type: string): Json => config.resource?.[type] ?? {};
const instanceOf = (config: Json): Json => resources(config, "google_compute_instance").mathesar;
const userDataOf = (config: Json): string => instanceOf(config).metadata["user-data"];

const filesOf = writtenFiles;

/** The argv of the unit's `docker run` in `ExecStart`, and its image and container command. */
function dockerRun(unit: string, key = "ExecStart"): { argv: string[]; image: string; command: string[] } {
  const lines = unitValues(unit, key).filter((l) => l.includes("docker run"));
  expect(lines).toHaveLength(1);
  const argv = systemdWords(lines[0]);
  const imageIndex = argv.findIndex(
    (word) => word === IMAGE || word === AR_IMAGE || word.startsWith("docker.io/library/caddy:"),
  );
  return { argv, image: argv[imageIndex], command: argv.slice(imageIndex + 1) };
}

/** The values of a repeated docker option, e.g. every `--tmpfs`. */
const optionValues = (argv: string[], flag: string) => argv.flatMap((word, i) => (word === flag ? [argv[i + 1]] : []));

describe("instance", () => {
  test("runs Container-Optimized OS (stable family) on a balanced persistent disk, 20 GB unless told", () => {
    const { text, config } = synth();
    expect(text).toHaveResourceWithProperties(ComputeInstance, { machine_type: "e2-small", zone: "us-central1-a" });
    expect(instanceOf(config).boot_disk).toMatchObject({
      auto_delete: true,
      initialize_params: { image: "projects/cos-cloud/global/images/family/cos-stable", size: 20, type: "pd-balanced" },
    });
    expect(instanceOf(synth({ diskSizeGb: 50 }).config).boot_disk.initialize_params.size).toBe(50);
    // Google-managed encryption at rest: no raw key material in the configuration.
    expect(JSON.stringify(instanceOf(synth().config).boot_disk)).not.toMatch(/disk_encryption_key_raw|rsa_encrypted/);
  });

  test("is a shielded VM: secure boot, vTPM and integrity monitoring", () => {
    expect(synth().text).toHaveResourceWithProperties(ComputeInstance, {
      shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true },
    });
  });

  test("logs in only through OS Login: project SSH keys blocked, serial port off; COS ships logs and metrics", () => {
    const metadata = instanceOf(synth().config).metadata;
    expect(metadata).toMatchObject({
      "block-project-ssh-keys": "true",
      "enable-oslogin": "TRUE",
      "serial-port-enable": "false",
      "google-logging-enabled": "true",
      "google-monitoring-enabled": "true",
    });
    expect(Object.keys(metadata).sort()).toEqual(
      [
        "block-project-ssh-keys",
        "enable-oslogin",
        "google-logging-enabled",
        "google-monitoring-enabled",
        "serial-port-enable",
        "user-data",
      ].sort(),
    );
  });

  test("carries the network tag and labels, and may stop for updates", () => {
    const instance = instanceOf(synth().config);
    expect(instance.tags).toEqual(["demo-mathesar"]);
    expect(instance.labels).toEqual({ app: "mathesar" });
    expect(instance.allow_stopping_for_update).toBe(true);
    expect(synth().vm.networkTag).toBe("demo-mathesar");
  });

  test("a changed user-data replaces the VM (cloud-init only runs at boot)", () => {
    const { config } = synth();
    expect(instanceOf(config).lifecycle.replace_triggered_by).toEqual(["terraform_data.mathesar_vm_user_data"]);
    expect(resources(config, "terraform_data").mathesar_vm_user_data.input.user_data).toBe(userDataOf(config));
  });
});

describe("data disk (survives every replacement of the VM)", () => {
  test("is a separate balanced persistent disk in the VM's zone, 10 GB unless told, labelled", () => {
    const { text, config, vm } = synth();
    expect(text).toHaveResourceWithProperties(ComputeDisk, {
      project: "my-project",
      zone: "us-central1-a",
      name: "demo-mathesar-data",
      type: "pd-balanced",
      size: 10,
      labels: { app: "mathesar" },
    });
    expect(Object.keys(resources(config, "google_compute_disk"))).toEqual(["mathesar_data"]);
    expect(resources(synth({ dataDiskSizeGb: 50 }).config, "google_compute_disk").mathesar_data.size).toBe(50);
    // The public member the composite's deletion guard protects.
    expect(vm.dataDisk).toBeInstanceOf(ComputeDisk);
    expect(`${vm.dataDisk.terraformResourceType}.${vm.dataDisk.friendlyUniqueId}`).toBe(
      "google_compute_disk.mathesar_data",
    );
  });

  test("is attached to the VM as a non-boot disk with a stable device name", () => {
    const instance = instanceOf(synth().config);
    expect(instance.attached_disk).toEqual([
      { source: "${google_compute_disk.mathesar_data.self_link}", device_name: "mathesar-data", mode: "READ_WRITE" },
    ]);
    expect(instance.boot_disk.source).toBeUndefined();
  });

  test("is not replaced with the VM: only the VM follows the user-data", () => {
    const { config } = synth();
    const disk = resources(config, "google_compute_disk").mathesar_data;
    expect(disk.lifecycle).toBeUndefined();
    expect(JSON.stringify(disk)).not.toMatch(/terraform_data|user_data|google_compute_instance/);
    expect(instanceOf(config).lifecycle.replace_triggered_by).toEqual(["terraform_data.mathesar_vm_user_data"]);
  });

  test("cloud-init formats it once and mounts it at every boot, by the device name the VM attaches it with", () => {
    for (const edge of ["load_balancer", "caddy"]) {
      const config = synth({ edge }).config;
      const document = parse(userDataOf(config)) as { bootcmd: string[][] };
      const deviceName = instanceOf(config).attached_disk[0].device_name;
      expect(document.bootcmd).toEqual([
        ["sh", "-c", dataDiskScript(`/dev/disk/by-id/google-${deviceName}`, "/mnt/disks/mathesar")],
      ]);
    }
  });

  test("uploads and Caddy's certificates live on it; the units refuse to start while it is not mounted", () => {
    const files = filesOf(userDataOf(synth({ edge: "caddy" }).config));
    for (const unit of [VM_PATHS.mathesarUnit, VM_PATHS.caddyUnit]) {
      expect(unitValues(files[unit].content, "AssertPathIsMountPoint")).toEqual(["/mnt/disks/mathesar"]);
    }
    for (const path of [VM_PATHS.mediaDirectory, VM_PATHS.caddyDataDirectory, VM_PATHS.caddyConfigDirectory])
      expect(path.startsWith("/mnt/disks/mathesar/")).toBe(true);
    expect(userDataOf(synth({ edge: "caddy" }).config)).not.toContain("/mnt/stateful_partition");
  });
});

describe("identity", () => {
  test("runs as its own service account with the cloud-platform scope (IAM decides)", () => {
    const { text, config } = synth();
    expect(text).toHaveResourceWithProperties(ServiceAccount, { account_id: "demo-vm-sa", project: "my-project" });
    expect(instanceOf(config).service_account).toEqual({
      email: "${google_service_account.vm.email}",
      scopes: ["cloud-platform"],
    });
  });

  test("project-wide it may only write logs and metrics", () => {
    const { text, config } = synth();
    const members = Object.values(resources(config, "google_project_iam_member")) as Json[];
    expect(members.map((m) => m.role).sort()).toEqual(["roles/logging.logWriter", "roles/monitoring.metricWriter"]);
    for (const role of ["roles/logging.logWriter", "roles/monitoring.metricWriter"]) {
      expect(text).toHaveResourceWithProperties(ProjectIamMember, {
        role,
        member: "${google_service_account.vm.member}",
        project: "my-project",
      });
    }
  });

  test("may read exactly the given secrets, each with its own secretAccessor binding", () => {
    const { config } = synth();
    const accessors = resources(config, "google_secret_manager_secret_iam_member");
    expect(Object.keys(accessors)).toEqual(["vm_secret_accessor"]);
    expect(accessors.vm_secret_accessor).toMatchObject({
      count: 3,
      role: "roles/secretmanager.secretAccessor",
      member: "${google_service_account.vm.member}",
      project: "my-project",
      secret_id: '${element(["demo-secret-key", "demo-database-password", "demo-admin-password"], count.index)}',
    });
  });

  test("a secret list known only to Terraform gets one binding per element", () => {
    const { config } = synth({}, (stack) => ({
      readableSecretIds: new TerraformVariable(stack, "secret_ids", { type: "list(string)" }).listValue,
    }));
    expect(resources(config, "google_secret_manager_secret_iam_member").vm_secret_accessor).toMatchObject({
      count: "${length(var.secret_ids)}",
      secret_id: "${element(var.secret_ids, count.index)}",
    });
  });

  test("the VM is created after its permissions, so the first start can read the secrets", () => {
    expect(instanceOf(synth().config).depends_on).toEqual(
      expect.arrayContaining([
        "google_project_iam_member.vm_log_writer",
        "google_project_iam_member.vm_metric_writer",
        "google_secret_manager_secret_iam_member.vm_secret_accessor",
      ]),
    );
  });
});

describe("edge load_balancer", () => {
  test("has no public IP", () => {
    const { config, vm } = synth();
    expect(instanceOf(config).network_interface).toEqual([{ subnetwork: BASE.subnetworkId }]);
    expect(resources(config, "google_compute_address")).toEqual({});
    expect(vm.address).toBeUndefined();
  });

  test("joins an unmanaged instance group with the named port http → 8000", () => {
    const { text, config, vm } = synth();
    expect(text).toHaveResourceWithProperties(ComputeInstanceGroup, {
      name: "demo-mathesar",
      zone: "us-central1-a",
      named_port: [{ name: "http", port: 8000 }],
    });
    expect(vm.instanceGroup).toBeDefined();
    // Membership is its own resource, replaced with the VM (a group's instances list would keep the old
    // self link and drop the new VM from the load balancer until a second apply).
    const membership = resources(config, "google_compute_instance_group_membership").mathesar as Record<string, any>;
    expect(membership.instance).toBe("${google_compute_instance.mathesar.self_link}");
    expect(membership.instance_group).toBe("${google_compute_instance_group.mathesar.name}");
    expect(membership.lifecycle.replace_triggered_by).toEqual(["google_compute_instance.mathesar.instance_id"]);
    expect(resources(config, "google_compute_instance_group").mathesar).not.toHaveProperty("instances");
  });

  test("admits only Google's proxy and health-check ranges, on 8000, to the VM's tag", () => {
    const { text, config } = synth();
    expect(Object.keys(resources(config, "google_compute_firewall"))).toEqual(["vm_load_balancer"]);
    expect(text).toHaveResourceWithProperties(ComputeFirewall, {
      direction: "INGRESS",
      network: BASE.networkId,
      source_ranges: ["35.191.0.0/16", "130.211.0.0/22"],
      target_tags: ["demo-mathesar"],
      allow: [{ protocol: "tcp", ports: ["8000"] }],
    });
  });

  test("reaches Docker Hub and Google APIs through Cloud NAT for its subnetwork, unless turned off", () => {
    const { text, config } = synth();
    expect(text).toHaveResourceWithProperties(ComputeRouterNat, {
      region: "us-central1",
      router: "${google_compute_router.vm_nat.name}",
      source_subnetwork_ip_ranges_to_nat: "LIST_OF_SUBNETWORKS",
      subnetwork: [{ name: BASE.subnetworkId, source_ip_ranges_to_nat: ["ALL_IP_RANGES"] }],
    });
    expect(instanceOf(config).depends_on).toContain("google_compute_router_nat.vm");
    const without = synth({ createCloudNat: false }).config;
    expect(resources(without, "google_compute_router_nat")).toEqual({});
    expect(resources(without, "google_compute_router")).toEqual({});
  });
});

describe("edge caddy", () => {
  test("has a static external IP on its network interface", () => {
    const { text, config, vm } = synth({ edge: "caddy" });
    expect(text).toHaveResourceWithProperties(ComputeAddress, { region: "us-central1", address_type: "EXTERNAL" });
    expect(instanceOf(config).network_interface[0].access_config).toEqual([
      { nat_ip: "${google_compute_address.vm.address}", network_tier: "PREMIUM" },
    ]);
    expect(vm.address).toBeDefined();
  });

  test("admits 80 and 443 from anywhere by default, or from the given ranges, to the VM's tag", () => {
    const firewall = (config: Json) => resources(config, "google_compute_firewall");
    const { config } = synth({ edge: "caddy" });
    expect(Object.keys(firewall(config))).toEqual(["vm_caddy"]);
    expect(firewall(config).vm_caddy).toMatchObject({
      source_ranges: ["0.0.0.0/0"],
      target_tags: ["demo-mathesar"],
      allow: [{ protocol: "tcp", ports: ["80", "443"] }],
    });
    expect(
      firewall(synth({ edge: "caddy", allowedSourceRanges: ["203.0.113.0/24"] }).config).vm_caddy.source_ranges,
    ).toEqual(["203.0.113.0/24"]);
  });

  test("has no instance group, no load balancer rule and no NAT", () => {
    const { config, vm } = synth({ edge: "caddy" });
    expect(vm.instanceGroup).toBeUndefined();
    for (const type of ["google_compute_instance_group", "google_compute_router", "google_compute_router_nat"])
      expect(resources(config, type)).toEqual({});
  });
});

describe("user-data: mathesar.service", () => {
  const files = (props: Partial<MathesarGoogleVmProps> = {}) => filesOf(userDataOf(synth(props).config));
  const unit = (props: Partial<MathesarGoogleVmProps> = {}) => files(props)[VM_PATHS.mathesarUnit].content;

  test("is the instance's user-data: a #cloud-config that writes the unit and starts it after daemon-reload", () => {
    const { config, vm } = synth();
    const userData = userDataOf(config);
    expect(userData.startsWith("#cloud-config\n")).toBe(true);
    expect(vm.userData).toBe(userData);
    const document = parse(userData) as { runcmd: string[][] };
    expect(document.runcmd).toEqual([
      ["systemctl", "daemon-reload"],
      ["systemctl", "start", "mathesar.service"],
    ]);
    expect(files()[VM_PATHS.mathesarUnit].permissions).toBe("0644");
  });

  test("restarts always, never gives up, and waits long enough for the first image pull", () => {
    const u = unit();
    expect(unitValues(u, "Restart")).toEqual(["always"]);
    expect(unitValues(u, "StartLimitIntervalSec")).toEqual(["0"]);
    expect(Number(unitValues(u, "TimeoutStartSec")[0])).toBeGreaterThanOrEqual(600);
  });

  test("fetches the secrets before every start with the Mathesar image's own Python, into tmpfs", () => {
    const u = unit();
    expect(unitValues(u, "RuntimeDirectory")).toEqual(["mathesar"]);
    expect(unitValues(u, "RuntimeDirectoryMode")).toEqual(["0700"]);
    const { argv, image, command } = dockerRun(u, "ExecStartPre");
    expect(image).toBe(IMAGE);
    expect(argv).toEqual(expect.arrayContaining(["--rm"]));
    expect(optionValues(argv, "--entrypoint")).toEqual(["python"]);
    expect(optionValues(argv, "-v")).toEqual([
      `${VM_PATHS.fetchSecretsScript}:/run/fetch-secrets.py:ro`,
      "/run/mathesar:/run/mathesar",
    ]);
    expect(command).toEqual([
      "/run/fetch-secrets.py",
      "my-project",
      "/run/mathesar/secrets.env",
      "DJANGO_SUPERUSER_PASSWORD=demo-admin-password",
      "POSTGRES_PASSWORD=demo-database-password",
      "SECRET_KEY=demo-secret-key",
    ]);
    // The fetch precedes the container's start.
    const order = u.split("\n").map((line) => line.split("=")[0]);
    expect(order.lastIndexOf("ExecStartPre")).toBeLessThan(order.indexOf("ExecStart"));
  });

  test("the fetcher reads a token from the metadata server and each secret's latest version from Secret Manager", () => {
    const script = files()[VM_PATHS.fetchSecretsScript].content;
    expect(script).toBe(FETCH_SECRETS_SCRIPT);
    expect(script).toContain(
      "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token",
    );
    expect(script).toContain('{"Metadata-Flavor": "Google"}');
    expect(script).toContain('"https://secretmanager.googleapis.com/v1/{name}/versions/latest:access"');
    expect(script).toContain('"projects/" + project + "/secrets/" + secret');
    expect(script).toContain('base64.b64decode(payload["data"])');
    // Shell-quoted for sourcing (the real Python and shells check this in vm-cloud-init.test.ts).
    expect(script).toContain(`return "'" + value.replace("'", "'\\"'\\"'") + "'"`);
    expect(script).toContain('if secret != ""');
    expect(script).toContain("0o600");
  });

  test("no secret value or secret variable is in the user-data or metadata; secrets are ids only", () => {
    const { config } = synth();
    const env = files()[VM_PATHS.environmentFile].content;
    for (const name of SECRET_ENV_NAMES) expect(env).not.toMatch(new RegExp(`^${name}=`, "m"));
    // The only mention of each secret variable is its NAME=secret-id pair for the fetcher.
    for (const [name, id] of Object.entries(BASE.secretEnvironment)) {
      const mentions = userDataOf(config).match(new RegExp(`${name}=[^\\s\\\\]*`, "g")) ?? [];
      expect(mentions).toEqual([`${name}=${id}`]);
    }
    expect(() => synth({ environment: { ...BASE.environment, SECRET_KEY: "x".repeat(60) } })).toThrow(/secret/);
  });

  test("the plain environment goes to /etc/mathesar/mathesar.env, one KEY=value line each", () => {
    const file = files()[VM_PATHS.environmentFile];
    const expected = Object.keys(BASE.environment)
      .sort()
      .map((name) => `${name}=${BASE.environment[name]}\n`)
      .join("");
    expect(file.content).toBe(expected);
    expect(file.permissions).toBe("0644");
  });

  test("the container gets the plain environment file, a read-only root, tmpfs for static files and /tmp, uploads on the data disk", () => {
    const { argv, image } = dockerRun(unit());
    expect(image).toBe(IMAGE);
    expect(optionValues(argv, "--env-file")).toEqual(["/etc/mathesar/mathesar.env"]);
    expect(argv).toContain("--read-only");
    expect(optionValues(argv, "--tmpfs")).toEqual(["/code/static", "/tmp"]);
    expect(optionValues(argv, "-v")).toEqual([
      "/mnt/disks/mathesar/media:/code/.media",
      "/run/mathesar/secrets.env:/run/secrets/mathesar.env:ro",
    ]);
    expect(unitValues(unit(), "ExecStartPre")).toContain("/bin/mkdir -p /mnt/disks/mathesar/media");
  });

  test("secrets never pass through Docker (which keeps a container's environment in config.v2.json on disk): the file is mounted read-only and sourced", () => {
    const { argv, command } = dockerRun(unit());
    for (const flag of ["--env-file", "-e", "--env"])
      expect(optionValues(argv, flag).filter((v) => v.includes("/run/"))).toEqual([]);
    expect(argv.filter((word) => /^(-e|--env)$/.test(word) || word.startsWith("--env="))).toEqual([]);
    expect(optionValues(argv, "-v")).toContain(`${VM_PATHS.secretsFile}:${VM_PATHS.secretsFileInContainer}:ro`);
    expect(command[1].startsWith("set -a; . /run/secrets/mathesar.env; set +a; ")).toBe(true);
  });

  test("the container runs on the docker network mathesar", () => {
    const u = unit();
    expect(optionValues(dockerRun(u).argv, "--network")).toEqual(["mathesar"]);
    expect(optionValues(dockerRun(u).argv, "--name")).toEqual(["mathesar"]);
    expect(unitValues(u, "ExecStartPre")).toContain("-/usr/bin/docker network create mathesar");
  });

  test("exports the secrets, then runs the locked bootstrap, then collectstatic, then the web server without -s or -f", () => {
    const { argv, command } = dockerRun(unit());
    expect(optionValues(argv, "--entrypoint")).toEqual(["sh"]);
    expect(command).toEqual([
      "-c",
      `set -a; . /run/secrets/mathesar.env; set +a; ${adminBootstrapShellCommand()} && ` +
        `${COLLECT_STATIC_COMMAND} && exec ${MATHESAR_START_COMMAND_PREPARED.join(" ")}`,
    ]);
    expect(command[1]).toBe(vmContainerCommand());
    expect(command[1]).toMatch(/exec bash \.\/bin\/mathesar run -ne$/);
  });

  test("publishes 8000 on the VM behind the load balancer, and nothing when Caddy fronts it", () => {
    expect(optionValues(dockerRun(unit()).argv, "-p")).toEqual(["8000:8000"]);
    expect(optionValues(dockerRun(unit({ edge: "caddy" })).argv, "-p")).toEqual([]);
  });

  test("contains no Terraform template syntax of its own", () => {
    for (const edge of ["load_balancer", "caddy"]) {
      const userData = userDataOf(synth({ edge, acmeEmail: "ops@example.org" }).config);
      expect(userData).not.toMatch(/\$\{|%\{/);
    }
  });
});

describe("user-data: caddy.service (edge caddy)", () => {
  const files = (props: Partial<MathesarGoogleVmProps> = {}) =>
    filesOf(userDataOf(synth({ edge: "caddy", ...props }).config));

  test("is written and started after mathesar.service; absent behind the load balancer", () => {
    const document = parse(userDataOf(synth({ edge: "caddy" }).config)) as { runcmd: string[][] };
    expect(document.runcmd).toEqual([
      ["systemctl", "daemon-reload"],
      ["systemctl", "start", "mathesar.service"],
      ["systemctl", "start", "caddy.service"],
    ]);
    const lb = filesOf(userDataOf(synth().config));
    expect(lb[VM_PATHS.caddyUnit]).toBeUndefined();
    expect(lb[VM_PATHS.caddyfile]).toBeUndefined();
  });

  test("runs the pinned official Caddy image on the mathesar network, publishing 80 and 443", () => {
    const u = files()[VM_PATHS.caddyUnit].content;
    const { argv, image } = dockerRun(u);
    expect(image).toBe(CADDY_IMAGE);
    expect(CADDY_IMAGE).toMatch(/^docker\.io\/library\/caddy:2\.\d+\.\d+$/);
    expect(optionValues(argv, "--network")).toEqual(["mathesar"]);
    expect(optionValues(argv, "-p")).toEqual(["80:80", "443:443"]);
    expect(unitValues(u, "Restart")).toEqual(["always"]);
  });

  test("mounts the Caddyfile read-only and keeps certificates on the data disk", () => {
    const u = files()[VM_PATHS.caddyUnit].content;
    const { argv } = dockerRun(u);
    expect(optionValues(argv, "-v")).toEqual([
      "/etc/mathesar/Caddyfile:/etc/caddy/Caddyfile:ro",
      "/mnt/disks/mathesar/caddy/data:/data",
      "/mnt/disks/mathesar/caddy/config:/config",
    ]);
    expect(argv).toContain("--read-only");
    expect(unitValues(u, "AssertPathIsMountPoint")).toEqual(["/mnt/disks/mathesar"]);
  });

  test("the Caddyfile proxies the domain to mathesar:8000, with the ACME e-mail when given", () => {
    const caddyfile = files()[VM_PATHS.caddyfile].content;
    expect(caddyfile).toContain("mathesar.example.org {\n\treverse_proxy mathesar:8000\n");
    expect(caddyfile).not.toContain("email");
    expect(files({ acmeEmail: "ops@example.org" })[VM_PATHS.caddyfile].content).toContain("\temail ops@example.org\n");
  });
});

describe("private images (Artifact Registry, Container Registry)", () => {
  const readers = (config: Json) => resources(config, "google_artifact_registry_repository_iam_member");
  const unitOf = (config: Json, path: string = VM_PATHS.mathesarUnit) => filesOf(userDataOf(config))[path].content;

  test("Docker Hub: no credential step in either unit, no registry permission", () => {
    for (const edge of ["load_balancer", "caddy"]) {
      const { config } = synth({ edge });
      expect(userDataOf(config)).not.toMatch(/docker-credential-gcr|DOCKER_CONFIG/);
      expect(readers(config)).toEqual({});
    }
  });

  test.each(["load_balancer", "caddy"])(
    "Artifact Registry, edge %s: the helper is configured for the image's host before both of its pulls",
    (edge) => {
      const { config } = synth({ edge, image: AR_IMAGE });
      const u = unitOf(config);
      expect(unitValues(u, "Environment")).toEqual(["DOCKER_CONFIG=/run/docker-config/mathesar"]);
      // systemd runs ExecStartPre lines in order, then ExecStart: configure, then the fetcher's pull, then the server's.
      const lines = u.replace(/\\\n/g, " ").split("\n");
      const configure = lines.indexOf(
        "ExecStartPre=/usr/bin/docker-credential-gcr configure-docker --registries=us-docker.pkg.dev",
      );
      const pulls = lines.flatMap((line, i) => (/^ExecStart(Pre)?=.*docker run/.test(line) ? [i] : []));
      expect(configure).toBeGreaterThan(lines.indexOf("ExecStartPre=/bin/mkdir -p /run/docker-config/mathesar"));
      expect(pulls).toHaveLength(2);
      expect(pulls.every((i) => i > configure)).toBe(true);
      expect(dockerRun(u, "ExecStartPre").image).toBe(AR_IMAGE);
      expect(dockerRun(u).image).toBe(AR_IMAGE);
      // Caddy comes from Docker Hub: its unit is left alone.
      if (edge === "caddy")
        expect(unitOf(config, VM_PATHS.caddyUnit)).not.toMatch(/docker-credential-gcr|DOCKER_CONFIG/);
    },
  );

  test("Artifact Registry: the VM may read that one repository (in the mirror's project), before it starts", () => {
    const { config, text } = synth({ image: AR_IMAGE });
    expect(Object.keys(readers(config))).toEqual(["vm_image_reader"]);
    expect(readers(config).vm_image_reader).toEqual({
      location: "us",
      project: "mirror-project",
      repository: "mirror",
      role: "roles/artifactregistry.reader",
      member: "${google_service_account.vm.member}",
    });
    expect(text).toHaveResourceWithProperties(ArtifactRegistryRepositoryIamMember, { repository: "mirror" });
    expect(instanceOf(config).depends_on).toContain("google_artifact_registry_repository_iam_member.vm_image_reader");
    // Nothing project-wide.
    expect(
      (Object.values(resources(config, "google_project_iam_member")) as Json[]).map((m) => m.role),
    ).not.toContainEqual(expect.stringContaining("artifactregistry"));
  });

  test.each([
    [
      "europe-west1-docker.pkg.dev/p-1/images/team/mathesar:1",
      { location: "europe-west1", project: "p-1", repository: "images" },
    ],
    [
      "us-docker.pkg.dev/example.com/legacy-project/mirror/mathesar@sha256:00",
      { location: "us", project: "example.com:legacy-project", repository: "mirror" },
    ],
    ["us-docker.pkg.dev/my-project/mathesar:1", undefined],
    ["docker.io/mathesar/mathesar:1", undefined],
    ["gcr.io/my-project/mathesar:1", undefined],
  ])("%s → repository %j", (image, repository) => {
    expect(artifactRegistryRepository(image)).toEqual(repository);
  });

  test("Container Registry: the helper is configured for its host, but no permission is granted (the bucket is the user's)", () => {
    const { config } = synth({ image: "eu.gcr.io/my-project/mathesar:0.11.0" });
    expect(unitValues(unitOf(config), "ExecStartPre")).toContain(
      "/usr/bin/docker-credential-gcr configure-docker --registries=eu.gcr.io",
    );
    expect(readers(config)).toEqual({});
  });

  test("an image known only to Terraform: a conditional credential step and a counted repository permission", () => {
    const { config, text } = synth({}, (stack) => ({
      image: new TerraformVariable(stack, "image", { type: "string" }).stringValue,
    }));
    const reader = readers(config).vm_image_reader;
    expect(reader.count).toBe(`\${can(regex("${ARTIFACT_REGISTRY_IMAGE_PATTERN}", var.image)) ? 1 : 0}`);
    expect(reader.location).toBe(`\${element(regex("${ARTIFACT_REGISTRY_IMAGE_PATTERN}", var.image), 0)}`);
    expect(reader.project).toBe(
      `\${replace(element(regex("${ARTIFACT_REGISTRY_IMAGE_PATTERN}", var.image), 1), "/", ":")}`,
    );
    expect(reader.repository).toBe(`\${element(regex("${ARTIFACT_REGISTRY_IMAGE_PATTERN}", var.image), 2)}`);
    const u = unitOf(config);
    expect(unitValues(u, "Environment")).toEqual(["DOCKER_CONFIG=/run/docker-config/mathesar"]);
    const host = `try(element(regex("${GOOGLE_REGISTRY_IMAGE_PATTERN}", var.image), 0), "")`;
    expect(unitValues(u, "ExecStartPre")).toContain(
      `\${can(regex("${GOOGLE_REGISTRY_IMAGE_PATTERN}", var.image)) ? ` +
        `format("/usr/bin/docker-credential-gcr configure-docker --registries=%s", ${host}) : "${NO_REGISTRY_CREDENTIALS_COMMAND}"}`,
    );
    expect(text).not.toMatch(/TfToken|\[object Object\]|<unresolved-token>|undefined/);
  });
});

describe("module flavour (edge known only to Terraform)", () => {
  const moduleSynth = () =>
    synth({}, (stack) => {
      const variable = (name: string, type = "string") => new TerraformVariable(stack, name, { type });
      return {
        edge: variable("edge").stringValue,
        project: variable("project").stringValue,
        image: variable("image").stringValue,
        domainName: variable("domain_name").stringValue,
        acmeEmail: variable("acme_email").stringValue,
        allowedSourceRanges: variable("allowed_source_ranges", "list(string)").listValue,
      };
    });

  test("renders both user-data variants as locals and picks one with a conditional", () => {
    const { config, text } = moduleSynth();
    expect(Object.keys(config.locals).sort()).toEqual([
      "mathesar_vm_user_data_caddy",
      "mathesar_vm_user_data_load_balancer",
    ]);
    expect(userDataOf(config)).toBe(
      '${(var.edge == "caddy") ? local.mathesar_vm_user_data_caddy : local.mathesar_vm_user_data_load_balancer}',
    );
    // Tokens were interpolated into the text, not serialized.
    const caddy = config.locals.mathesar_vm_user_data_caddy as string;
    expect(caddy).toContain("${var.image}");
    expect(caddy).toContain("\n        ${var.project} \\\n");
    expect(caddy).toContain("${var.domain_name} {\n");
    expect(caddy).toContain('${(var.acme_email != null) ? format("email %s", var.acme_email) : "# no ACME e-mail"}');
    expect(text).not.toMatch(/TfToken|\[object Object\]|<unresolved-token>/);
  });

  test("edge resources are counted by the edge", () => {
    const { config } = moduleSynth();
    const caddy = '${(var.edge == "caddy") ? 1 : 0}';
    const loadBalancer = '${!(var.edge == "caddy") ? 1 : 0}';
    expect(resources(config, "google_compute_address").vm.count).toBe(caddy);
    expect(resources(config, "google_compute_firewall").vm_caddy.count).toBe(caddy);
    expect(resources(config, "google_compute_firewall").vm_load_balancer.count).toBe(loadBalancer);
    expect(resources(config, "google_compute_instance_group").mathesar.count).toBe(loadBalancer);
    expect(resources(config, "google_compute_router").vm_nat.count).toBe(loadBalancer);
    expect(resources(config, "google_compute_router_nat").vm.count).toBe(loadBalancer);
    expect(resources(config, "google_compute_router_nat").vm.router).toBe(
      "${one(google_compute_router.vm_nat[*].name)}",
    );
  });

  test("the data disk exists whatever the edge (no count)", () => {
    const disk = resources(moduleSynth().config, "google_compute_disk").mathesar_data;
    expect(disk.count).toBeUndefined();
    expect(disk.zone).toBe("us-central1-a");
  });

  test("a secret id that may come out empty (SSO off) is accepted as an expression and reaches the fetcher as NAME=", () => {
    const { config } = synth({}, (stack) => {
      const sso = new TerraformVariable(stack, "sso_config_secret_id", { type: "string", nullable: true });
      return {
        secretEnvironment: {
          ...BASE.secretEnvironment,
          SSO_CONFIG_DICT: Token.asString(Fn.coalesce([sso.stringValue, ""])),
        },
      };
    });
    const u = filesOf(userDataOf(config))[VM_PATHS.mathesarUnit].content;
    // One word once Terraform has evaluated it (the Terraform tier below runs that for real).
    expect(u).toContain('\n  SSO_CONFIG_DICT=${coalesce(var.sso_config_secret_id, "")}\n');
  });

  test("the external IP is a dynamic access_config present only with Caddy", () => {
    const networkInterface = instanceOf(moduleSynth().config).network_interface[0];
    expect(networkInterface.access_config).toBeUndefined();
    expect(networkInterface.dynamic.access_config).toEqual({
      for_each: '${(var.edge == "caddy") ? [1] : []}',
      content: { nat_ip: "${one(google_compute_address.vm[*].address)}", network_tier: "PREMIUM" },
    });
  });
});

describe("input", () => {
  test("an unknown edge is refused before anything is synthesized", () => {
    expect(() => synth({ edge: "nginx" })).toThrow(MathesarInputError);
  });

  test("a literal empty secret id is refused (leave the variable out); only an expression may come out empty", () => {
    expect(() => synth({ secretEnvironment: { ...BASE.secretEnvironment, SSO_CONFIG_DICT: "" } })).toThrow(
      MathesarInputError,
    );
    expect(() => synth({ secretEnvironment: { ...BASE.secretEnvironment, SSO_CONFIG_DICT: "" } })).toThrow(
      /SSO_CONFIG_DICT.*empty secret id/,
    );
  });
});

/**
 * The module flavour's user-data as Terraform itself renders it: the construct synthesized inside the real
 * `modules/vm` stack (props are TerraformVariables), its two user-data locals and the variables they use
 * copied into a configuration of their own (no provider needed), evaluated by `terraform apply`, read back
 * with `terraform output -json`, and checked by the real cloud-init; the fetcher and the data disk script
 * that come out are the ones the TypeScript renders, and the fetcher run on the evaluated arguments skips
 * SSO when it is off.
 */
const USER_DATA_LOCALS = ["mathesar_vm_user_data_caddy", "mathesar_vm_user_data_load_balancer"] as const;

/** `locals` + the `variable` blocks they depend on, and outputs exposing the locals. */
function userDataConfiguration(module: Json): Json {
  const locals = Object.fromEntries(USER_DATA_LOCALS.map((name) => [name, module.locals[name]]));
  const used = new Set(
    [...JSON.stringify(locals).matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((match) => match[1]),
  );
  const variable = Object.fromEntries([...used].sort().map((name) => [name, module.variable[name]]));
  for (const [name, spec] of Object.entries(variable))
    if (spec === undefined) throw new Error(`local uses undeclared var.${name}`);
  const output = Object.fromEntries(USER_DATA_LOCALS.map((name) => [name, { value: `\${local.${name}}` }]));
  return { variable, locals, output };
}

/** The module flavour as published: the VM block's submodule synthesized. */
const synthVmModule = () => JSON.parse(Testing.synth(new BlockModule(Testing.app(), "vm", GOOGLE_VM_BLOCK))) as Json;

/** Runs terraform in `root`/config with an empty CLI configuration and no checkpoint calls. */
function terraform(root: string, args: string[]): { status: number | null; stdout: string; output: string } {
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: join(root, "cli.tfrc"),
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
  };
  const result = spawnSync("terraform", [`-chdir=${join(root, "config")}`, ...args, "-no-color"], {
    encoding: "utf8",
    env,
    timeout: 120000,
  });
  return { status: result.status, stdout: result.stdout ?? "", output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

/** Values for the module's required variables (the rest keep their defaults). */
const MODULE_VARS: Record<string, string> = {
  project: "my-project",
  image: IMAGE,
  domain_name: "mathesar.example.org",
  web_concurrency: "3",
  database_host: "10.1.2.3",
  database_password_secret_id: "demo-database-password",
  secret_key_secret_id: "demo-secret-key",
  admin_password_secret_id: "demo-admin-password",
};

const SSO_OFF = "SSO off, no ACME e-mail";
const SSO_ON = "SSO on, an ACME e-mail, the database password in another project";
const MIRROR = "the image in an Artifact Registry mirror";
const MODULE_SCENARIOS: Record<string, Record<string, string>> = {
  [SSO_OFF]: {},
  [MIRROR]: { image: AR_IMAGE },
  [SSO_ON]: {
    sso_config_secret_id: "demo-sso",
    require_sso_login: "true",
    acme_email: "ops@example.org",
    database_password_secret_id: "projects/other-project/secrets/db-password",
  },
};

/**
 * `terraform init -backend=false`, then per scenario `terraform apply` with `-var`s and `terraform output
 * -json`: scenario → local name → the user-data Terraform rendered.
 */
function evaluateUserData(
  configuration: Json,
  scenarios: Record<string, Record<string, string>>,
): Record<string, Record<string, string>> {
  const root = mkdtempSync(join(tmpdir(), "mathesar-vm-module-"));
  try {
    mkdirSync(join(root, "config"));
    writeFileSync(join(root, "cli.tfrc"), "");
    writeFileSync(join(root, "config", "main.tf.json"), JSON.stringify(configuration, null, 2));
    const init = terraform(root, ["init", "-backend=false", "-input=false"]);
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.output}`);
    const rendered: Record<string, Record<string, string>> = {};
    for (const [scenario, overrides] of Object.entries(scenarios)) {
      const values = { ...MODULE_VARS, ...overrides };
      const missing = Object.entries(configuration.variable as Json).filter(
        ([name, spec]) => !("default" in spec) && !(name in values),
      );
      if (missing.length > 0) throw new Error(`no value for required ${missing.map(([n]) => n).join(", ")}`);
      const vars = Object.entries(values)
        .filter(([name]) => name in configuration.variable)
        .map(([name, value]) => `-var=${name}=${value}`);
      const apply = terraform(root, ["apply", "-auto-approve", "-input=false", ...vars]);
      if (apply.status !== 0) throw new Error(`terraform apply failed (${scenario}):\n${apply.output.slice(-3000)}`);
      const outputs = terraform(root, ["output", "-json"]);
      if (outputs.status !== 0) throw new Error(`terraform output failed:\n${outputs.output}`);
      rendered[scenario] = Object.fromEntries(
        Object.entries(JSON.parse(outputs.stdout) as Json).map(([name, output]) => [name, output.value as string]),
      );
    }
    return rendered;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** What the stand-in Secret Manager holds for the scenarios. */
const STAND_IN_SECRETS = {
  "demo-secret-key": "secret-key-'$x'",
  "demo-database-password": "db-password",
  "projects/other-project/secrets/db-password": "other-db-password",
  "demo-admin-password": 'admin "password"',
  "demo-sso": '{"oidc": {"google": {"client_id": "id", "secret": "s3cr3t"}}}',
};

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "module flavour user-data, evaluated by real Terraform",
  () => {
    let module: Json;
    let configuration: Json;
    /** scenario → local name → user-data as Terraform rendered it. */
    let rendered: Record<string, Record<string, string>> = {};

    beforeAll(() => {
      module = synthVmModule();
      configuration = userDataConfiguration(module);
      rendered = evaluateUserData(configuration, MODULE_SCENARIOS);
    }, 180000);

    const cases = Object.keys(MODULE_SCENARIOS).flatMap((scenario) =>
      USER_DATA_LOCALS.map((local) => [scenario, local] as const),
    );

    test("copies only locals and the variables they use (no provider, no resources), and evaluates both variants per scenario", () => {
      expect(Object.keys(configuration).sort()).toEqual(["locals", "output", "variable"]);
      expect(Object.keys(configuration.variable)).toEqual(
        expect.arrayContaining(["image", "project", "sso_config_secret_id", "acme_email", "domain_name"]),
      );
      expect(Object.keys(configuration.variable)).not.toContain("zone");
      for (const scenario of Object.keys(MODULE_SCENARIOS))
        expect(Object.keys(rendered[scenario]).sort()).toEqual([...USER_DATA_LOCALS]);
    });

    test.each(cases)(
      "%s, %s: no Terraform syntax or token is left, and the texts the TypeScript renders are unchanged",
      (scenario, local) => {
        const userData = rendered[scenario][local];
        expect(userData.startsWith("#cloud-config\n")).toBe(true);
        expect(userData).not.toMatch(/\$\{|%\{|TfToken/);
        const files = filesOf(userData);
        expect(files[VM_PATHS.fetchSecretsScript].content).toBe(FETCH_SECRETS_SCRIPT);
        expect((parse(userData) as { bootcmd: string[][] }).bootcmd).toEqual([["sh", "-c", dataDiskScript()]]);
        // The module always passes a CA value ("none" without one): the command always has the decoding step.
        expect(dockerRun(files[VM_PATHS.mathesarUnit].content).command).toEqual(["-c", vmContainerCommand(true)]);
        expect(files[VM_PATHS.environmentFile].content).toContain(
          `MATHESAR_DATABASE_CA_PEM_BASE64=${Buffer.from("none").toString("base64")}\n`,
        );
        expect(files[VM_PATHS.environmentFile].content).toContain("POSTGRES_HOST=10.1.2.3\n");
      },
    );

    describeWithTool("cloud-init", hasCloudInit(), "checked by the real cloud-init", () => {
      let known: Set<string>;
      beforeAll(() => {
        known = cloudConfigTopLevelKeys();
      });

      test.each(cases)(
        "%s, %s: cloud-init schema reports a valid cloud-config, every top-level key known",
        (scenario, local) => {
          const userData = rendered[scenario][local];
          const result = cloudInitSchema(userData);
          expect(result.output).toMatch(/Valid cloud-config/);
          expect(result.status).toBe(0);
          expect(Object.keys(parse(userData) as object)).toEqual(["bootcmd", "write_files", "runcmd"]);
          expect(unknownTopLevelKeys(userData, known)).toEqual([]);
        },
      );
    });

    test("the credential helper is configured before the pulls only for the mirror; Docker Hub gets the harmless echo", () => {
      for (const local of USER_DATA_LOCALS) {
        const steps = (scenario: string) =>
          unitValues(filesOf(rendered[scenario][local])[VM_PATHS.mathesarUnit].content, "ExecStartPre");
        const mirror = steps(MIRROR);
        const configure = mirror.indexOf(
          "/usr/bin/docker-credential-gcr configure-docker --registries=us-docker.pkg.dev",
        );
        expect(configure).toBeGreaterThan(mirror.indexOf("/bin/mkdir -p /run/docker-config/mathesar"));
        expect(mirror.findIndex((line) => line.includes("docker run"))).toBeGreaterThan(configure);
        expect(steps(SSO_OFF)).toContain(NO_REGISTRY_CREDENTIALS_COMMAND);
        expect(steps(SSO_OFF).join("\n")).not.toContain("configure-docker");
      }
      // Caddy's image is Docker Hub's whatever the Mathesar image.
      expect(filesOf(rendered[MIRROR].mathesar_vm_user_data_caddy)[VM_PATHS.caddyUnit].content).not.toMatch(
        /docker-credential-gcr|DOCKER_CONFIG/,
      );
    });

    test("the repository permission's count and repository, as Terraform evaluates them for several images", () => {
      const reader = module.resource.google_artifact_registry_repository_iam_member.vm_image_reader as Json;
      // Each attribute wrapped in try(): a non-matching image has count 0, and its other attributes are never read.
      const attempt = (expression: string) => `\${try(${expression.slice(2, -1)}, null)}`;
      const images: Record<string, string> = {
        hub: IMAGE,
        mirror: AR_IMAGE,
        regional: "europe-west1-docker.pkg.dev/p-1/images/team/mathesar:1",
        scoped: "us-docker.pkg.dev/example.com/legacy-project/mirror/mathesar:1",
        gcr: "gcr.io/my-project/mathesar:1",
      };
      const evaluated = evaluateUserData(
        {
          variable: { image: module.variable.image },
          output: Object.fromEntries(
            ["count", "location", "project", "repository"].map((name) => [
              name,
              { value: name === "count" ? reader.count : attempt(reader[name]) },
            ]),
          ),
        },
        Object.fromEntries(Object.entries(images).map(([name, image]) => [name, { image }])),
      );
      const repository = (name: string) => {
        const { count, ...rest } = evaluated[name] as unknown as Record<string, unknown>;
        return Number(count) === 1 ? rest : undefined;
      };
      for (const [name, image] of Object.entries(images))
        expect({ image, terraform: repository(name) }).toEqual({ image, terraform: artifactRegistryRepository(image) });
      expect(repository("mirror")).toEqual({ location: "us", project: "mirror-project", repository: "mirror" });
    });

    test("the Caddyfile gets the ACME e-mail line only when one is set", () => {
      const caddyfile = (scenario: string) =>
        filesOf(rendered[scenario].mathesar_vm_user_data_caddy)[VM_PATHS.caddyfile].content;
      expect(caddyfile(SSO_OFF)).toContain("\t# no ACME e-mail\n");
      expect(caddyfile(SSO_ON)).toContain("\temail ops@example.org\n");
      expect(caddyfile(SSO_OFF)).toContain("mathesar.example.org {\n\treverse_proxy mathesar:8000\n");
    });

    describeWithTool("python3", hasTool("python3"), "the fetcher run on the arguments Terraform rendered", () => {
      const fetch = (scenario: string) => {
        const files = filesOf(rendered[scenario].mathesar_vm_user_data_load_balancer);
        const { command } = dockerRun(files[VM_PATHS.mathesarUnit].content, "ExecStartPre");
        const [script, project, target, ...pairs] = command;
        expect([script, project, target]).toEqual(["/run/fetch-secrets.py", "my-project", VM_PATHS.secretsFile]);
        const names = ["SSO_CONFIG_DICT", "SECRET_KEY", "POSTGRES_PASSWORD", "DJANGO_SUPERUSER_PASSWORD"];
        return {
          pairs,
          ...runSecretFetcher(files[VM_PATHS.fetchSecretsScript].content, project, STAND_IN_SECRETS, pairs, names),
        };
      };

      test("SSO off: SSO_CONFIG_DICT= is skipped and stays unset; the other secrets are read", () => {
        const { pairs, sourced, calls } = fetch(SSO_OFF);
        expect(pairs).toContain("SSO_CONFIG_DICT=");
        expect(calls.map((c) => c.url).filter((url) => url.includes("secretmanager"))).toHaveLength(3);
        expect(sourced.sh.SSO_CONFIG_DICT).toEqual({ shell: null, child: null });
        expect(sourced.sh.SECRET_KEY.child).toBe("secret-key-'$x'");
        expect(sourced.sh.POSTGRES_PASSWORD.child).toBe("db-password");
        expect(sourced.sh.DJANGO_SUPERUSER_PASSWORD.child).toBe('admin "password"');
      });

      test("SSO on: SSO_CONFIG_DICT is read; a full secret name reaches the other project", () => {
        const { pairs, sourced, calls } = fetch(SSO_ON);
        expect(pairs).toContain("SSO_CONFIG_DICT=demo-sso");
        expect(calls.map((c) => c.url)).toContain(
          "https://secretmanager.googleapis.com/v1/projects/other-project/secrets/db-password/versions/latest:access",
        );
        expect(sourced.sh.SSO_CONFIG_DICT.child).toBe(STAND_IN_SECRETS["demo-sso"]);
        expect(sourced.sh.POSTGRES_PASSWORD.child).toBe("other-db-password");
      });
    });
  },
);
