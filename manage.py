#!/usr/bin/env python
"""Django's command-line utility; `spbe` (installed into .venv/bin) does the same."""

from spbe.cli import main

if __name__ == "__main__":
    main()
