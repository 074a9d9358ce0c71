"""The `spbe` command: Django's management commands with the project's settings.

`spbe migrate`, `spbe runserver`, `spbe score ...`, `spbe framework load ...` all go
through here, so scripts never need to know about manage.py or DJANGO_SETTINGS_MODULE.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["spbe", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
