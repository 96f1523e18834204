/**
 * The real cloud-init, for user-data checks: `cloud-init schema --config-file F` and a top-level key check
 * against the JSON schema cloud-init ships (its `schema` command ignores keys it does not know, so a typo
 * such as `write_file:` would pass it and be silently skipped on the VM).
 * Also: helpers that read the units a user-data writes as systemd does, the VM's secret fetcher run for
 * real by Python against stand-ins for the metadata server and Secret Manager, and a unit's registry
 * credential steps followed by the real Docker CLI's pulls.
 */
import { spawnSync } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { hasTool } from "./tools";

/** Whether the `cloud-init` command works here. */
export function hasCloudInit(): boolean {
  return hasTool("cloud-init", ["--version"]);
}

/** Result of `cloud-init schema --config-file`. */
export interface SchemaResult {
  readonly status: number | null;
  readonly output: string;
}

/** Runs `cloud-init schema --config-file F` on `userData` (written to a temporary file). */
export function cloudInitSchema(userData: string): SchemaResult {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-cloud-init-"));
  try {
    const file = join(dir, "user-data.yaml");
    writeFileSync(file, userData);
    const result = spawnSync("cloud-init", ["schema", "--config-file", file], { encoding: "utf8" });
    return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Python interpreter cloud-init runs with (its shebang), so we find the installed package. */
function cloudInitPython(): string {
  const which = spawnSync("sh", ["-c", "command -v cloud-init"], { encoding: "utf8" });
  const path = which.stdout.trim();
  const shebang = readFileSync(path, "utf8").split("\n")[0];
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(shebang);
  if (!match) return "python3";
  // "#!/usr/bin/env python3" names the interpreter second.
  return match[1].endsWith("/env") && match[2] ? match[2] : match[1];
}

/** Path of the cloud-config JSON schema bundled with the installed cloud-init. */
export function cloudConfigSchemaPath(): string {
  const python = cloudInitPython();
  const result = spawnSync(python, ["-c", "import cloudinit, os; print(os.path.dirname(cloudinit.__file__))"], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Cannot import cloudinit with ${python}: ${result.stderr}`);
  return join(result.stdout.trim(), "config", "schemas", "schema-cloud-config-v1.json");
}

type Schema = {
  $ref?: string;
  properties?: Record<string, unknown>;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  $defs?: Record<string, Schema>;
};

/** Every top-level key the bundled schema declares (the union over its `allOf` of module schemas). */
export function cloudConfigTopLevelKeys(schemaPath = cloudConfigSchemaPath()): Set<string> {
  const root = JSON.parse(readFileSync(schemaPath, "utf8")) as Schema;
  const keys = new Set<string>();
  const seen = new Set<Schema>();
  const visit = (node: Schema | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (node.$ref) {
      const name = node.$ref.replace(/^#\/\$defs\//, "");
      visit(root.$defs?.[name]);
    }
    for (const key of Object.keys(node.properties ?? {})) keys.add(key);
    for (const child of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) visit(child);
  };
  visit(root);
  return keys;
}

/** Top-level keys of `userData` that cloud-init's schema does not declare (empty when all are known). */
export function unknownTopLevelKeys(userData: string, known: Set<string> = cloudConfigTopLevelKeys()): string[] {
  const document = parse(userData) as Record<string, unknown>;
  return Object.keys(document ?? {}).filter((key) => !known.has(key));
}

/** A `write_files` entry of a user-data. */
export interface WrittenFile {
  readonly path: string;
  readonly content: string;
  readonly permissions: string;
}

/** `write_files` of a user-data, by path. */
export function writtenFiles(userData: string): Record<string, WrittenFile> {
  const document = parse(userData) as { write_files: WrittenFile[] };
  return Object.fromEntries(document.write_files.map((f) => [f.path, f]));
}

/** systemd's reading of a unit's `Key=` lines (continuations joined), e.g. all `ExecStartPre` values. */
export function unitValues(unit: string, key: string): string[] {
  return unit
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1));
}

/** Splits a systemd command line into words the way systemd does (double/single quotes, backslash escapes). */
export function systemdWords(commandLine: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < commandLine.length) {
    while (commandLine[i] === " ") i++;
    if (i >= commandLine.length) break;
    let word = "";
    while (i < commandLine.length && commandLine[i] !== " ") {
      const c = commandLine[i];
      if (c === '"' || c === "'") {
        i++;
        while (commandLine[i] !== c) {
          if (i >= commandLine.length) throw new Error(`unterminated quote in ${commandLine}`);
          if (c === '"' && commandLine[i] === "\\") i++;
          word += commandLine[i++];
        }
        i++;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

/** What {@link runSecretFetcher} saw. */
export interface FetchResult {
  /** The secrets file as written. */
  readonly env: string;
  /** Its permission bits. */
  readonly mode: number;
  /** The requests made, in order. */
  readonly calls: Array<{ url: string }>;
  /** What the fetcher printed. */
  readonly output: string;
  /**
   * Each asked-for variable as a POSIX shell sees it after `set -a; . FILE; set +a`, per shell (`sh`, and
   * `bash` when present): `printf %s "$NAME"` in the shell itself, and `os.environ` in a child process (which is
   * what Mathesar reads). `null` when the variable is unset.
   */
  readonly sourced: Record<string, Record<string, { shell: string | null; child: string | null }>>;
}

/** Shells the sourcing is checked with: `sh` (dash on Debian, like the Mathesar image) and `bash`. */
const SHELLS = ["sh", "bash"].filter((shell) => spawnSync(shell, ["-c", "exit 0"]).status === 0);

/**
 * Runs the VM's secret fetcher (`script`) with the real Python, its `urlopen` replaced by a stand-in that
 * answers like the metadata server and Secret Manager (and checks the headers). `secrets` maps secret names
 * (`projects/<p>/secrets/<id>`, or a short id meaning `projects/<project>/secrets/<id>`) to values. Then sources
 * the written file with each shell and reads back `names`.
 */
export function runSecretFetcher(
  script: string,
  project: string,
  secrets: Record<string, string>,
  pairs: string[],
  names: string[] = [],
): FetchResult {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-fetch-"));
  try {
    const scriptFile = join(dir, "fetch-secrets.py");
    const harness = join(dir, "harness.py");
    const target = join(dir, "secrets.env");
    const full = Object.fromEntries(
      Object.entries(secrets).map(([id, value]) => [
        id.startsWith("projects/") ? id : `projects/${project}/secrets/${id}`,
        value,
      ]),
    );
    writeFileSync(scriptFile, script);
    writeFileSync(
      harness,
      `import base64, io, json, runpy, sys, urllib.request
secrets = json.loads(sys.argv[1])
calls_file = sys.argv[2]
calls = []
class Response(io.BytesIO):
    def __enter__(self):
        return self
    def __exit__(self, *args):
        return False
def fake_urlopen(request, timeout=None):
    url = request.full_url
    headers = dict(request.header_items())
    calls.append({"url": url, "headers": headers})
    json.dump(calls, open(calls_file, "w"))
    if url == "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token":
        assert headers.get("Metadata-flavor") == "Google", headers
        return Response(json.dumps({"access_token": "token-123", "expires_in": 3599}).encode())
    prefix = "https://secretmanager.googleapis.com/v1/"
    suffix = "/versions/latest:access"
    assert url.startswith(prefix) and url.endswith(suffix), url
    assert headers.get("Authorization") == "Bearer token-123", headers
    name = url[len(prefix):-len(suffix)]
    if name not in secrets:
        raise urllib.error.HTTPError(url, 404, "no secret " + name, {}, None)
    data = base64.b64encode(secrets[name].encode()).decode()
    return Response(json.dumps({"name": name + "/versions/1", "payload": {"data": data, "dataCrc32c": "0"}}).encode())
urllib.request.urlopen = fake_urlopen
import time
time.sleep = lambda seconds: None
json.dump(calls, open(calls_file, "w"))
script = sys.argv[3]
sys.argv = sys.argv[3:]
runpy.run_path(script, run_name="__main__")
`,
    );
    const callsFile = join(dir, "calls.json");
    const result = spawnSync(
      "python3",
      [harness, JSON.stringify(full), callsFile, scriptFile, project, target, ...pairs],
      { encoding: "utf8" },
    );
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) throw new Error(`fetcher failed: ${output}`);
    const sourced: FetchResult["sourced"] = {};
    for (const shell of SHELLS) {
      sourced[shell] = {};
      for (const name of names) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad name ${name}`);
        const source = `set -a; . ${target}; set +a`;
        const inShell = spawnSync(
          shell,
          ["-c", `${source}; [ -n "\${${name}+set}" ] || exit 3; printf %s "$${name}"`],
          { encoding: "utf8" },
        );
        const child = spawnSync(
          shell,
          [
            "-c",
            `${source}; exec python3 -c 'import os, sys; v = os.environ.get(sys.argv[1]); sys.stdout.write(v) if v is not None else sys.exit(3)' ${name}`,
          ],
          {
            encoding: "utf8",
          },
        );
        const read = (r: typeof inShell) => {
          if (r.status === 3) return null;
          if (r.status !== 0) throw new Error(`${shell} could not source ${target}: ${r.stderr}`);
          return r.stdout;
        };
        sourced[shell][name] = { shell: read(inShell), child: read(child) };
      }
    }
    return {
      env: readFileSync(target, "utf8"),
      mode: statSync(target).mode & 0o777,
      calls: JSON.parse(readFileSync(callsFile, "utf8")),
      output,
      sourced,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What {@link runUnitPulls} saw. */
export interface PullResult {
  /** The arguments of each `docker-credential-gcr configure-docker` the unit ran. */
  readonly configured: string[][];
  /** The Docker client configuration the unit's DOCKER_CONFIG held before the pulls (null: none written). */
  readonly dockerConfig: unknown;
  /** What the Docker CLI asked the credential helper for (`get <registry>`), over all pulls. */
  readonly asked: string[];
}

/**
 * Runs a unit's credential steps as systemd would (its `Environment=DOCKER_CONFIG` and the `ExecStartPre` lines
 * that make that directory or call docker-credential-gcr, in order; the rest are skipped), then `docker pull`s
 * each image with the real Docker CLI in that environment. No daemon: the CLI asks the credential helper before
 * it connects, which is all this looks at. The helper is a stand-in that writes what upstream's
 * `configure-docker --registries=` writes (`credHelpers`, registry → `gcr`, in `$DOCKER_CONFIG`, else `$HOME/.docker`)
 * and logs every `get`. `/run/docker-config` is moved into a temporary directory; HOME is unwritable, as root's is
 * on COS, so a unit without its own DOCKER_CONFIG fails its configure step here as it would there.
 */
export function runUnitPulls(unit: string, images: string[]): PullResult {
  const dir = mkdtempSync(join(tmpdir(), "mathesar-pulls-"));
  try {
    const bin = join(dir, "bin");
    const log = join(dir, "helper.log");
    mkdirSync(bin);
    const helper = join(bin, "docker-credential-gcr");
    writeFileSync(
      helper,
      `#!/usr/bin/env python3
import json, os, sys
log = open(${JSON.stringify(log)}, "a")
if sys.argv[1] == "configure-docker":
    log.write(json.dumps(["configure"] + sys.argv[1:]) + "\\n")
    registries = [r.strip() for r in sys.argv[2].split("=", 1)[1].split(",")]
    directory = os.environ.get("DOCKER_CONFIG") or os.path.join(os.environ["HOME"], ".docker")
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "config.json")
    config = json.load(open(path)) if os.path.exists(path) else {}
    config.setdefault("credHelpers", {}).update({r: "gcr" for r in registries})
    json.dump(config, open(path, "w"))
elif sys.argv[1] == "get":
    registry = sys.stdin.read().strip()
    log.write(json.dumps(["get", registry]) + "\\n")
    print(json.dumps({"ServerURL": registry, "Username": "_dcgcr_2_0_0_token", "Secret": "token"}))
`,
    );
    chmodSync(helper, 0o755);
    const relocate = (text: string) =>
      text
        .replaceAll("/run/docker-config/", `${dir}/run/docker-config/`)
        .replaceAll("/usr/bin/docker-credential-gcr", helper);
    const environment = Object.fromEntries(
      unitValues(unit, "Environment").map((line) => [
        line.slice(0, line.indexOf("=")),
        relocate(line.slice(line.indexOf("=") + 1)),
      ]),
    );
    // HOME stands for COS's read-only /root (nothing, not even root, can write under /proc).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: "/proc/read-only-home",
      ...environment,
      PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      DOCKER_HOST: `unix://${dir}/no-daemon.sock`,
    };
    if (!("DOCKER_CONFIG" in environment)) delete env.DOCKER_CONFIG;
    for (const line of unitValues(unit, "ExecStartPre")) {
      if (!line.includes("docker-credential-gcr") && !line.includes("/run/docker-config/")) continue;
      const [command, ...args] = systemdWords(relocate(line.replace(/^-/, "")));
      const result = spawnSync(command, args, { encoding: "utf8", env });
      if (result.status !== 0) throw new Error(`${line} failed: ${result.stdout}${result.stderr}`);
    }
    const configFile = join(env.DOCKER_CONFIG ?? join(env.HOME as string, ".docker"), "config.json");
    const dockerConfig = existsSync(configFile) ? JSON.parse(readFileSync(configFile, "utf8")) : null;
    for (const image of images) spawnSync("docker", ["pull", image], { encoding: "utf8", env, timeout: 30000 });
    const entries = existsSync(log)
      ? readFileSync(log, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((entry) => JSON.parse(entry) as string[])
      : [];
    return {
      configured: entries.filter((entry) => entry[0] === "configure").map((entry) => entry.slice(1)),
      dockerConfig,
      asked: entries.filter((entry) => entry[0] === "get").map((entry) => entry.join(" ")),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
