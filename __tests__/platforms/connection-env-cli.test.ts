/** The connection-string helper Drew runs for a client's database (docs/railway.md), run through bash for real. */
import { spawnSync } from "child_process";
import { connectionEnvOutput, runConnectionEnvCli } from "../../modules/platforms";

test("--railway prints one `railway variable set` command whose words are exactly Mathesar's variables, quoted for bash", () => {
  const url =
    "postgres://o'brien:p%27a%24%60s%20w@db.client.example:6543/crm?sslmode=verify-full&sslrootcert=/etc/ca.pem";
  const command = connectionEnvOutput(url, "--railway");
  // Let bash split the words, with `railway` replaced by a printer.
  const result = spawnSync("bash", ["-c", `railway() { printf '%s\\n' "$@"; }; ${command}`], { encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(result.stdout.trim().split("\n")).toEqual([
    "variable",
    "set",
    "POSTGRES_HOST=db.client.example",
    "POSTGRES_PORT=6543",
    "POSTGRES_DB=crm",
    "POSTGRES_USER=o'brien",
    "POSTGRES_PASSWORD=p'a$`s w",
    "POSTGRES_SSLMODE=verify-full",
    "PGSSLMODE=verify-full",
    "PGSSLROOTCERT=/etc/ca.pem",
  ]);
});

test("--railway with a weak sslmode allowed also sets the allowance, or the service would refuse what the helper accepted", () => {
  const weak = { MATHESAR_DATABASE_URL: "postgres://u:p@client-db.railway.internal/db?sslmode=disable" };
  // Refused: nothing on stdout, so `... --railway | bash` (docs/railway.md) sets nothing.
  expect(runConnectionEnvCli(["--railway"], weak)).toEqual({
    status: 1,
    stdout: "",
    stderr: expect.stringContaining('sslmode "disable" may send'),
  });
  const allowed = runConnectionEnvCli(["--railway"], { ...weak, MATHESAR_DATABASE_ALLOW_INSECURE: "1" });
  expect(allowed.status).toBe(0);
  expect(allowed.stdout).toContain("'PGSSLMODE=disable'");
  expect(allowed.stdout).toContain("'MATHESAR_DATABASE_ALLOW_INSECURE=1'");
  const strict = runConnectionEnvCli(["--railway"], { MATHESAR_DATABASE_URL: "postgres://u:p@h/db" });
  expect(strict.stdout).not.toContain("MATHESAR_DATABASE_ALLOW_INSECURE");
});

test("--check shows the parts but never the password", () => {
  const out = connectionEnvOutput("postgres://u:hunter2@h/db", "--check");
  expect(out).toContain("POSTGRES_HOST=h\n");
  expect(out).toContain("POSTGRES_PASSWORD=(set, not shown)");
  expect(out).not.toContain("hunter2");
});

test("refusals exit 1 with the parser's message; a missing variable counts as empty; a weak sslmode only when allowed", () => {
  expect(runConnectionEnvCli(["--check"], {})).toEqual({
    status: 1,
    stdout: "",
    stderr: expect.stringContaining("it is empty"),
  });
  const weak = { MATHESAR_DATABASE_URL: "postgres://u@h.flycast/db?sslmode=disable" };
  expect(runConnectionEnvCli(["--check"], weak).status).toBe(1);
  expect(runConnectionEnvCli(["--check"], { ...weak, MATHESAR_DATABASE_ALLOW_INSECURE: "1" }).status).toBe(0);
  expect(runConnectionEnvCli(["--print"], weak).status).toBe(2);
});
