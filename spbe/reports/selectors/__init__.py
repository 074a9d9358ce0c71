"""Reads behind the dashboards, one module per concern; every figure comes from the engine.

- `cycles`: which cycles a user sees, and one row per indicator of a cycle (3 queries);
- `dashboard`: the instansi dashboard of a cycle (stage scores, domains, progress);
- `gaps`: points lost and the stage comparison;
- `units`: unit scorecards and their ranking;
- `history`: index history of many instansi at once (published results + finished cycles);
- `province`: a province and its kabupaten/kota side by side.
"""
