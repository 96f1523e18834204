/**
 * The cloud-init user-data of Mathesar's Compute Engine VM (Container-Optimized OS). A pure function that
 * renders YAML text, so the result can be checked by the real `cloud-init schema` and read by people:
 * no cdktf here. Values may be cdktf tokens (module flavour); they travel inside the text and Terraform
 * interpolates them, so nothing here may contain a literal `${` or `%{` of its own.
 *
 * On COS the root filesystem is read-only and `/etc` is reset at every boot; COS's cloud-init supports
 * `write_files`, `runcmd`, `bootcmd` and `users` (no packages). Following Google's COS guide, we write
 * systemd units with `write_files` and start them from `runcmd` (`daemon-reload`, then `start`), never
 * `enable`, and mount the data disk from `bootcmd` (which runs at every boot, before both).
 *
 * What must outlive the VM lives on a separate persistent disk (the VM is replaced whenever its user-data
 * changes, e.g. at every Mathesar upgrade, and its boot disk goes with it): `bootcmd` formats the disk
 * `/dev/disk/by-id/google-mathesar-data` only when `blkid` finds no filesystem on it (first boot), and
 * mounts it at `/mnt/disks/mathesar`. Uploads (`/code/.media`) and Caddy's certificates and ACME account
 * (`/data`) live there. Both units refuse to start unless it is mounted, so nothing is written to tmpfs.
 *
 * How Mathesar runs (one theme per unit):
 * - `mathesar.service` first fetches the secrets: it runs the Mathesar image's own Python on
 *   `fetch-secrets.py`, which takes an access token from the metadata server and reads each secret's
 *   `latest` version from Secret Manager, writing shell-quoted `KEY='value'` lines to
 *   `/run/mathesar/secrets.env` (tmpfs, mode 0600, removed when the unit stops). Secret values are never in
 *   the user-data or metadata.
 * - It then runs the migrations-and-admin bootstrap, `collectstatic` and the web server in one container,
 *   read-only root, tmpfs for static files and /tmp, uploads on the data disk, on the Docker network
 *   `mathesar`. The secrets file is bind-mounted read-only and *sourced* by the container's shell: Docker
 *   copies `--env-file` and `-e` values into the container's `config.v2.json` under `/var/lib/docker` (the
 *   stateful partition), so secrets never go through Docker's own environment. The plain (non-secret)
 *   environment does. `load_balancer` publishes port 8000 on the VM; `caddy` does not.
 * - `caddy.service` (edge `caddy`) runs the official Caddy image on the same network, publishing 80 and
 *   443, with its certificates on the data disk.
 *
 * Private images: a unit whose image comes from Artifact Registry (`<location>-docker.pkg.dev`) or Container
 * Registry (`gcr.io`, `<region>.gcr.io`) first runs `docker-credential-gcr configure-docker --registries=<host>`
 * (the helper ships with COS; Google's COS guide documents exactly this), so Docker pulls with the VM's service
 * account through the metadata server. It writes Docker's `config.json`, by default in `$HOME/.docker`, and
 * root's home is on COS's read-only root filesystem: each unit sets `DOCKER_CONFIG` (honoured by the Docker CLI
 * and by the helper's `configure-docker`) to its own directory in tmpfs (`/run/docker-config/<unit>`, one per
 * unit so two units starting together never overwrite each other's file), rewritten at every start, so it also
 * holds after a reboot. Only Google's hosts are ever configured: Docker Hub and other registries keep Docker's
 * default (anonymous) pulls.
 */
import { ADMIN_ENV, adminBootstrapShellCommand } from "../mathesar/admin-bootstrap";
import { DATABASE_CA_ENV, DATABASE_CA_FILE } from "../mathesar/database-tls";
import {
  COLLECT_STATIC_COMMAND,
  MATHESAR_MEDIA_PATH,
  MATHESAR_PORT,
  MATHESAR_START_COMMAND_PREPARED,
  MATHESAR_WORKDIR,
} from "../mathesar/image";
import { CADDY_IMAGE, looksLikeToken } from "./caddyfile";

import { GOOGLE_VM_EDGES, type GoogleVmEdge } from "./catalog";

