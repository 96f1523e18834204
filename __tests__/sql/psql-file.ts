/**
 * Runs one of the repository's SQL files (sql/*.sql) the way a DBA does: `psql -f <file> -v name=value`,
 * against the throwaway server of ../support/postgres. Like that helper, it runs psql as the `postgres`
 * system user when the tests run as root (the server's socket folder belongs to it). The file is copied
 * to a private temporary folder first, so that user can read it wherever the repository is checked out.
 *
 * Unlike `pg.sql`, it does not pass ON_ERROR_STOP: each file must stop on errors by itself.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TestPostgres } from "../support/postgres";

/** Repository folder holding the SQL files under test. */
export const SQL_DIR = path.join(__dirname, "..", "..", "sql");

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

export interface PsqlResult {
  /** psql's exit status: 0 on success, 3 when a statement failed under ON_ERROR_STOP. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together (notices and warnings go to stderr). */
  output: string;
}

export interface PsqlFileOptions {
  /** Role to connect as (default: the server's superuser `postgres`). */
  user?: string;
  /** Database to connect to (default: `postgres`). */
  database?: string;
  /** psql variables, passed as `-v name=value`. */
  variables?: Record<string, string>;
}

/** Test fixtures (SQL written for the tests, not shipped). */
export const FIXTURE_DIR = path.join(__dirname, "fixtures");

/** Runs `psql -X -f sql/<file>` (or an absolute path) with the given variables; never throws on a failing script. */
export function runSqlFile(pg: TestPostgres, file: string, options: PsqlFileOptions = {}): PsqlResult {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-sql-"));
  try {
    fs.chmodSync(folder, 0o755);
    const copy = path.join(folder, path.basename(file));
    fs.copyFileSync(path.isAbsolute(file) ? file : path.join(SQL_DIR, file), copy);
    fs.chmodSync(copy, 0o644);
    const variables = Object.entries(options.variables ?? {}).flatMap(([name, value]) => ["-v", `${name}=${value}`]);
    const args = [
      "-X",
      "-h",
      pg.host,
      "-p",
      String(pg.port),
      "-U",
      options.user ?? "postgres",
      "-d",
      options.database ?? "postgres",
      ...variables,
      "-f",
      copy,
    ];
    const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", "psql", ...args]] : ["psql", args];
    // Empty standard input: a script that unexpectedly prompted would read EOF instead of hanging.
    const result = spawnSync(command, argv, { encoding: "utf8", input: "", timeout: 60_000 });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      output: `${result.stdout}${result.stderr}`,
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Names of the schemas of `database` that are not PostgreSQL's own, sorted. */
export function userSchemas(pg: TestPostgres, database: string): string[] {
  return pg
    .sql(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname",
      { database },
    )
    .split("\n")
    .filter(Boolean);
}
