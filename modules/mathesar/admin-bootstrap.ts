/**
 * Headless first admin. Until a superuser exists, every Mathesar page redirects to
 * `/complete_installation/`, where whoever comes first becomes the admin. Each target runs this bootstrap
 * once per rollout (a pre-deploy job, a one-off task, a Helm hook) before traffic reaches the app.
 *
 * It first refuses a weak `SECRET_KEY` or admin password, so a deployment whose secrets were typed by
 * hand (the one-click template) fails before anything is written. It is idempotent and safe to run concurrently: it takes a PostgreSQL advisory lock, runs
 * Django's migrations, and creates the admin only if no superuser exists yet. It never changes an
 * existing admin (so a password changed in the UI stays changed).
 *
 * Optionally it first creates Mathesar's role (when missing) and grants it what it needs in its internal
 * database, connecting as the server's admin role (managed PostgreSQL 15+ no longer lets every role create tables in `public`, and
 * clouds such as DigitalOcean create databases owned by their admin). Only the bootstrap sees the admin
 * credentials; the web service never does.
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

# Refuse weak secrets before anything is written (Django's own deploy check asks the same of the key).
secret_key = os.environ.get("SECRET_KEY", "")
if len(secret_key) < ${MIN_SECRET_KEY_LENGTH} or len(set(secret_key)) < 5:
    raise SystemExit("mathesar-bootstrap: SECRET_KEY must be at least ${MIN_SECRET_KEY_LENGTH} random characters; refusing to start")
if username and len(os.environ.get("${ADMIN_ENV.password}", "")) < ${MIN_ADMIN_PASSWORD_LENGTH}:
    raise SystemExit("mathesar-bootstrap: ${ADMIN_ENV.password} must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters")

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
            admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(os.environ["POSTGRES_PASSWORD"])))
            print("mathesar-bootstrap: created role " + role_name)
        admin.execute(sql.SQL("GRANT CONNECT, CREATE, TEMPORARY ON DATABASE {} TO {}").format(sql.Identifier(os.environ["POSTGRES_DB"]), role))
        admin.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(role))
        admin.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
    print("mathesar-bootstrap: granted " + os.environ["POSTGRES_USER"] + " its privileges")

with connection.cursor() as cursor:
    # One bootstrap at a time per database: concurrent migrate runs are not safe.
    cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
    try:
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
