/**
 * A throwaway PostgreSQL server for tests that need a real one: initdb into a temporary folder, listen on
 * a Unix socket only (no TCP port at all), stop and delete on teardown. As root, the server runs as the
 * `postgres` user, because initdb and pg_ctl refuse to run as root.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Folder holding initdb and pg_ctl, or undefined when no PostgreSQL server is installed. */
export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : undefined;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

function run(command: string, args: string[], options: { input?: string } = {}): string {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", input: options.input, stdio: ["pipe", "pipe", "pipe"] });
}

/** A running test server. */
export interface TestPostgres {
  /** Socket directory: use it as the host. */
  readonly host: string;
  /** Port number of the socket file. */
  readonly port: number;
  /** Major version of the server. */
  readonly version: number;
  /** The bootstrap superuser's name. */
  readonly superuser: string;
  /** Runs SQL as `user` (default: the bootstrap superuser) in `database`; returns psql's unaligned output. */
  sql(statement: string, options?: { user?: string; database?: string }): string;
  /** Runs SQL and returns whether it succeeded, with psql's error text. */
  trySql(statement: string, options?: { user?: string; database?: string }): { ok: boolean; error: string };
  /** Stops the server and deletes its files. */
  stop(): void;
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /**
   * Name of the bootstrap superuser, which also owns the `postgres` database. A hosted Supabase project's
   * superuser is `supabase_admin`, and its `postgres` role is not a superuser.
   * @default "postgres"
   */
  superuser?: string;
}

/** Starts a server on a private socket; the superuser is `postgres` unless told, authentication is `trust`. */
export function startPostgres(options: StartPostgresOptions = {}): TestPostgres {
  const superuser = options.superuser ?? "postgres";
  const bin = postgresBinDir();
  if (!bin) throw new Error("No PostgreSQL server installed (apt-get install postgresql).");
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-pg-"));
  fs.chmodSync(base, 0o777);
  const data = path.join(base, "data");
  const socket = path.join(base, "socket");
  fs.mkdirSync(socket, { mode: 0o777 });
  fs.chmodSync(socket, 0o777);
  const port = 5400 + Math.floor(Math.random() * 500);
  run(path.join(bin, "initdb"), ["-D", data, "-U", superuser, "-A", "trust", "--no-sync"]);
  run(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-w",
    "-l",
    path.join(base, "log"),
    "start",
    "-o",
    `-c listen_addresses='' -c unix_socket_directories='${socket}' -p ${port} -c fsync=off`,
  ]);
  const psqlArgs = (user: string, database: string) => [
    "-X",
    "-q",
    "-A",
    "-t",
    "-v",
    "ON_ERROR_STOP=1",
    "-h",
    socket,
    "-p",
    String(port),
    "-U",
    user,
    "-d",
    database,
  ];
  const server: TestPostgres = {
    host: socket,
    port,
    superuser,
    version: Number(path.basename(path.dirname(bin))),
    sql(statement, options = {}) {
      return run("psql", [...psqlArgs(options.user ?? superuser, options.database ?? "postgres"), "-f", "-"], {
        input: statement,
      }).trim();
    },
    trySql(statement, options = {}) {
      const [file, argv] = asRoot
        ? [
            "runuser",
            [
              "-u",
              "postgres",
              "--",
              "psql",
              ...psqlArgs(options.user ?? superuser, options.database ?? "postgres"),
              "-f",
              "-",
            ],
          ]
        : ["psql", [...psqlArgs(options.user ?? superuser, options.database ?? "postgres"), "-f", "-"]];
      const result = spawnSync(file as string, argv as string[], { encoding: "utf8", input: statement });
      return { ok: result.status === 0, error: result.stderr };
    },
    stop() {
      spawnSync(
        asRoot ? "runuser" : path.join(bin, "pg_ctl"),
        asRoot
          ? ["-u", "postgres", "--", path.join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop"]
          : ["-D", data, "-m", "immediate", "stop"],
      );
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
  return server;
}
