/**
 * The start wrapper baked into every platform image, run for real with python3: the same connection
 * strings as the TypeScript parser, the refusals that keep the image off its throwaway database, and the
 * web command of the generated Dockerfiles (with a stand-in `manage.py` and `bin/mathesar`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { START_WRAPPER_SCRIPT } from "../../modules/platforms";
import { herokuFiles } from "../../modules/heroku";
import { describeWithTool, hasTool } from "../support/tools";
import { CONNECTION_VECTORS } from "./connection-vectors";

const PYTHON = "python3";
let dir: string;
let wrapper: string;

/** Runs the wrapper around a command that prints its environment as JSON. */
function run(
  env: Record<string, string>,
  command: string[] = [PYTHON, "-c", "import json, os; print(json.dumps(dict(os.environ)))"],
) {
  const result = spawnSync(PYTHON, [wrapper, ...command], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    cwd: dir,
  });
  return {
    status: result.status,
    stderr: result.stderr,
    env:
      result.status === 0 && result.stdout.startsWith("{") ? (JSON.parse(result.stdout) as Record<string, string>) : {},
    stdout: result.stdout,
  };
}

const ready = { ALLOWED_HOSTS: "example.org", PGSSLMODE: "require" };
const parts = { POSTGRES_HOST: "db.example.org", POSTGRES_DB: "mathesar", POSTGRES_USER: "mathesar" };

