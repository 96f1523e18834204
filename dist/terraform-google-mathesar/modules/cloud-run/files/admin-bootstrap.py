import os
import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django.setup()

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

LOCK_ID = 1296127048
username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "")
db_admin = os.environ.get("MATHESAR_DB_ADMIN_USER", "")

# Refuse weak secrets before anything is written: length, variety, entropy, no pattern, no placeholder.
def secret_key_problem(key):
    import math
    if len(key) < 50:
        return "it has %d characters, fewer than 50" % len(key)
    counts = {}
    for c in key:
        counts[c] = counts.get(c, 0) + 1
    if len(counts) < 12:
        return "it has %d distinct characters, fewer than 12" % len(counts)
    bits = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    if bits < 3:
        return "its entropy is %.2f bits per character, below 3" % bits
    trigrams = len(key) - 2
    if len({key[i:i + 3] for i in range(trigrams)}) < 0.9 * trigrams:
        return "it repeats a pattern"
    for word in ["replace","change","secret","example","placeholder","random","insert","generate","default"]:
        if word in key.lower():
            return 'it contains "%s", like a placeholder' % word
    return None

secret_key_issue = secret_key_problem(os.environ.get("SECRET_KEY", ""))
if secret_key_issue:
    raise SystemExit("mathesar-bootstrap: SECRET_KEY must be at least 50 random characters; refusing to start (" + secret_key_issue + "). Generate one with: openssl rand -hex 32")
if username and len(os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")) < 12:
    raise SystemExit("mathesar-bootstrap: DJANGO_SUPERUSER_PASSWORD must be at least 12 characters")
# A template's visible placeholder ("REPLACE-..."), left as it was.
if username and "replace" in os.environ.get("DJANGO_SUPERUSER_PASSWORD", "").lower():
    raise SystemExit("mathesar-bootstrap: DJANGO_SUPERUSER_PASSWORD is still a placeholder (it contains 'replace'); set a password of your own")

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
        password=os.environ["MATHESAR_DB_ADMIN_PASSWORD"],
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
                raise SystemExit("mathesar-bootstrap: created schema " + role_name + ", but the role's search_path does not start with \"$user\"; set it: ALTER ROLE " + role_name + " SET search_path = \"$user\", public")
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
                email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""),
                password=os.environ["DJANGO_SUPERUSER_PASSWORD"],
            )
            print("mathesar-bootstrap: migrations done; created admin " + username)
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