/** Names of the Docker network and containers on the VM. */
export const VM_DOCKER_NETWORK = "mathesar";
export const VM_MATHESAR_CONTAINER = "mathesar";
export const VM_CADDY_CONTAINER = "caddy";

/**
 * `device_name` of the data disk on the instance: Compute Engine links it as
 * `/dev/disk/by-id/google-<device_name>`, whatever order the disks are attached in.
 */
export const VM_DATA_DISK_DEVICE_NAME = "mathesar-data";

/** Files and directories on the VM. */
export const VM_PATHS = {
  /** Plain environment (no secrets), for `docker run --env-file`. */
  environmentFile: "/etc/mathesar/mathesar.env",
  /** The secret fetcher, mounted read-only into a throwaway Mathesar container. */
  fetchSecretsScript: "/etc/mathesar/fetch-secrets.py",
  /** The secrets, fetched at every start; /run is tmpfs (never on disk). */
  secretsDirectory: "/run/mathesar",
  secretsFile: "/run/mathesar/secrets.env",
  /** Where the secrets file is bind-mounted (read-only) in the Mathesar container, to be sourced. */
  secretsFileInContainer: "/run/secrets/mathesar.env",
  /** The data disk's device (stable, by device_name) and its mount point (/mnt/disks is writable on COS). */
  dataDiskDevice: `/dev/disk/by-id/google-${VM_DATA_DISK_DEVICE_NAME}`,
  dataDiskMount: "/mnt/disks/mathesar",
  /** Uploads (CSV imports), on the data disk. */
  mediaDirectory: "/mnt/disks/mathesar/media",
  caddyfile: "/etc/mathesar/Caddyfile",
  /** Caddy's certificates and ACME account (`/data`) and its autosaved config (`/config`), on the data disk. */
  caddyDataDirectory: "/mnt/disks/mathesar/caddy/data",
  caddyConfigDirectory: "/mnt/disks/mathesar/caddy/config",
  mathesarUnit: "/etc/systemd/system/mathesar.service",
  caddyUnit: "/etc/systemd/system/caddy.service",
  /** Docker's client configuration (`DOCKER_CONFIG`) per unit, when its image needs Google's credential helper: tmpfs. */
  mathesarDockerConfig: "/run/docker-config/mathesar",
  caddyDockerConfig: "/run/docker-config/caddy",
} as const;

/** Docker's credential helper for Google's registries, part of Container-Optimized OS (milestone 60 and later). */
export const DOCKER_CREDENTIAL_GCR = "/usr/bin/docker-credential-gcr";

/**
 * An image reference whose registry is Artifact Registry (`<location>-docker.pkg.dev`) or Container Registry
 * (`gcr.io`, `<region>.gcr.io`); the group is the host. RE2 and JavaScript read it alike; `[.]` rather than `\.`,
 * so the pattern needs no escaping inside a Terraform string.
 */
export const GOOGLE_REGISTRY_IMAGE_PATTERN = "^([a-z0-9-]+-docker[.]pkg[.]dev|(?:[a-z0-9-]+[.])?gcr[.]io)/";

/** The registry host of a known image reference when Google's credential helper serves it, else undefined. */
export function googleRegistryHost(image: string): string | undefined {
  return new RegExp(GOOGLE_REGISTRY_IMAGE_PATTERN).exec(image)?.[1];
}

/**
 * The command that points Docker at the credential helper for `registries` (comma-separated hosts, or `%s` for a
 * format string). Only these hosts: the helper must never be asked for Docker Hub's or anyone else's images.
 */
export function registryCredentialCommand(registries: string): string {
  return `${DOCKER_CREDENTIAL_GCR} configure-docker --registries=${registries}`;
}

/** What a unit runs instead when an image known only to Terraform turns out not to need the helper. */
export const NO_REGISTRY_CREDENTIALS_COMMAND =
  "/bin/echo Docker pulls this image without the credential helper: not in Artifact Registry or Container Registry";

/** Where the fetcher script is mounted inside its container. */
const FETCHER_IN_CONTAINER = "/run/fetch-secrets.py";

