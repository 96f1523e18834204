/**
 * Reading a generated Compose bundle the way Docker Compose would: the YAML parsed, `.env` values
 * interpolated (`${NAME}`, `${NAME:-default}`, `${NAME:?message}`, `$$`). There is no Docker daemon and no
 * Compose plugin on these machines, so `docker compose config` cannot run: the tests check the file against
 * the Compose Specification's JSON schema instead, and interpolate with this small reader.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { composeBundleFiles, type ComposeBundleOptions } from "../../modules/compose";

/** A parsed docker-compose.yml (loosely typed: the schema test checks its shape). */
export type ComposeDocument = Record<string, any>;

/** Parses docker-compose.yml of a bundle (YAML anchors and merge keys resolved). */
export function parseCompose(text: string): ComposeDocument {
  return parse(text, { merge: true }) as ComposeDocument;
}

/** `.env` text → values (the simple `NAME=value` lines the bundle writes; quotes removed). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    if (/^(".*"|'.*')$/.test(value)) value = value.slice(1, -1);
    values[match[1]] = value;
  }
  return values;
}

/** Compose's interpolation of one value; throws with Compose's message for a missing `:?` variable. */
export function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (whole, name, op, arg) => {
    if (whole === "$$") return "$";
    const value = env[name];
    const unset = value === undefined || (op?.startsWith(":") && value === "");
    if (op === ":-" || op === "-") return unset ? arg : value;
    if (op === ":?" || op === "?") {
      if (unset) throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return value;
    }
    return value ?? "";
  });
}

/** A service's environment after interpolation. */
export function serviceEnvironment(service: ComposeDocument, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries((service.environment ?? {}) as Record<string, string>).map(([k, v]) => [
      k,
      interpolate(String(v), env),
    ]),
  );
}

/** A bundle written to a throwaway folder; `remove()` deletes it. */
export interface WrittenBundle {
  readonly dir: string;
  readonly files: Record<string, string>;
  remove(): void;
}

/** Writes a bundle's files to a temporary folder (scripts as bash would find them). */
export function writeBundle(options: ComposeBundleOptions = {}): WrittenBundle {
  const files = composeBundleFiles(options);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-compose-"));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return { dir, files, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `bash <script> <args>` in `dir`. */
export function runScript(
  dir: string,
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("bash", [script, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Generates a self-signed certificate and key for `host` with openssl into `dir`; returns their paths. */
export function selfSignedCertificate(dir: string, host: string): { certificate: string; key: string } {
  const certificate = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  const result = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=${host}`,
      "-keyout",
      key,
      "-out",
      certificate,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  return { certificate, key };
}
