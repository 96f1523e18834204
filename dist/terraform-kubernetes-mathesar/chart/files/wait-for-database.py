"""Waits until Mathesar's database accepts connections, so the bootstrap fails with a clear message instead
of a stack trace when the database is unreachable (wrong host, a NetworkPolicy, a firewall, a server still
starting). Reads POSTGRES_HOST (a host name, an IP address or a Unix-socket directory), POSTGRES_PORT and
MATHESAR_WAIT_FOR_DATABASE_SECONDS. Part of the Helm chart; uses only the Python standard library."""
import os
import socket
import sys
import time

host = os.environ.get("POSTGRES_HOST", "")
port = int(os.environ.get("POSTGRES_PORT") or "5432")
limit = int(os.environ.get("MATHESAR_WAIT_FOR_DATABASE_SECONDS") or "300")
if not host:
    sys.exit("wait-for-database: POSTGRES_HOST is empty; set database.host")

deadline = time.monotonic() + limit
attempt = 0
while True:
    attempt += 1
    try:
        if host.startswith("/"):
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(5)
            connection.connect(os.path.join(host, ".s.PGSQL.%d" % port))
        else:
            connection = socket.create_connection((host, port), timeout=5)
        connection.close()
        print("wait-for-database: %s:%d accepts connections" % (host, port))
        break
    except OSError as error:
        if time.monotonic() >= deadline:
            sys.exit(
                "wait-for-database: %s:%d is unreachable after %d s (%s). Check database.host and database.port, "
                "the NetworkPolicy (networkPolicy.databaseCidrs) and the database's firewall." % (host, port, limit, error)
            )
        if attempt == 1 or attempt % 15 == 0:
            print("wait-for-database: waiting for %s:%d (%s)" % (host, port, error), flush=True)
        time.sleep(2)