/** What {@link renderVmCloudInit} needs. Strings may be cdktf tokens. */
export interface VmCloudInitInput {
  /** `load_balancer` (publish 8000 for Google's proxies) or `caddy` (Caddy on 80/443). */
  readonly edge: GoogleVmEdge;
  /** Project holding the secrets. */
  readonly project: string;
  /** Mathesar image reference. */
  readonly image: string;
  /** Plain environment (no secret may be here). */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Environment variable name → Secret Manager secret: a short id in `project`, or a full name
   * `projects/<project>/secrets/<id>`. An expression that comes out empty leaves the variable unset.
   */
  readonly secretEnvironment: Readonly<Record<string, string>>;
  /** The Caddyfile text; required for edge `caddy`. */
  readonly caddyfile?: string;
  /** Caddy image reference. @default CADDY_IMAGE */
  readonly caddyImage?: string;
  /**
   * Per unit, the `ExecStartPre` command that configures Docker's credential helper before the unit's pulls.
   * Needed only for an image known only to Terraform (module flavour), where the caller passes a Terraform
   * conditional between {@link registryCredentialCommand} and {@link NO_REGISTRY_CREDENTIALS_COMMAND}; for a
   * known image it is derived from the image (none unless the registry is Google's) and must be left out.
   */
  readonly registryCredentials?: { readonly mathesar?: string; readonly caddy?: string };
}

/** Variables that only the secret store may carry (the contract's list, plus the database admin's password). */
const SECRET_NAMES = [
  "POSTGRES_PASSWORD",
  "SECRET_KEY",
  "SSO_CONFIG_DICT",
  ADMIN_ENV.password,
  "MATHESAR_DB_ADMIN_PASSWORD",
];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A short secret id (in `project`) or a full name `projects/<project>/secrets/<id>` (SECRET_ID_RULE). */
const SECRET_ID = /^(projects\/[a-z0-9-]+\/secrets\/)?[A-Za-z0-9_-]{1,255}$/;

/**
 * The secret fetcher, run by the Mathesar image's Python (standard library only). Arguments: project,
 * output file, then `NAME=secret_id` pairs; a pair with an empty id (an optional secret that is not
 * configured, e.g. SSO off in the module flavour) is skipped and its variable stays unset. Retries while the
 * network or the IAM binding is not ready; systemd restarts the unit if it still fails. It prints names,
 * never values.
 *
 * The output is for a POSIX shell's `set -a; . FILE; set +a`: one `NAME='value'` line per secret, the value
 * in single quotes (inside which the shell expands nothing) with each `'` written as `'"'"'`. So every
 * value comes back byte for byte, line breaks, `$`, backslashes and quotes included.
 */
export const FETCH_SECRETS_SCRIPT = `import base64
import json
import os
import re
import sys
import time
import urllib.request

TOKEN_URL = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token"
SECRET_URL = "https://secretmanager.googleapis.com/v1/{name}/versions/latest:access"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def shell_quote(value):
    # Single quotes keep everything literal; a quote itself closes, adds "'" and reopens.
    return "'" + value.replace("'", "'\\"'\\"'") + "'"


def get_json(url, headers):
    for attempt in range(6):
        try:
            request = urllib.request.Request(url, headers=headers)
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)
        except Exception as error:  # the network or an IAM binding may not be ready yet
            if attempt == 5:
                raise SystemExit("mathesar-secrets: " + url.split("?")[0] + ": " + str(error))
            time.sleep(2 ** attempt)


project, target = sys.argv[1], sys.argv[2]
pairs = [pair.split("=", 1) for pair in sys.argv[3:]]
for name, secret in pairs:
    if not NAME.fullmatch(name):
        raise SystemExit("mathesar-secrets: invalid variable name " + repr(name))
    if secret == "":
        print("mathesar-secrets: " + name + " has no secret configured: left unset")
wanted = [(name, secret) for name, secret in pairs if secret != ""]
token = get_json(TOKEN_URL, {"Metadata-Flavor": "Google"})["access_token"] if wanted else None
lines = []
for name, secret in wanted:
    # A short id is in the deployment's project; a full name (projects/p/secrets/id) may be in another.
    url = SECRET_URL.format(name=secret if secret.startswith("projects/") else "projects/" + project + "/secrets/" + secret)
    payload = get_json(url, {"Authorization": "Bearer " + token})["payload"]
    value = base64.b64decode(payload["data"]).decode("utf-8")
    if "\\0" in value:
        raise SystemExit("mathesar-secrets: secret " + secret + " (" + name + ") holds a NUL byte, which no environment variable can")
    lines.append(name + "=" + shell_quote(value) + "\\n")
    print("mathesar-secrets: read " + name + " from secret " + secret)

os.umask(0o077)
temporary = target + ".tmp"
with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
    out.writelines(lines)
os.replace(temporary, target)
`;

