"""Pages of the evaluation cycle, one module per page family (routes in `urls.py`).

Thin: access is `spbe.evaluations.access` / `spbe.organizations.permissions`, reads are
selectors, writes are services.

- cycles: list, open, overview, export, stage/deadline/final actions, bulk assignment
- assessment: the page of one indicator and the forms it carries
- tasks: the user's to-do list and notifications
"""
