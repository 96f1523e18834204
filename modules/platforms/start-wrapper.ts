/**
 * The start wrapper every platform image runs before Mathesar (web process and bootstrap alike). It exists
 * because Mathesar reads no `DATABASE_URL`, and Heroku's Postgres add-on and `fly postgres attach` give
 * nothing else: the wrapper splits `DATABASE_URL` into `POSTGRES_*` (the same strict grammar as
 * {@link parseConnectionString}, tested against the same hostile strings), refuses to start when the
 * database is not fully named (the image would otherwise start a throwaway PostgreSQL inside the
 * container) or when TLS could be downgraded, then `exec`s the command it was given, so the platform's
 * signals reach Mathesar directly. It runs on the image's own Python 3 and imports nothing outside the
 * standard library.
 *
 * Rules (each tested by running this script):
 * - `DATABASE_URL` set: it is parsed; any `POSTGRES_HOST`/`POSTGRES_DB`/`POSTGRES_USER`/`POSTGRES_PASSWORD`
 *   set beside it is refused (two sources of truth);
 * - otherwise `POSTGRES_HOST`, `POSTGRES_DB` and `POSTGRES_USER` must all be non-empty;
 * - the effective `PGSSLMODE` must be `require`, `verify-ca` or `verify-full`, unless
 *   `MATHESAR_DATABASE_ALLOW_INSECURE=1` says the network itself is private and encrypted;
 * - `MATHESAR_ALLOWED_HOSTS_FROM` (comma-separated, e.g. `{FLY_APP_NAME}.fly.dev`) adds host names built
 *   from the platform's runtime variables to `ALLOWED_HOSTS`, for platforms whose own host name is known
 *   only at run time (a Fly app deployed under another name, Render's `RENDER_EXTERNAL_HOSTNAME`); a
 *   variable it names that is unset stops the start; an empty `ALLOWED_HOSTS` stops it too;
 * - `SECRET_KEY` may be given in two halves, `SECRET_KEY_1` + `SECRET_KEY_2`, for platforms whose generated
 *   values are shorter than the 50 characters the bootstrap demands (Render's `generateValue`: 256 bits,
 *   base64, 44 characters).
 */
import { ADMIN_BOOTSTRAP_SCRIPT } from "../mathesar";
import {
  CONNECTION_QUERY_PARAMETERS,
  CONNECTION_STRING_PATTERN,
  DEFAULT_CONNECTION_SSL_MODE,
  LIBPQ_SSL_MODES,
  SECURE_SSL_MODES,
} from "./connection-string";

/** Where the platform images keep the wrapper. */
export const START_WRAPPER_PATH = "/opt/mathesar-platform/start.py";

/** Where the platform images keep the headless admin bootstrap ({@link ADMIN_BOOTSTRAP_SCRIPT}). */
export const PLATFORM_BOOTSTRAP_PATH = "/opt/mathesar-platform/bootstrap.py";

/** The variable that lets a private, encrypted network use a weaker sslmode. */
export const ALLOW_INSECURE_DATABASE_ENV = "MATHESAR_DATABASE_ALLOW_INSECURE";

/** Host-name templates (\`{VARIABLE}\` expanded from the environment) the wrapper adds to \`ALLOWED_HOSTS\`. */
export const ALLOWED_HOSTS_FROM_ENV = "MATHESAR_ALLOWED_HOSTS_FROM";

/** The halves of a `SECRET_KEY` that the wrapper joins when `SECRET_KEY` itself is unset. */
export const SECRET_KEY_HALVES = ["SECRET_KEY_1", "SECRET_KEY_2"] as const;