/**
 * The plain variable carrying the database server's CA on the VM, base64-encoded: an `--env-file` value ends at
 * the line break, and a PEM has several. Replaces {@link DATABASE_CA_ENV} there.
 */
export const VM_DATABASE_CA_BASE64_ENV = `${DATABASE_CA_ENV}_BASE64`;

/**
 * Python (the image's own) that decodes {@link VM_DATABASE_CA_BASE64_ENV} and writes it to `file` when it is a
 * PEM certificate; unset, empty or anything else (the module's "none") writes nothing, as the other targets'
 * shell step does. No `$` or `%`: the command goes through systemd, which would expand them.
 */
export function vmDatabaseCaCommand(file: string = DATABASE_CA_FILE): string {
  const program = [
    "import base64, os",
    `pem = base64.b64decode(os.environ.get('${VM_DATABASE_CA_BASE64_ENV}', '')).decode()`,
    `open('${file}', 'w').write(pem.rstrip() + chr(10)) if '-----BEGIN CERTIFICATE-----' in pem else None`,
  ].join("; ");
  return `python -c "${program}"`;
}

/**
 * The container's command: export the secrets (sourced from the read-only secrets file, so Docker never
 * holds them), write the database's CA file when one is configured (`withDatabaseCa`), then bootstrap (locked
 * migrations, first admin), static files, and the web server.
 */
export function vmContainerCommand(withDatabaseCa = false): string {
  const secrets = `set -a; . ${VM_PATHS.secretsFileInContainer}; set +a`;
  const caStep = withDatabaseCa ? `${vmDatabaseCaCommand()} && ` : "";
  return (
    `${secrets}; ${caStep}${adminBootstrapShellCommand()} && ${COLLECT_STATIC_COMMAND} && ` +
    `exec ${MATHESAR_START_COMMAND_PREPARED.join(" ")}`
  );
}

/**
 * Formats (once) and mounts the data disk; run by `bootcmd` at every boot, before the units start. It
 * formats only when `blkid -p` reports that the device holds no filesystem at all (status 2); any other
 * failure to read it stops here without formatting, and the units then refuse to start (they assert the
 * mount point), so an unreadable disk is never wiped and nothing is written to tmpfs instead.
 */
export function dataDiskScript(
  device: string = VM_PATHS.dataDiskDevice,
  mountPoint: string = VM_PATHS.dataDiskMount,
): string {
  return `dev=${device}
dir=${mountPoint}
i=0
while [ ! -e "$dev" ] && [ "$i" -lt 60 ]; do sleep 1; i=$((i + 1)); done
if [ ! -e "$dev" ]; then echo "mathesar-data: $dev did not appear" >&2; exit 1; fi
if mountpoint -q "$dir"; then exit 0; fi
blkid -p "$dev" >/dev/null 2>&1
found=$?
if [ "$found" -eq 2 ]; then
  echo "mathesar-data: no filesystem on $dev: formatting it (first boot)"
  mkfs.ext4 -F -m 0 -L ${VM_DATA_DISK_DEVICE_NAME} -E lazy_itable_init=0,lazy_journal_init=0,discard "$dev" || exit 1
elif [ "$found" -ne 0 ]; then
  echo "mathesar-data: blkid could not read $dev (status $found): neither formatting nor mounting it" >&2
  exit 1
fi
fsck.ext4 -p "$dev" || echo "mathesar-data: fsck.ext4 -p $dev ended with status $?" >&2
mkdir -p "$dir"
mount -t ext4 -o defaults,discard,nodev,nosuid,noexec "$dev" "$dir"
`;
}

