/**
 * The bundle's bootstrap service, run the way Compose runs it: `python /etc/mathesar/bootstrap.py` (here the
 * bundle's mathesar/bootstrap.py) from outside the code's folder, with the service's environment from
 * docker-compose.yml interpolated with a .env made by generate-secrets.sh. Debian's Django and psycopg run it
 * against a real PostgreSQL, in the stand-in project shaped like Mathesar of __tests__/mathesar/fixtures,
 * whose production settings end, like Mathesar's, by importing config/settings/local.py: where the bundle
 * mounts its local.py. Only the database's address differs (a socket here, the `postgres` service there).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NOWHERE_URL, OUTBOUND_URL_SETTINGS } from "../../modules/compose";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";
import { parseCompose, parseEnvFile, runScript, serviceEnvironment, writeBundle, type WrittenBundle } from "./support";

const DEBIAN_PYTHON = "/usr/bin/python3";
const available =
  postgresBinDir() !== undefined &&
  hasTool(DEBIAN_PYTHON, ["-c", "import django, psycopg, psycopg2"]) &&
  hasTool("runuser", ["--version"]);

/** What Mathesar's config/settings/production.py does last (0.11.0): import local.py when it exists. */
const LOCAL_IMPORT = "\ntry:\n    from .local import *  # noqa\nexcept ImportError:\n    pass\n";

describeWithTool(
  "PostgreSQL server and Debian's python3-django/psycopg",
  available,
  "the bundle's bootstrap service against a real PostgreSQL",
  () => {
    let pg: TestPostgres;
    let bundle: WrittenBundle;
    let project: string;
    let elsewhere: string;

    /** The bootstrap service's environment, as Compose would build it, pointed at the test server. */
    const environment = (): NodeJS.ProcessEnv => {
      const env = parseEnvFile(fs.readFileSync(path.join(bundle.dir, ".env"), "utf8"));
      const service = parseCompose(bundle.files["docker-compose.yml"]).services.bootstrap;
      return {
        PATH: "/usr/bin:/bin",
        ...serviceEnvironment(service, env),
        POSTGRES_HOST: pg.host,
        POSTGRES_PORT: String(pg.port),
        PYTHONPATH: project,
      };
    };
    const run = (program: string[]) =>
      spawnSync(DEBIAN_PYTHON, program, { cwd: elsewhere, env: environment(), encoding: "utf8", timeout: 120000 });

    beforeAll(() => {
      pg = startPostgres();
      pg.sql("CREATE ROLE mathesar LOGIN; CREATE DATABASE mathesar_django OWNER mathesar;");
      project = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mathesar-compose-"));
      fs.cpSync(path.join(__dirname, "..", "mathesar", "fixtures", "fake-mathesar"), project, { recursive: true });
      fs.appendFileSync(path.join(project, "config", "settings", "production.py"), LOCAL_IMPORT);
      bundle = writeBundle();
      // The mount ./mathesar/local.py:/code/config/settings/local.py:ro
      fs.copyFileSync(
        path.join(bundle.dir, "mathesar", "local.py"),
        path.join(project, "config", "settings", "local.py"),
      );
      elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "compose-cwd-"));
      expect(runScript(bundle.dir, "generate-secrets.sh").status).toBe(0);
      const envFile = path.join(bundle.dir, ".env");
      fs.writeFileSync(
        envFile,
        fs.readFileSync(envFile, "utf8").replace(/^DOMAIN_NAME=.*$/m, "DOMAIN_NAME=data.example.org"),
      );
    });

    afterAll(() => {
      pg?.stop();
      bundle?.remove();
      for (const dir of [project, elsewhere]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test("migrates and creates the admin from .env; a second run leaves it unchanged", () => {
      const bootstrap = path.join(bundle.dir, "mathesar", "bootstrap.py");
      const first = run([bootstrap]);
      expect(first.stderr).toBe("");
      expect(first.stdout).toContain("mathesar-bootstrap: migrations done; created admin admin");
      expect(first.status).toBe(0);
      expect(pg.sql("SELECT username FROM mathesar_user WHERE is_superuser", { database: "mathesar_django" })).toBe(
        "admin",
      );
      const second = run([bootstrap]);
      expect(second.stdout).toContain("an admin already exists, left unchanged");
      expect(second.status).toBe(0);
    });

    test("the admin's password is the one in .env", () => {
      const password = parseEnvFile(fs.readFileSync(path.join(bundle.dir, ".env"), "utf8")).ADMIN_PASSWORD;
      const check = run([
        "-c",
        "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production'); django.setup()\n" +
          "from django.contrib.auth import get_user_model\n" +
          "print(get_user_model().objects.get(username='admin').check_password(sys.argv[1]))",
        password,
      ]);
      expect(check.stderr).toBe("");
      expect(check.stdout.trim()).toBe("True");
    });

    test("with the mounted local.py, Django's settings hold the loopback report URLs", () => {
      const settings = run([
        "-c",
        "import os, json, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production'); django.setup()\n" +
          "from django.conf import settings\n" +
          `print(json.dumps({n: getattr(settings, n, None) for n in ${JSON.stringify(OUTBOUND_URL_SETTINGS)}}))`,
      ]);
      expect(settings.stderr).toBe("");
      expect(JSON.parse(settings.stdout)).toEqual(
        Object.fromEntries(OUTBOUND_URL_SETTINGS.map((n) => [n, NOWHERE_URL])),
      );
    });

    test("without PYTHONPATH (the service sets it), the mounted program could not find Mathesar's code", () => {
      const env = { ...environment(), PYTHONPATH: "" };
      const result = spawnSync(DEBIAN_PYTHON, [path.join(bundle.dir, "mathesar", "bootstrap.py")], {
        cwd: elsewhere,
        env,
        encoding: "utf8",
      });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/No module named 'config'/);
    });
  },
);
