"""REST API of the evaluation cycle, one module per resource (routes in `api_urls.py`).

Same rule as the pages: outsiders 404, read-only roles 403 on every write before the body is
read (`_common.EvaluationWrites`), the services decide the rest.

- cycles: list, open, one cycle, transition, finalise, reopen
- scores: the score of a cycle per stage, the external indices
- stage_values: a cycle's stage values (read, bulk), one assessment's by hand
- assessments: a cycle's assessments (list, export), one assessment, save, submit, assign
- reviews: the asesor's review, the koordinator's decision
- comments: an assessment's comment thread
- notifications: the user's notifications
- evidence_links: link a document to an assessment at a level, unlink
"""
