/**
 * The cloud-init user-data of Mathesar's Compute Engine VM (Container-Optimized OS). A pure function that
 * renders YAML text, so the result can be checked by the real `cloud-init schema` and read by people:
 * no cdktf here. Values may be cdktf tokens (module flavour); they travel inside the text and Terraform
 * interpolates them, so nothing here may contain a literal `${` or `%{` of its own.
 *
 * On COS the root filesystem is read-only and `/etc` is reset at every boot; COS's cloud-init supports
 * `write_files`, `runcmd`, `bootcmd` and `users` (no packages). Following Google's COS guide, we write
 * systemd units with `write_files` and start them from `runcmd` (`daemon-reload`, then `start`), never
 * `enable`. Everything that must survive a reboot lives under `/mnt/stateful_partition`.
 *
 * How Mathesar runs (one theme per unit):
 * - `mathesar.service` first fetches the secrets: it runs the Mathesar image's own Python on
 *   `fetch-secrets.py`, which takes an access token from the metadata server and reads each secret's
 *   `latest` version from Secret Manager, writing `KEY=value` lines to `/run/mathesar/secrets.env`
 *   (tmpfs, mode 0600, removed when the unit stops). Secret values are never in the user-data or metadata.
 * - It then runs the migrations-and-admin bootstrap, `collectstatic` and the web server in one container,
 *   read-only root, tmpfs for static files and /tmp, uploads on the stateful partition, on the Docker
 *   network `mathesar`. `load_balancer` publishes port 8000 on the VM; `caddy` does not.
 * - `caddy.service` (edge `caddy`) runs the official Caddy image on the same network, publishing 80 and
 *   443, with its certificates under the stateful partition.
 */
import { ADMIN_ENV, adminBootstrapShellCommand } from "../mathesar/admin-bootstrap";
import { COLLECT_STATIC_COMMAND, MATHESAR_MEDIA_PATH, MATHESAR_PORT, MATHESAR_START_COMMAND_PREPARED, MATHESAR_WORKDIR } from "../mathesar/image";
import { CADDY_IMAGE, looksLikeToken } from "./caddyfile";

/** How requests reach Mathesar's VM: Google's HTTPS load balancer, or Caddy on the VM itself. */
export type GoogleVmEdge = "load_balancer" | "caddy";

/** The edges, for validation. */
export const GOOGLE_VM_EDGES: readonly GoogleVmEdge[] = ["load_balancer", "caddy"];

/** Names of the Docker network and containers on the VM. */
export const VM_DOCKER_NETWORK = "mathesar";
export const VM_MATHESAR_CONTAINER = "mathesar";
export const VM_CADDY_CONTAINER = "caddy";

/** Files and directories on the VM. */
export const VM_PATHS = {
  /** Plain environment (no secrets), for `docker run --env-file`. */
  environmentFile: "/etc/mathesar/mathesar.env",
  /** The secret fetcher, mounted read-only into a throwaway Mathesar container. */
  fetchSecretsScript: "/etc/mathesar/fetch-secrets.py",
  /** The secrets, fetched at every start; /run is tmpfs (never on disk). */
  secretsDirectory: "/run/mathesar",
  secretsFile: "/run/mathesar/secrets.env",
  /** Uploads (CSV imports), on the stateful partition. */
  mediaDirectory: "/mnt/stateful_partition/mathesar/media",
  caddyfile: "/etc/mathesar/Caddyfile",
  /** Caddy's certificates and ACME account (`/data`) and its autosaved config (`/config`). */
  caddyDataDirectory: "/mnt/stateful_partition/mathesar/caddy/data",
  caddyConfigDirectory: "/mnt/stateful_partition/mathesar/caddy/config",
  mathesarUnit: "/etc/systemd/system/mathesar.service",
  caddyUnit: "/etc/systemd/system/caddy.service",
} as const;

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
  /** Environment variable name → Secret Manager secret id (short id in `project`). */
  readonly secretEnvironment: Readonly<Record<string, string>>;
  /** The Caddyfile text; required for edge `caddy`. */
  readonly caddyfile?: string;
  /** Caddy image reference. @default CADDY_IMAGE */
  readonly caddyImage?: string;
}

/** Variables that only the secret store may carry (the contract's list, plus the database admin's password). */
const SECRET_NAMES = ["POSTGRES_PASSWORD", "SECRET_KEY", "SSO_CONFIG_DICT", ADMIN_ENV.password, "MATHESAR_DB_ADMIN_PASSWORD"];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The secret fetcher, run by the Mathesar image's Python (standard library only). Arguments: project,
 * output file, then `NAME=secret_id` pairs. Retries while the network or the IAM binding is not ready;
 * systemd restarts the unit if it still fails. It prints names, never values.
 */
export const FETCH_SECRETS_SCRIPT = `import base64
import json
import os
import sys
import time
import urllib.request

TOKEN_URL = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token"
SECRET_URL = "https://secretmanager.googleapis.com/v1/projects/{project}/secrets/{secret}/versions/latest:access"


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
token = get_json(TOKEN_URL, {"Metadata-Flavor": "Google"})["access_token"]
lines = []
for pair in sys.argv[3:]:
    name, secret = pair.split("=", 1)
    url = SECRET_URL.format(project=project, secret=secret)
    payload = get_json(url, {"Authorization": "Bearer " + token})["payload"]
    value = base64.b64decode(payload["data"]).decode("utf-8")
    # One line per variable for --env-file; JSON values stay valid without their line breaks.
    lines.append(name + "=" + value.replace("\\r", "").replace("\\n", "") + "\\n")
    print("mathesar-secrets: read " + name + " from secret " + secret)

os.umask(0o077)
temporary = target + ".tmp"
with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
    out.writelines(lines)
os.replace(temporary, target)
`;