/**
 * Quotes one argument for a systemd command line: double quotes, with `\\` and `"` escaped. `$` and `%`
 * would be expanded by systemd; nothing we write contains them (checked).
 */
export function systemdQuote(argument: string): string {
  if (/[$%]/.test(argument.replace(/\$\{TfToken\[[^\]]*\]\}/g, ""))) {
    throw new Error(`A systemd command argument may not contain "$" or "%": ${argument}`);
  }
  return `"${argument.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `KEY=value` lines for `docker run --env-file` (values are taken literally, to the end of the line). */
export function renderEnvironmentFile(environment: Readonly<Record<string, string>>): string {
  return Object.keys(environment)
    .sort()
    .map((name) => `${name}=${environment[name]}\n`)
    .join("");
}

function checkInput(input: VmCloudInitInput): void {
  if (!GOOGLE_VM_EDGES.includes(input.edge))
    throw new Error(`Unknown edge ${JSON.stringify(input.edge)}: one of ${GOOGLE_VM_EDGES.join(", ")}`);
  for (const [name, value] of Object.entries(input.environment)) {
    if (!ENV_NAME.test(name)) throw new Error(`Invalid environment variable name ${JSON.stringify(name)}`);
    if (SECRET_NAMES.includes(name))
      throw new Error(
        `${name} is a secret: pass it in secretEnvironment (read from Secret Manager), never as plain environment`,
      );
    if (/[\r\n]/.test(value))
      throw new Error(`The value of ${name} contains a line break, which an --env-file cannot carry`);
    if (name === DATABASE_CA_ENV)
      throw new Error(
        `${DATABASE_CA_ENV} goes base64-encoded as ${VM_DATABASE_CA_BASE64_ENV} on the VM (a PEM has line breaks)`,
      );
    if (name in input.secretEnvironment) throw new Error(`${name} is both plain and secret`);
  }
  for (const [name, secret] of Object.entries(input.secretEnvironment)) {
    if (!ENV_NAME.test(name)) throw new Error(`Invalid environment variable name ${JSON.stringify(name)}`);
    // An expression may come out empty (an optional secret that is off): the fetcher skips it. A literal
    // empty id is a mistake here: leave the entry out instead.
    if (secret === "")
      throw new Error(`Empty Secret Manager secret id for ${name}: leave ${name} out of secretEnvironment instead`);
    if (!looksLikeToken(secret) && !SECRET_ID.test(secret))
      throw new Error(`Invalid Secret Manager secret id ${JSON.stringify(secret)} for ${name}`);
  }
  if (input.edge === "caddy" && input.caddyfile === undefined) throw new Error("Edge caddy needs a Caddyfile");
  for (const [unit, image] of [
    ["mathesar", input.image],
    ["caddy", input.caddyImage ?? CADDY_IMAGE],
  ] as const) {
    const given = input.registryCredentials?.[unit];
    if (looksLikeToken(image) && given === undefined) {
      throw new Error(
        `The ${unit} image is a Terraform expression: pass registryCredentials.${unit} (a conditional credential helper command)`,
      );
    }
    if (!looksLikeToken(image) && given !== undefined)
      throw new Error(
        `The ${unit} image is known: its registry credentials follow from it, leave registryCredentials.${unit} out`,
      );
  }
}

/**
 * The unit's `[Service]` lines that let Docker pull `image` from Google's registries, before any pull: its own
 * `DOCKER_CONFIG` in tmpfs and the helper's `configure-docker` for the image's host. None when a known image
 * comes from elsewhere (Docker Hub). `command` is the caller's conditional for an image known only to Terraform.
 */
function registryCredentialLines(image: string, directory: string, command: string | undefined): string[] {
  const host = looksLikeToken(image) ? undefined : googleRegistryHost(image);
  const step = command ?? (host === undefined ? undefined : registryCredentialCommand(host));
  if (step === undefined) return [];
  return [
    "# Images in Google's registries: Docker asks docker-credential-gcr (part of COS) for the VM's service account",
    "# token. Its config goes to a tmpfs DOCKER_CONFIG (root's home is read-only on COS), rewritten at every start.",
    `Environment=DOCKER_CONFIG=${directory}`,
    `ExecStartPre=/bin/mkdir -p ${directory}`,
    `ExecStartPre=${step}`,
  ];
}

/** A systemd `Exec*=` line whose arguments are written one per continuation line. */
function execLine(key: string, words: string[]): string {
  return `${key}=${words.join(" \\\n  ")}`;
}

/** Docker options that pair a flag with its value, on one continuation line. */
const opt = (flag: string, value: string) => `${flag} ${value}`;

function mathesarUnit(input: VmCloudInitInput): string {
  const secretPairs = Object.keys(input.secretEnvironment)
    .sort()
    .map((name) => `${name}=${input.secretEnvironment[name]}`);
  const fetch = [
    "/usr/bin/docker run --rm",
    // The metadata server and Google APIs, exactly as the VM reaches them.
    opt("--network", "host"),
    opt("-v", `${VM_PATHS.fetchSecretsScript}:${FETCHER_IN_CONTAINER}:ro`),
    opt("-v", `${VM_PATHS.secretsDirectory}:${VM_PATHS.secretsDirectory}`),
    opt("--entrypoint", "python"),
    input.image,
    FETCHER_IN_CONTAINER,
    input.project,
    VM_PATHS.secretsFile,
    ...secretPairs,
  ];
  const run = [
    "/usr/bin/docker run --rm",
    opt("--name", VM_MATHESAR_CONTAINER),
    opt("--network", VM_DOCKER_NETWORK),
    ...(input.edge === "load_balancer" ? [opt("-p", `${MATHESAR_PORT}:${MATHESAR_PORT}`)] : []),
    "--read-only",
    opt("--tmpfs", `${MATHESAR_WORKDIR}/static`),
    opt("--tmpfs", "/tmp"),
    opt("-v", `${VM_PATHS.mediaDirectory}:${MATHESAR_MEDIA_PATH}`),
    // Sourced by the command, never passed to Docker as environment (Docker would store it on disk).
    opt("-v", `${VM_PATHS.secretsFile}:${VM_PATHS.secretsFileInContainer}:ro`),
    opt("--security-opt", "no-new-privileges"),
    opt("--env-file", VM_PATHS.environmentFile),
    opt("--entrypoint", "sh"),
    input.image,
    `-c ${systemdQuote(vmContainerCommand(VM_DATABASE_CA_BASE64_ENV in input.environment))}`,
  ];
  return `[Unit]
