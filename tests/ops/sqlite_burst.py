"""A burst of parallel read-then-write transactions on a file SQLite database.

Run as a script (a fresh process with the project's settings and DATABASE_URL pointing at a
temporary file): prints the number of transactions that failed. Used by test_sqlite_writes.py.
"""

import os
import sys
import threading

import django

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 8
WRITES = int(sys.argv[2]) if len(sys.argv) > 2 else 15


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.sessions.models import Session
    from django.db import OperationalError, connection, connections, transaction
    from django.utils import timezone

    with connection.schema_editor() as editor:
        editor.create_model(Session)
    failures = []
    start = threading.Barrier(THREADS)

    def worker(n: int) -> None:
        start.wait()
        for i in range(WRITES):
            try:
                with transaction.atomic():
                    seen = Session.objects.count()  # read first, then write: the lock upgrade
                    Session.objects.create(
                        session_key=f"t{n}-{i}-{seen}", session_data="x", expire_date=timezone.now()
                    )
            except OperationalError as exc:
                failures.append(str(exc))
        connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(len(failures), Session.objects.count())


if __name__ == "__main__":
    main()