/** The container's command: bootstrap (locked migrations, first admin), static files, then the web server. */
export function vmContainerCommand(): string {
  return `${adminBootstrapShellCommand()} && ${COLLECT_STATIC_COMMAND} && exec ${MATHESAR_START_COMMAND_PREPARED.join(" ")}`;
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
  if (!GOOGLE_VM_EDGES.includes(input.edge)) throw new Error(`Unknown edge ${JSON.stringify(input.edge)}: one of ${GOOGLE_VM_EDGES.join(", ")}`);
  for (const [name, value] of Object.entries(input.environment)) {
    if (!ENV_NAME.test(name)) throw new Error(`Invalid environment variable name ${JSON.stringify(name)}`);
    if (SECRET_NAMES.includes(name)) throw new Error(`${name} is a secret: pass it in secretEnvironment (read from Secret Manager), never as plain environment`);
    if (/[\r\n]/.test(value)) throw new Error(`The value of ${name} contains a line break, which an --env-file cannot carry`);
    if (name in input.secretEnvironment) throw new Error(`${name} is both plain and secret`);
  }
  for (const [name, secret] of Object.entries(input.secretEnvironment)) {
    if (!ENV_NAME.test(name)) throw new Error(`Invalid environment variable name ${JSON.stringify(name)}`);
    if (!looksLikeToken(secret) && !SECRET_ID.test(secret)) throw new Error(`Invalid Secret Manager secret id ${JSON.stringify(secret)} for ${name}`);
  }
  if (input.edge === "caddy" && input.caddyfile === undefined) throw new Error("Edge caddy needs a Caddyfile");
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
    opt("--security-opt", "no-new-privileges"),
    opt("--env-file", VM_PATHS.environmentFile),
    opt("--env-file", VM_PATHS.secretsFile),
    opt("--entrypoint", "sh"),
    input.image,
    `-c ${systemdQuote(vmContainerCommand())}`,
  ];
  return `[Unit]
Description=Mathesar web server
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target
StartLimitIntervalSec=0

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
${execLine("ExecStartPre", fetch)}
${execLine("ExecStart", run)}
ExecStop=/usr/bin/docker stop -t 30 ${VM_MATHESAR_CONTAINER}

[Install]
WantedBy=multi-user.target
`;
}

function caddyUnit(input: VmCloudInitInput): string {
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
    input.caddyImage ?? CADDY_IMAGE,
  ];
  return `[Unit]
Description=Caddy: HTTPS for Mathesar
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target
StartLimitIntervalSec=0

[Service]
TimeoutStartSec=600
Restart=always
RestartSec=10
ExecStartPre=-/usr/bin/docker network create ${VM_DOCKER_NETWORK}
ExecStartPre=-/usr/bin/docker rm -f ${VM_CADDY_CONTAINER}
ExecStartPre=/bin/mkdir -p ${VM_PATHS.caddyDataDirectory} ${VM_PATHS.caddyConfigDirectory}
${execLine("ExecStart", run)}
ExecStop=/usr/bin/docker stop -t 30 ${VM_CADDY_CONTAINER}

[Install]
WantedBy=multi-user.target
`;
}

/** A `write_files` entry; the content is a YAML literal block (indented, never escaped). */
function writeFile(path: string, permissions: string, content: string): string {
  if (/^[ \t]/.test(content)) throw new Error(`${path}: a literal block may not start with whitespace`);
  const body = content
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => (line === "" ? "" : `      ${line}`))
    .join("\n");
  return `  - path: ${path}\n    permissions: "${permissions}"\n    content: |\n${body}\n`;
}

/** Renders the `#cloud-config` user-data. */
export function renderVmCloudInit(input: VmCloudInitInput): string {
  checkInput(input);
  const caddy = input.edge === "caddy";
  const files = [
    writeFile(VM_PATHS.environmentFile, "0644", renderEnvironmentFile(input.environment)),
    writeFile(VM_PATHS.fetchSecretsScript, "0644", FETCH_SECRETS_SCRIPT),
    writeFile(VM_PATHS.mathesarUnit, "0644", mathesarUnit(input)),
    ...(caddy ? [writeFile(VM_PATHS.caddyfile, "0644", input.caddyfile as string), writeFile(VM_PATHS.caddyUnit, "0644", caddyUnit(input))] : []),
  ];
  const commands = [["systemctl", "daemon-reload"], ["systemctl", "start", "mathesar.service"], ...(caddy ? [["systemctl", "start", "caddy.service"]] : [])];
  const text = [
    "#cloud-config",
    `# Mathesar on Container-Optimized OS, edge ${input.edge}. Secrets are read from Secret Manager at every start.`,
    "write_files:",
    files.join("").replace(/\n$/, ""),
    "runcmd:",
    ...commands.map((command) => `  - [${command.join(", ")}]`),
    "",
  ].join("\n");
  // Terraform would read these as its own template syntax.
  const own = text.replace(/\$\{TfToken\[[^\]]*\]\}/g, "");
  if (own.includes("${") || own.includes("%{")) throw new Error("The user-data may not contain Terraform template syntax of its own");
  return text;
}