Description=Mathesar web server
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target
StartLimitIntervalSec=0
# Uploads live on the data disk (mounted by bootcmd); never write them to the tmpfs under it.
AssertPathIsMountPoint=${VM_PATHS.dataDiskMount}

[Service]
# /run/mathesar holds the secrets file: tmpfs, root only, removed whenever the service stops.
RuntimeDirectory=mathesar
RuntimeDirectoryMode=0700
# The first start pulls the image and migrates an empty database.
TimeoutStartSec=900
Restart=always
RestartSec=10
ExecStartPre=-/usr/bin/docker network create ${VM_DOCKER_NETWORK}
ExecStartPre=-/usr/bin/docker rm -f ${VM_MATHESAR_CONTAINER}
ExecStartPre=/bin/mkdir -p ${VM_PATHS.mediaDirectory}
${[...registryCredentialLines(input.image, VM_PATHS.mathesarDockerConfig, input.registryCredentials?.mathesar), execLine("ExecStartPre", fetch)].join("\n")}
${execLine("ExecStart", run)}
ExecStop=/usr/bin/docker stop -t 30 ${VM_MATHESAR_CONTAINER}

[Install]
WantedBy=multi-user.target
`;
}

function caddyUnit(input: VmCloudInitInput): string {
  const caddyImage = input.caddyImage ?? CADDY_IMAGE;
  const run = [
    "/usr/bin/docker run --rm",
    opt("--name", VM_CADDY_CONTAINER),
    opt("--network", VM_DOCKER_NETWORK),
    opt("-p", "80:80"),
    opt("-p", "443:443"),
    "--read-only",
    opt("--tmpfs", "/tmp"),
    opt("-v", `${VM_PATHS.caddyfile}:/etc/caddy/Caddyfile:ro`),
    opt("-v", `${VM_PATHS.caddyDataDirectory}:/data`),
    opt("-v", `${VM_PATHS.caddyConfigDirectory}:/config`),
    opt("--security-opt", "no-new-privileges"),
    caddyImage,
  ];
  return `[Unit]
