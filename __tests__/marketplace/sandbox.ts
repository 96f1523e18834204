/**
 * Runs the Marketplace image's scripts for real, with bash, in a temporary folder: stand-ins (stubs) for the
 * commands that would touch the machine (docker, curl, systemctl, ufw, apt-get, cloud-init, dd) record their
 * arguments, and every path the scripts write is moved under the sandbox by the scripts' override variables.
 */
import { spawnSync } from "child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** A sandbox folder with a stubs folder first on PATH. */
export class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), "marketplace-"));
  readonly stubs = join(this.root, "stubs");
  readonly log = join(this.root, "calls.log");

  constructor() {
    mkdirSync(this.stubs);
    writeFileSync(this.log, "");
  }

  /** A path inside the sandbox (its folder is created). */
  path(...parts: string[]): string {
    const file = join(this.root, ...parts);
    mkdirSync(join(file, ".."), { recursive: true });
    return file;
  }

  /** Writes a file (and its folders); `mode` 0o755 for scripts. */
  write(relative: string, content: string, mode = 0o644): string {
    const file = this.path(relative);
    writeFileSync(file, content);
    chmodSync(file, mode);
    return file;
  }

  /** Copies a folder of the repository into the sandbox. */
  copy(from: string, relative: string): string {
    const to = this.path(relative);
    cpSync(from, to, { recursive: true });
    return to;
  }

  /** A stub command: records `name args` in the call log, then runs `body` (bash). */
  stub(name: string, body = "exit 0"): void {
    this.write(
      `stubs/${name}`,
      `#!/bin/bash\nprintf '%s' ${name} >> "${this.log}"; printf ' %s' "$@" >> "${this.log}"; echo >> "${this.log}"\n${body}\n`,
      0o755,
    );
  }

  /** Recorded calls, one per line (`name arg arg`). */
  calls(): string[] {
    return readFileSync(this.log, "utf8").split("\n").filter(Boolean);
  }

  /** Runs a script with bash, the stubs first on PATH and `env` added. */
  run(script: string, args: string[] = [], env: Record<string, string> = {}) {
    const result = spawnSync("bash", [script, ...args], {
      encoding: "utf8",
      env: { PATH: `${this.stubs}:${process.env.PATH}`, HOME: this.root, ...env },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  exists(relative: string): boolean {
    return existsSync(join(this.root, relative));
  }

  read(relative: string): string {
    return readFileSync(join(this.root, relative), "utf8");
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** `NAME=value` lines of a .env text as a map. */
export function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) out[match[1]] = match[2];
  }
  return out;
}
