"""Official results of a cycle: template/PDF import with preview, and index-only history.

Modules: `parsing` (files → values, no writes; with `parsed`, `table`, `report_pdf`),
`template` (the downloadable template), `selectors` (cycle lookup, preview comparison,
history), `services` (preview/confirm, history records), `forms`, `views`, `apis`.
"""