Description=Caddy: HTTPS for Mathesar
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target
StartLimitIntervalSec=0
# Certificates live on the data disk (mounted by bootcmd): without it Caddy would ask ACME anew at every boot.
AssertPathIsMountPoint=${VM_PATHS.dataDiskMount}

[Service]
TimeoutStartSec=600
Restart=always
RestartSec=10
ExecStartPre=-/usr/bin/docker network create ${VM_DOCKER_NETWORK}
ExecStartPre=-/usr/bin/docker rm -f ${VM_CADDY_CONTAINER}
ExecStartPre=/bin/mkdir -p ${VM_PATHS.caddyDataDirectory} ${VM_PATHS.caddyConfigDirectory}
${[...registryCredentialLines(caddyImage, VM_PATHS.caddyDockerConfig, input.registryCredentials?.caddy), execLine("ExecStart", run)].join("\n")}
ExecStop=/usr/bin/docker stop -t 30 ${VM_CADDY_CONTAINER}

[Install]
WantedBy=multi-user.target
`;
}

/** The body of a YAML literal block: each line indented (blank lines stay empty), without the final newline. */
function indent(content: string, prefix: string): string {
  return content
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => (line === "" ? "" : `${prefix}${line}`))
    .join("\n");
}

/** A `write_files` entry; the content is a YAML literal block (indented, never escaped). */
function writeFile(path: string, permissions: string, content: string): string {
  if (/^[ \t]/.test(content)) throw new Error(`${path}: a literal block may not start with whitespace`);
  return `  - path: ${path}\n    permissions: "${permissions}"\n    content: |\n${indent(content, "      ")}\n`;
}

/** Renders the `#cloud-config` user-data. */
export function renderVmCloudInit(input: VmCloudInitInput): string {
  checkInput(input);
  const caddy = input.edge === "caddy";
  const files = [
    writeFile(VM_PATHS.environmentFile, "0644", renderEnvironmentFile(input.environment)),
    writeFile(VM_PATHS.fetchSecretsScript, "0644", FETCH_SECRETS_SCRIPT),
    writeFile(VM_PATHS.mathesarUnit, "0644", mathesarUnit(input)),
    ...(caddy
      ? [
          writeFile(VM_PATHS.caddyfile, "0644", input.caddyfile as string),
          writeFile(VM_PATHS.caddyUnit, "0644", caddyUnit(input)),
        ]
      : []),
  ];
  const commands = [
    ["systemctl", "daemon-reload"],
    ["systemctl", "start", "mathesar.service"],
    ...(caddy ? [["systemctl", "start", "caddy.service"]] : []),
  ];
  const text = [
    "#cloud-config",
    `# Mathesar on Container-Optimized OS, edge ${input.edge}. Secrets are read from Secret Manager at every start.`,
    "# Every boot: format the data disk if it has no filesystem yet (first boot only), and mount it.",
    "bootcmd:",
    "  - - sh",
    "    - -c",
    `    - |\n${indent(dataDiskScript(), "      ")}`,
    "write_files:",
    files.join("").replace(/\n$/, ""),
    "runcmd:",
    ...commands.map((command) => `  - [${command.join(", ")}]`),
    "",
  ].join("\n");
  // Terraform would read these as its own template syntax.
  const own = text.replace(/\$\{TfToken\[[^\]]*\]\}/g, "");
  if (own.includes("${") || own.includes("%{"))
    throw new Error("The user-data may not contain Terraform template syntax of its own");
  return text;
}
