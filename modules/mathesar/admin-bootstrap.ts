/**
 * Headless first admin. Until a superuser exists, every Mathesar page redirects to
 * `/complete_installation/`, where whoever comes first becomes the admin. Each target runs this bootstrap
 * once per rollout (a pre-deploy job, a one-off task, a Helm hook) before traffic reaches the app.
 *
 * It first refuses a weak `SECRET_KEY` or admin password, so a deployment whose secrets were typed by
 * hand (the one-click template) fails before anything is written. The `SECRET_KEY` rule
 * ({@link secretKeyProblem}, the same rule in Python inside the script): at least 50 characters, at least
 * 12 distinct ones, a Shannon entropy of at least 3 bits per character over the whole key, at least 90 %
 * of its 3-character substrings distinct (no repeated pattern such as "abcde" again and again), and none
 * of the words placeholders are made of (replace, change, secret, example, placeholder, random, insert,
 * generate, default). A Django `get_random_secret_key()` (about 4.8 bits per character) and a 64-character
 * hex or base64 random value (about 3.8 and 5 bits) pass; "REPLACE-WITH-A-RANDOM-50+-CHARACTER-SECRET-KEY"
 * and anything like it fail. A first-admin password must have at least 12 characters and must not
 * contain "replace" (a template's placeholder left as it was).
 *
 * It is idempotent and safe to run concurrently: it takes a PostgreSQL advisory lock, runs Django's
 * migrations, and creates the admin only if no superuser exists yet. It never changes an existing admin
 * (so a password changed in the UI stays changed).
 *
 * Where Mathesar's tables go: Django creates them in the first schema of the role's search_path, by
 * default `"$user", public`. On PostgreSQL 15+ only the database's owner may create in `public` unless
 * granted (DigitalOcean's dev databases, for one, give their user no CREATE there). On a fresh database
 * where the role cannot create in that schema but may create schemas, the bootstrap creates a schema named
 * after the role and owned by it, which `"$user"` then puts first: the pattern PostgreSQL's documentation
 * recommends. Otherwise it stops with a message saying what to grant.
 *
 * Optionally it first creates Mathesar's role (when missing) and grants it what it needs in its internal
 * database, connecting as the server's admin role (clouds such as DigitalOcean create databases owned by
 * their admin). It grants CONNECT and TEMPORARY on that database and USAGE, CREATE on its `public`
 * schema: enough for Django's migrations. Never CREATE on the database: Mathesar installs nothing else in
 * its internal database, and a role that may create schemas could create one named after another role and
 * catch that role's unqualified queries through `"$user"`. Only the bootstrap sees the admin credentials;
 * the web service never does.
 */

/** Environment variables the bootstrap reads (Django's own `createsuperuser` names). */
export const ADMIN_ENV = {
  username: "DJANGO_SUPERUSER_USERNAME",
  email: "DJANGO_SUPERUSER_EMAIL",
  password: "DJANGO_SUPERUSER_PASSWORD",
} as const;

/** Environment variables for the optional grant step: the database server's admin role. */
export const DATABASE_ADMIN_ENV = {
  user: "MATHESAR_DB_ADMIN_USER",
  password: "MATHESAR_DB_ADMIN_PASSWORD",
} as const;

/** Shortest `SECRET_KEY` the bootstrap accepts (Django's `check --deploy` threshold). */
export const MIN_SECRET_KEY_LENGTH = 50;

/** Fewest distinct characters a `SECRET_KEY` must have (a random hex value has 16 possible). */
export const MIN_SECRET_KEY_DISTINCT = 12;

/** Lowest Shannon entropy, in bits per character over the whole key, a `SECRET_KEY` must have. */
export const MIN_SECRET_KEY_BITS_PER_CHAR = 3;

/** Lowest share of distinct 3-character substrings: repeated patterns fall below it. */
export const MIN_SECRET_KEY_DISTINCT_TRIGRAMS = 0.9;

/** Words that placeholders are made of; a random key of 50+ characters holds none of them by chance. */
export const SECRET_KEY_PLACEHOLDER_WORDS = [
  "replace",
  "change",
  "secret",
  "example",
  "placeholder",
  "random",
  "insert",
  "generate",
  "default",
] as const;

/**
 * What is wrong with a `SECRET_KEY`, or undefined when it passes the bootstrap's rule (see the module
 * comment). The bootstrap applies the same rule in Python ({@link SECRET_KEY_CHECK_PYTHON}).
 */
