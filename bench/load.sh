#!/bin/sh
# Load test of `spbe serve` with the national data (bench/national/load.py; --help for options).
# Needs DATABASE_URL (and MEDIA_ROOT) of a `make bench-national` run, e.g.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_scale make bench-national SCALE=0.1
#   DATABASE_URL=... MEDIA_ROOT=... bench/load.sh --users 100 --time 60s
set -eu
cd "$(dirname "$0")/.."
exec .venv/bin/python -m bench.national.load "$@"
