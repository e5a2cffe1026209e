"""Waits until PostgreSQL accepts connections: the init container of the migration and fixture Jobs."""
import sys
import time

import psycopg2

ATTEMPTS = 60
for attempt in range(1, ATTEMPTS + 1):
    try:
        # no arguments: libpq reads PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD itself
        psycopg2.connect(connect_timeout=3).close()
        print(f"the database accepts connections (attempt {attempt})")
        sys.exit(0)
    except psycopg2.OperationalError as error:
        print(f"waiting for the database ({attempt}/{ATTEMPTS}): {str(error).strip()}")
        time.sleep(2)
sys.exit("the database did not come up")