/** The wrapper, as Python 3 source. Usage: `python start.py COMMAND [ARGS...]`. */
export const START_WRAPPER_SCRIPT = `"""Mathesar platform start wrapper (generated from modules/platforms/start-wrapper.ts; do not edit)."""
import os
import re
import sys
from urllib.parse import unquote

PATTERN = re.compile(${JSON.stringify(CONNECTION_STRING_PATTERN)})
SSL_MODES = ${JSON.stringify(LIBPQ_SSL_MODES)}
SECURE_SSL_MODES = ${JSON.stringify(SECURE_SSL_MODES)}
QUERY_PARAMETERS = ${JSON.stringify(CONNECTION_QUERY_PARAMETERS)}


def fail(problem):
    sys.stderr.write("mathesar-start: " + problem + "\\n")
    sys.exit(64)


def bad_url(problem):
    fail("Invalid database connection string: " + problem + ".")


def decode(part, what):
    if re.search("%(?![0-9A-Fa-f]{2})", part):
        bad_url("the " + what + ' has a "%" that is not followed by two hex digits')
    try:
        decoded = unquote(part, errors="strict")
    except UnicodeDecodeError:
        bad_url("the " + what + " is not percent-encoded UTF-8")
    if re.search("[\\x00-\\x1f\\x7f]", decoded):
        bad_url("the " + what + " contains a control character")
    return decoded


def parse(url, allow_insecure):
    if url.strip() == "":
        bad_url("it is empty (expected postgres://user:password@host:5432/database)")
    match = PATTERN.match(url)
    if not match:
        if not re.match("^postgres(ql)?://", url):
            bad_url('it must start with "postgres://" or "postgresql://"')
        bad_url('it does not parse: percent-encode "@", "/", "?" and "#" inside the user, password and database name (e.g. "@" as %40), give one host only and no "#"')
    _, raw_user, raw_password, raw_host, raw_port, raw_name, raw_query = match.groups()
    host = raw_host[1:-1] if raw_host.startswith("[") else decode(raw_host, "host")
    if host == "":
        bad_url("it has no host (POSTGRES_HOST); Mathesar would fall back to a throwaway in-container database")
    user = decode(raw_user or "", "user")
    if user == "":
        bad_url("it has no user (POSTGRES_USER); Mathesar would fall back to a throwaway in-container database")
    name = decode(raw_name or "", "database name")
    if name == "":
        bad_url("it has no database name (POSTGRES_DB); Mathesar would fall back to a throwaway in-container database")
    port = "5432"
    if raw_port:
        if ":" in raw_port:
            bad_url("its host looks like an IPv6 address without brackets: write it as [fdaa::2] (postgres://user@[fdaa::2]:5432/db)")
        if not re.fullmatch("[0-9]{1,5}", raw_port) or not 1 <= int(raw_port) <= 65535:
            bad_url("its port \\"" + raw_port + "\\" is not a whole number from 1 to 65535")
        port = str(int(raw_port))
    query = {}
    for pair in [p for p in (raw_query or "").split("&") if p != ""]:
        key, _, value = pair.partition("=")
        key = decode(key, "query")
        value = decode(value, "query")
        if key not in QUERY_PARAMETERS:
            bad_url("its query parameter \\"" + key + "\\" is not supported (allowed: " + ", ".join(QUERY_PARAMETERS) + ")")
        if key in query:
            bad_url("its query parameter \\"" + key + "\\" is given twice")
        query[key] = value
    sslmode = query.get("sslmode", ${JSON.stringify(DEFAULT_CONNECTION_SSL_MODE)})
    if sslmode not in SSL_MODES:
        bad_url("its sslmode \\"" + sslmode + "\\" is not one of " + ", ".join(SSL_MODES))
    if not allow_insecure and sslmode not in SECURE_SSL_MODES:
        bad_url("its sslmode \\"" + sslmode + "\\" may send the password and data in clear text; use require, verify-ca or verify-full (or allow it explicitly for a private, encrypted network)")
    if sslmode in ("verify-ca", "verify-full") and not query.get("sslrootcert"):
        bad_url("its sslmode " + sslmode + " needs sslrootcert=<path of the CA file inside the container>")
    env = {
        "POSTGRES_HOST": host,
        "POSTGRES_PORT": port,
        "POSTGRES_DB": name,
        "POSTGRES_USER": user,
        "POSTGRES_PASSWORD": decode(raw_password or "", "password"),
        "POSTGRES_SSLMODE": sslmode,
        "PGSSLMODE": sslmode,
    }
    if query.get("sslrootcert"):
        env["PGSSLROOTCERT"] = query["sslrootcert"]
    return env


def main(argv):
    if len(argv) < 2:
        fail("usage: start.py COMMAND [ARGS...]")
    allow_insecure = os.environ.get(${JSON.stringify(ALLOW_INSECURE_DATABASE_ENV)}, "") == "1"
    url = os.environ.get("DATABASE_URL", "")
    if url != "":
        both = [k for k in ("POSTGRES_HOST", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD") if os.environ.get(k)]
        if both:
            fail("DATABASE_URL and " + ", ".join(both) + " are both set; keep one of the two")
        os.environ.update(parse(url, allow_insecure))
    missing = [k for k in ("POSTGRES_HOST", "POSTGRES_DB", "POSTGRES_USER") if not os.environ.get(k, "").strip()]
    if missing:
        fail(", ".join(missing) + " not set (and no DATABASE_URL): refusing to start, the image would fall back to a throwaway in-container database")
    mode = os.environ.get("PGSSLMODE", "")
    if not allow_insecure and mode not in SECURE_SSL_MODES:
        fail("PGSSLMODE is \\"" + mode + "\\": the database connection could fall back to clear text; use require, verify-ca or verify-full")
    hosts_from = os.environ.get(${JSON.stringify(ALLOWED_HOSTS_FROM_ENV)}, "")
    extra_hosts = []
    for template in [t.strip() for t in hosts_from.split(",") if t.strip()]:
        def expand(m):
            value = os.environ.get(m.group(1), "")
            if value == "":
                fail(${JSON.stringify(ALLOWED_HOSTS_FROM_ENV)} + " refers to {" + m.group(1) + "}, which is not set")
            return value
        extra_hosts.append(re.sub("[{]([A-Z][A-Z0-9_]*)[}]", expand, template))
    hosts = []
    for host in [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",")] + extra_hosts:
        if host and host not in hosts:
            hosts.append(host)
    if not hosts:
        fail("ALLOWED_HOSTS is empty: Django would answer 400 to every request")
    os.environ["ALLOWED_HOSTS"] = ",".join(hosts)
    if not os.environ.get("SECRET_KEY") and os.environ.get("${SECRET_KEY_HALVES[0]}") and os.environ.get("${SECRET_KEY_HALVES[1]}"):
        os.environ["SECRET_KEY"] = os.environ["${SECRET_KEY_HALVES[0]}"] + os.environ["${SECRET_KEY_HALVES[1]}"]
    os.execvp(argv[1], argv[1:])


if __name__ == "__main__":
    main(sys.argv)
`;

/**
 * The bootstrap as the file the images carry. Run as a file, Python puts the file's own folder first on
 * `sys.path`, not the working directory as `python -c` does: Mathesar's `config` package in /code would not
 * be found (caught by running it). The prefix restores `-c`'s behaviour.
 */
export const PLATFORM_BOOTSTRAP_FILE = `import os, sys
sys.path.insert(0, os.getcwd())  # as python -c does: Mathesar's config package lives in the working directory
${ADMIN_BOOTSTRAP_SCRIPT}`;

/** The bootstrap run through the wrapper: the release/pre-deploy command of every platform. */
export const PLATFORM_BOOTSTRAP_COMMAND = ["python", START_WRAPPER_PATH, "python", PLATFORM_BOOTSTRAP_PATH] as const;