export function secretKeyProblem(key: string): string | undefined {
  const chars = Array.from(key);
  if (chars.length < MIN_SECRET_KEY_LENGTH)
    return `it has ${chars.length} characters, fewer than ${MIN_SECRET_KEY_LENGTH}`;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  if (counts.size < MIN_SECRET_KEY_DISTINCT)
    return `it has ${counts.size} distinct characters, fewer than ${MIN_SECRET_KEY_DISTINCT}`;
  let bits = 0;
  for (const n of counts.values()) bits -= (n / chars.length) * Math.log2(n / chars.length);
  if (bits < MIN_SECRET_KEY_BITS_PER_CHAR)
    return `its entropy is ${bits.toFixed(2)} bits per character, below ${MIN_SECRET_KEY_BITS_PER_CHAR}`;
  const trigrams = chars.length - 2;
  const distinct = new Set(chars.slice(0, trigrams).map((_, i) => chars.slice(i, i + 3).join(""))).size;
  if (distinct < MIN_SECRET_KEY_DISTINCT_TRIGRAMS * trigrams) return "it repeats a pattern";
  const lower = key.toLowerCase();
  const word = SECRET_KEY_PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word) return `it contains "${word}", like a placeholder`;
  return undefined;
}

/** The same rule in Python: `secret_key_problem(key)` returns a reason, or None when the key passes. */
export const SECRET_KEY_CHECK_PYTHON = `def secret_key_problem(key):
    import math
    if len(key) < ${MIN_SECRET_KEY_LENGTH}:
        return "it has %d characters, fewer than ${MIN_SECRET_KEY_LENGTH}" % len(key)
    counts = {}
    for c in key:
        counts[c] = counts.get(c, 0) + 1
    if len(counts) < ${MIN_SECRET_KEY_DISTINCT}:
        return "it has %d distinct characters, fewer than ${MIN_SECRET_KEY_DISTINCT}" % len(counts)
    bits = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    if bits < ${MIN_SECRET_KEY_BITS_PER_CHAR}:
        return "its entropy is %.2f bits per character, below ${MIN_SECRET_KEY_BITS_PER_CHAR}" % bits
    trigrams = len(key) - 2
    if len({key[i:i + 3] for i in range(trigrams)}) < ${MIN_SECRET_KEY_DISTINCT_TRIGRAMS} * trigrams:
        return "it repeats a pattern"
    for word in ${JSON.stringify(SECRET_KEY_PLACEHOLDER_WORDS)}:
        if word in key.lower():
            return 'it contains "%s", like a placeholder' % word
    return None
`;

/** Shortest first-admin password the bootstrap accepts. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

/** Advisory-lock key shared by every bootstrap run against the same database ("MATH" in ASCII). */
export const BOOTSTRAP_LOCK_ID = 0x4d415448;

