/**
 * Turns a client's connection string into what a platform needs, through the tested parser
 * ({@link parseConnectionString}). The string is read from the environment variable `MATHESAR_DATABASE_URL`
 * (not from the command line, which shell history and `ps` would keep).
 *
 *   --check    print the parts without the password (exit 1 with the parser's message when refused)
 *   --railway  print one `railway variable set` command that sets Mathesar's `POSTGRES_*`, shell-quoted
 *              (Railway CLI: `railway variable set KEY=VALUE ...`, railwayapp/docs content/docs/cli/variable.md;
 *              the older `railway variables --set` is deprecated there)
 *
 * `MATHESAR_DATABASE_ALLOW_INSECURE=1` accepts a weaker sslmode, as the start wrapper does; `--railway` then
 * sets that same allowance on the service, so that what the helper accepts is what the service starts with.
 */
import { MathesarInputError } from "../mathesar";
import { connectionEnvironment, parseConnectionString } from "./connection-string";
import { ALLOW_INSECURE_DATABASE_ENV } from "./start-wrapper";

/** Quotes a word for POSIX shells. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

/** What the CLI prints for `mode`, or throws a {@link MathesarInputError}. */
export function connectionEnvOutput(url: string, mode: "--check" | "--railway", allowInsecure = false): string {
  const env = connectionEnvironment(parseConnectionString(url, { allowInsecure }));
  if (mode === "--check") {
    const { POSTGRES_PASSWORD: password, ...shown } = env;
    return (
      Object.entries(shown)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n") + `\nPOSTGRES_PASSWORD=${password === "" ? "(none)" : "(set, not shown)"}\n`
    );
  }
  const all = allowInsecure ? { ...env, [ALLOW_INSECURE_DATABASE_ENV]: "1" } : env;
  const sets = Object.entries(all).map(([k, v]) => shellQuote(`${k}=${v}`));
  return `railway variable set ${sets.join(" ")}\n`;
}

/** Runs the CLI. */
export function runConnectionEnvCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
): { status: number; stdout: string; stderr: string } {
  const mode = argv[0];
  if (mode !== "--check" && mode !== "--railway")
    return {
      status: 2,
      stdout: "",
      stderr: "usage: MATHESAR_DATABASE_URL=... connection-env-cli --check | --railway\n",
    };
  try {
    return {
      status: 0,
      stdout: connectionEnvOutput(env.MATHESAR_DATABASE_URL ?? "", mode, env[ALLOW_INSECURE_DATABASE_ENV] === "1"),
      stderr: "",
    };
  } catch (error) {
    if (error instanceof MathesarInputError) return { status: 1, stdout: "", stderr: `${error.message}\n` };
    throw error;
  }
}

if (require.main === module) {
  const result = runConnectionEnvCli(process.argv.slice(2), process.env);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.status;
}
