/**
 * The release/pre-deploy command every platform runs, for real: the start wrapper splits a Heroku-style
 * `DATABASE_URL` and hands over to the headless admin bootstrap, against a real PostgreSQL server and a
 * stand-in project shaped like Mathesar (Debian's Django and psycopg). The URL names the server's socket
 * directory (percent-encoded) with sslmode=disable, allowed explicitly: a local socket has no TLS.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PLATFORM_BOOTSTRAP_COMMAND, PLATFORM_BOOTSTRAP_FILE, START_WRAPPER_SCRIPT } from "../../modules/platforms";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";

const DEBIAN_PYTHON = "/usr/bin/python3";
const FIXTURE = path.join(__dirname, "..", "mathesar", "fixtures", "fake-mathesar");
const GOOD_KEY = "Zq8vR2mLx4Tn7Wb1Kc9Hd3Fg6Js0Ap5Ye8Uo2Ii4Ml7Nk1Bv3Cx9";
const available =
  hasTool(DEBIAN_PYTHON, ["-c", "import django, psycopg"]) &&
  fs.existsSync(FIXTURE) &&
  postgresBinDir() !== undefined &&
  hasTool("runuser", ["--version"]);

describeWithTool(
  "PostgreSQL server and Debian's python3-django/psycopg",
  available,
  "the platforms' bootstrap command from a DATABASE_URL, against PostgreSQL",
  () => {
    let pg: TestPostgres;
    let project: string;
    let bin: string;
    let opt: string;

    beforeAll(() => {
      pg = startPostgres();
      project = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mathesar-"));
      fs.cpSync(FIXTURE, project, { recursive: true });
      bin = fs.mkdtempSync(path.join(os.tmpdir(), "python-bin-"));
      fs.symlinkSync(DEBIAN_PYTHON, path.join(bin, "python"));
      opt = fs.mkdtempSync(path.join(os.tmpdir(), "opt-mathesar-platform-"));
      fs.writeFileSync(path.join(opt, "start.py"), START_WRAPPER_SCRIPT);
      fs.writeFileSync(path.join(opt, "bootstrap.py"), PLATFORM_BOOTSTRAP_FILE);
      pg.sql("CREATE ROLE heroku_user LOGIN PASSWORD 'p@ss/w:rd'");
      pg.sql("CREATE DATABASE herokudb OWNER heroku_user");
    });
    afterAll(() => {
      pg?.stop();
      for (const dir of [project, bin, opt]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** The platforms' exact bootstrap command, with the image's /opt path pointed at the temporary copy. */
    function release(env: Record<string, string>) {
      const [python, ...args] = PLATFORM_BOOTSTRAP_COMMAND.map((a) => a.replace("/opt/mathesar-platform", opt));
      const result = spawnSync(python, args, {
        cwd: project,
        env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
      });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    const url = () =>
      `postgres://heroku_user:${encodeURIComponent("p@ss/w:rd")}@${encodeURIComponent(pg.host)}:${pg.port}/herokudb?sslmode=disable`;
    const env = (overrides: Record<string, string> = {}) => ({
      DATABASE_URL: url(),
      MATHESAR_DATABASE_ALLOW_INSECURE: "1",
      ALLOWED_HOSTS: ".herokuapp.com",
      SECRET_KEY: GOOD_KEY,
      DJANGO_SUPERUSER_USERNAME: "admin",
      DJANGO_SUPERUSER_EMAIL: "",
      DJANGO_SUPERUSER_PASSWORD: "a".repeat(12) + "0123456789abcdef",
      ...overrides,
    });

    test("splits DATABASE_URL (percent-encoded password and socket path), migrates and creates the first admin", () => {
      const result = release(env());
      expect(result.output).toContain("created admin admin");
      expect(result.status).toBe(0);
      expect(pg.sql("SELECT username FROM mathesar_user WHERE is_superuser", { database: "herokudb" })).toBe("admin");
    });

    test("a second release leaves the admin as it is", () => {
      const result = release(env({ DJANGO_SUPERUSER_PASSWORD: "another-password-123" }));
      expect(result.status).toBe(0);
      expect(result.output).toContain("an admin already exists, left unchanged");
    });

    test("SECRET_KEY halves (Render) are joined and accepted", () => {
      const result = release(
        env({ SECRET_KEY: "", SECRET_KEY_1: GOOD_KEY.slice(0, 26), SECRET_KEY_2: GOOD_KEY.slice(26) }),
      );
      expect(result.status).toBe(0);
    });

    test("a weak SECRET_KEY stops the release before anything is written", () => {
      const result = release(env({ SECRET_KEY: "x".repeat(60) }));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("mathesar-bootstrap: SECRET_KEY");
    });

    test("the same URL without the explicit allowance is refused: a downgradable sslmode never reaches the bootstrap", () => {
      const result = release(env({ MATHESAR_DATABASE_ALLOW_INSECURE: "" }));
      expect(result.status).toBe(64);
      expect(result.output).toContain('sslmode "disable" may send the password');
      expect(result.output).not.toContain("mathesar-bootstrap");
    });
  },
);