/** The bootstrap program, run by the image's Python from its working directory (`/code`). */
export const ADMIN_BOOTSTRAP_SCRIPT = `import os
import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django.setup()

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

LOCK_ID = ${BOOTSTRAP_LOCK_ID}
username = os.environ.get("${ADMIN_ENV.username}", "")
db_admin = os.environ.get("${DATABASE_ADMIN_ENV.user}", "")

# Refuse weak secrets before anything is written: length, variety, entropy, no pattern, no placeholder.
${SECRET_KEY_CHECK_PYTHON}
secret_key_issue = secret_key_problem(os.environ.get("SECRET_KEY", ""))
if secret_key_issue:
    raise SystemExit("mathesar-bootstrap: SECRET_KEY must be at least ${MIN_SECRET_KEY_LENGTH} random characters; refusing to start (" + secret_key_issue + "). Generate one with: openssl rand -hex 32")
if username and len(os.environ.get("${ADMIN_ENV.password}", "")) < ${MIN_ADMIN_PASSWORD_LENGTH}:
    raise SystemExit("mathesar-bootstrap: ${ADMIN_ENV.password} must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters")
# A template's visible placeholder ("REPLACE-..."), left as it was.
if username and "replace" in os.environ.get("${ADMIN_ENV.password}", "").lower():
    raise SystemExit("mathesar-bootstrap: ${ADMIN_ENV.password} is still a placeholder (it contains 'replace'); set a password of your own")

if db_admin:
    # Let Mathesar's role create its tables; repeating a GRANT is harmless.
    import psycopg
    from psycopg import sql

    role_name = os.environ["POSTGRES_USER"]
    role = sql.Identifier(role_name)
    with psycopg.connect(
        host=os.environ["POSTGRES_HOST"],
        port=os.environ.get("POSTGRES_PORT") or "5432",
        dbname=os.environ["POSTGRES_DB"],
        user=db_admin,
        password=os.environ["${DATABASE_ADMIN_ENV.password}"],
        sslmode=os.environ.get("POSTGRES_SSLMODE") or "prefer",
        autocommit=True,
    ) as admin:
        # The same lock as below: concurrent bootstraps must not race to create the role.
        admin.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
        # Clouds that create only a master user (RDS) leave Mathesar's own role to us; never alter an existing one.
        if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role_name]).fetchone() is None:
            if not os.environ.get("POSTGRES_PASSWORD"):
                raise SystemExit("mathesar-bootstrap: POSTGRES_PASSWORD is empty: refusing to create login role " + role_name + " without a password")
            admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(os.environ["POSTGRES_PASSWORD"])))
            print("mathesar-bootstrap: created role " + role_name)
        # Enough for Django's migrations; never CREATE on the database (no schemas: see the module comment).
        admin.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(sql.Identifier(os.environ["POSTGRES_DB"]), role))
        admin.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(role))
        admin.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
    print("mathesar-bootstrap: granted " + os.environ["POSTGRES_USER"] + " its privileges")

with connection.cursor() as cursor:
    # One bootstrap at a time per database: concurrent migrate runs are not safe.
    cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
    try:
        # Django creates its tables in current_schema(). PostgreSQL 15+ lets only the database owner create
        # in public unless granted: on a fresh database, use a schema of the role's own ("$user" comes first).
        cursor.execute(
            "SELECT current_user, current_database(), coalesce(current_schema(), ''),"
            " current_schema() IS NOT NULL AND has_schema_privilege(current_schema(), 'CREATE'),"
            " has_database_privilege(current_database(), 'CREATE'),"
            " to_regclass('django_migrations') IS NOT NULL"
        )
        role_name, db_name, schema, can_create_tables, can_create_schema, migrated = cursor.fetchone()
        if not can_create_tables and not migrated:
            if not can_create_schema:
                raise SystemExit(
                    "mathesar-bootstrap: role " + role_name + " may not create tables in schema " + (schema or "public")
                    + " of database " + db_name + " (PostgreSQL 15+ allows that only to the database owner unless granted)"
                    + " and may not create a schema of its own. As the database's owner or admin, run:"
                    + " GRANT USAGE, CREATE ON SCHEMA public TO " + role_name
                )
            cursor.execute('CREATE SCHEMA IF NOT EXISTS "' + role_name.replace('"', '""') + '"')
            cursor.execute("SELECT current_schema()")
            if cursor.fetchone()[0] != role_name:
                raise SystemExit("mathesar-bootstrap: created schema " + role_name + ", but the role's search_path does not start with \\"$user\\"; set it: ALTER ROLE " + role_name + " SET search_path = \\"$user\\", public")
            print("mathesar-bootstrap: role " + role_name + " may not create tables in public; using its own schema " + role_name)
        call_command("migrate", interactive=False)
        User = get_user_model()
        if not username:
            print("mathesar-bootstrap: migrations done; no admin requested")
        elif User.objects.filter(is_superuser=True).exists():
            print("mathesar-bootstrap: migrations done; an admin already exists, left unchanged")
        else:
            User.objects.create_superuser(
                username=username,
                email=os.environ.get("${ADMIN_ENV.email}", ""),
                password=os.environ["${ADMIN_ENV.password}"],
            )
            print("mathesar-bootstrap: migrations done; created admin " + username)
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
`;

/** The bootstrap as an exec-form command (ECS, Kubernetes): `python -c <script>`. */
export function adminBootstrapCommand(): string[] {
  return ["python", "-c", ADMIN_BOOTSTRAP_SCRIPT];
}

/**
 * The bootstrap as one shell line, for platforms whose run command is a single string (App Platform
 * jobs). The script travels base64-encoded so no quoting or newline can break it on the way.
 */
export function adminBootstrapShellCommand(): string {
  const encoded = Buffer.from(ADMIN_BOOTSTRAP_SCRIPT, "utf8").toString("base64");
  // The image's working directory is already MATHESAR_WORKDIR, so no `cd` (and no shell) is needed.
  return `python -c "import base64; exec(base64.b64decode('${encoded}'))"`;
}
