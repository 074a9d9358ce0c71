"""National-scale benchmark: generate a country's data, measure pages, queries and memory.

`make bench-national` runs `bench/national/run.py`: generation (`generate.py`) and the
measurements (`measure.py`) at two scales; `bench/load.sh` runs the locust load test.
Everything here prints figures; nothing is a timed test.
"""