describeWithTool(PYTHON, hasTool(PYTHON), "the platform start wrapper (python3)", () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-start-"));
    wrapper = path.join(dir, "start.py");
    fs.writeFileSync(wrapper, START_WRAPPER_SCRIPT);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(CONNECTION_VECTORS.filter((v) => v.env).map((v) => [v.name, v] as const))(
    "DATABASE_URL %s: the same POSTGRES_* as the TypeScript parser",
    (_name, vector) => {
      const result = run({
        ALLOWED_HOSTS: "example.org",
        DATABASE_URL: vector.url,
        ...(vector.allowInsecure ? { MATHESAR_DATABASE_ALLOW_INSECURE: "1" } : {}),
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      for (const [key, value] of Object.entries(vector.env!))
        expect({ key, value: result.env[key] }).toEqual({ key, value });
      if (!vector.env!.PGSSLROOTCERT) expect(result.env.PGSSLROOTCERT).toBeUndefined();
    },
  );

  test.each(CONNECTION_VECTORS.filter((v) => v.error && v.url.trim() !== "").map((v) => [v.name, v] as const))(
    "DATABASE_URL refused: %s (exit 64, the command never runs)",
    (_name, vector) => {
      const result = run({ ALLOWED_HOSTS: "example.org", DATABASE_URL: vector.url });
      expect(result.status).toBe(64);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(vector.error!);
      expect(result.stderr).toMatch(/^mathesar-start: Invalid database connection string: /);
    },
  );

  test("an empty DATABASE_URL counts as none: the POSTGRES_* must then all be set", () => {
    const result = run({ ...ready, DATABASE_URL: "" });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("POSTGRES_HOST, POSTGRES_DB, POSTGRES_USER not set (and no DATABASE_URL)");
  });

  test.each(["POSTGRES_HOST", "POSTGRES_DB", "POSTGRES_USER"])(
    "%s missing or blank: refused, so the image never starts its throwaway database",
    (key) => {
      expect(run({ ...ready, ...parts, [key]: "" }).stderr).toContain(`${key} not set`);
      expect(run({ ...ready, ...parts, [key]: "  " }).status).toBe(64);
      const { [key]: _gone, ...rest } = parts as Record<string, string>;
      expect(run({ ...ready, ...rest }).status).toBe(64);
    },
  );

  test("POSTGRES_* given by the platform pass through unchanged", () => {
    const result = run({ ...ready, ...parts, POSTGRES_PASSWORD: "pw" });
    expect(result.status).toBe(0);
    expect(result.env).toMatchObject({ ...parts, POSTGRES_PASSWORD: "pw", PGSSLMODE: "require" });
  });

  test("DATABASE_URL beside POSTGRES_* is refused (two sources of truth)", () => {
    const result = run({ ...ready, POSTGRES_HOST: "other", DATABASE_URL: "postgres://u:p@h/db" });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("DATABASE_URL and POSTGRES_HOST are both set");
  });

  test.each(["", "disable", "allow", "prefer"])("PGSSLMODE %j from the platform is refused", (mode) => {
    const result = run({ ...parts, ALLOWED_HOSTS: "example.org", PGSSLMODE: mode });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("could fall back to clear text");
    expect(run({ ...parts, ALLOWED_HOSTS: "e", PGSSLMODE: mode, MATHESAR_DATABASE_ALLOW_INSECURE: "1" }).status).toBe(
      0,
    );
    expect(
      run({ ...parts, ALLOWED_HOSTS: "e", PGSSLMODE: mode, MATHESAR_DATABASE_ALLOW_INSECURE: "true" }).status,
    ).toBe(64);
  });

  test("MATHESAR_ALLOWED_HOSTS_FROM adds the platform's runtime host name, once", () => {
    const env = { ...ready, ...parts, MATHESAR_ALLOWED_HOSTS_FROM: "{FLY_APP_NAME}.fly.dev, {FLY_APP_NAME}.fly.dev" };
    expect(run({ ...env, FLY_APP_NAME: "client-a" }).env.ALLOWED_HOSTS).toBe("example.org,client-a.fly.dev");
    const missing = run(env);
    expect(missing.status).toBe(64);
    expect(missing.stderr).toContain("refers to {FLY_APP_NAME}, which is not set");
  });

  test("an empty ALLOWED_HOSTS is refused (Django would answer 400 to everything)", () => {
    expect(run({ ...parts, PGSSLMODE: "require" }).stderr).toContain("ALLOWED_HOSTS is empty");
    expect(run({ ...parts, PGSSLMODE: "require", ALLOWED_HOSTS: " , " }).status).toBe(64);
  });

  test("SECRET_KEY halves are joined only when SECRET_KEY itself is unset", () => {
    const halves = { SECRET_KEY_1: "a".repeat(44), SECRET_KEY_2: "b".repeat(44) };
    expect(run({ ...ready, ...parts, ...halves }).env.SECRET_KEY).toBe("a".repeat(44) + "b".repeat(44));
    expect(run({ ...ready, ...parts, ...halves, SECRET_KEY: "given" }).env.SECRET_KEY).toBe("given");
    expect(run({ ...ready, ...parts, SECRET_KEY_1: "only-one" }).env.SECRET_KEY).toBeUndefined();
  });

  test("without a command it refuses instead of starting anything", () => {
    const result = spawnSync(PYTHON, [wrapper], { env: { ...ready, ...parts }, encoding: "utf8" });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("usage");
  });

  describe.each([
    ["exec form (Railway, Fly.io, Render)", false],
    ["joined and run by /bin/sh -c, as Heroku runs a CMD", true],
  ] as const)(
    "the generated image's web command (CMD), %s, with a stand-in manage.py and bin/mathesar",
    (_form, viaShell) => {
      let code: string;
      let bin: string;
      let opt: string;
      /** The CMD, with the image's /opt/mathesar-platform/ files written from the Dockerfile into a temporary folder. */
      const cmd = (): string[] => {
        const dockerfile = herokuFiles()["deploy/heroku/Dockerfile"];
        const line = dockerfile.split("\n").find((l) => l.startsWith("CMD "))!;
        return (JSON.parse(line.slice(4)) as string[]).map((w) => w.replace("/opt/mathesar-platform/", `${opt}/`));
      };
      beforeAll(() => {
        code = fs.mkdtempSync(path.join(os.tmpdir(), "fake-code-"));
        fs.mkdirSync(path.join(code, "bin"));
        fs.writeFileSync(path.join(code, "manage.py"), "import sys\nprint('manage.py ' + ' '.join(sys.argv[1:]))\n");
        fs.writeFileSync(path.join(code, "bin", "mathesar"), 'echo "bin/mathesar $* host=$POSTGRES_HOST"\n');
        bin = fs.mkdtempSync(path.join(os.tmpdir(), "python-bin-"));
        fs.symlinkSync(
          spawnSync("sh", ["-c", `command -v ${PYTHON}`], { encoding: "utf8" }).stdout.trim(),
          path.join(bin, "python"),
        );
        opt = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-platform-"));
        const dockerfile = herokuFiles()["deploy/heroku/Dockerfile"];
        for (const m of dockerfile.matchAll(
          /pathlib\.Path\('\/opt\/mathesar-platform\/([^']+)'\)\.write_bytes\(base64\.b64decode\('([^']+)'\)\)/g,
        ))
          fs.writeFileSync(path.join(opt, m[1]), Buffer.from(m[2], "base64"));
      });
      afterAll(() => {
        for (const d of [code, bin, opt]) fs.rmSync(d, { recursive: true, force: true });
      });
      const start = (env: Record<string, string>) => {
        const words = cmd();
        expect(words.slice(0, 2)).toEqual(["python", `${opt}/start.py`]);
        const [file, ...args] = viaShell ? ["/bin/sh", "-c", words.join(" ")] : words;
        return spawnSync(file, args, {
          cwd: code,
          env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
          // Not a socket on stdin: bash would take itself for a remote shell and read ~/.bashrc.
          stdio: ["ignore", "pipe", "pipe"],
          encoding: "utf8",
        });
      };

      test("collects static files, then serves with run -ne (no migrations) on 8000 when the platform sets no PORT", () => {
        const result = start({ ...ready, DATABASE_URL: "postgres://u:p@db.example.org/app" });
        expect(result.stderr).toBe("");
        expect(result.stdout).toBe(
          "manage.py collectstatic --noinput --clear\nbin/mathesar run -ne -p 8000 host=db.example.org\n",
        );
      });

      test("binds the port the platform assigns in $PORT (Heroku)", () => {
        const result = start({ ...ready, DATABASE_URL: "postgres://u:p@db.example.org/app", PORT: "31337" });
        expect(result.stdout).toContain("bin/mathesar run -ne -p 31337 host=db.example.org");
      });

      test("never reaches Mathesar when the database is not named", () => {
        const result = start(ready);
        expect(result.status).toBe(64);
        expect(result.stdout).toBe("");
      });
    },
  );
});
