"""Writes of the evaluation cycle, one module per concern (re-exported here).

- cycles: open (with copy-forward), deadlines, state transitions, finalise, reopen
- assessments: self-assessment drafts and submission, assignment, stage values (one, bulk)
- review: accept, return, reviewed level, the koordinator's final decision
- comments: threads with @mentions
- evidence_links: link a document to an indicator at a level, unlink
- notifications: in-app + e-mail notices, reminders
"""

from spbe.evaluations.services import notifications  # noqa: I001 (imported first: used below)
from spbe.evaluations.services._common import (
    LOCKED_MESSAGE,
    StaleRevision,
    external_source_message,
)
from spbe.evaluations.services.assessments import (
    UNSET,
    assessment_assign,
    assessment_save,
    assessment_submit,
    assessments_assign_bulk,
    StageValuesWritten,
    self_assessment_refusal,
    stage_value_set,
    stage_values_set_bulk,
    stage_values_write,
)
from spbe.evaluations.services.comments import comment_add
from spbe.evaluations.services.cycles import (
    cycle_create,
    cycle_finalise,
    cycle_reopen,
    cycle_set_deadlines,
    cycle_set_external_values,
    cycle_transition,
)
from spbe.evaluations.services.evidence_links import (
    document_create_and_link,
    evidence_link,
    evidence_unlink,
)
from spbe.evaluations.services.notifications import (
    notification_mark_read,
    notify,
    reminders_send,
)
from spbe.evaluations.services.review import (
    assessment_decide,
    review_accept,
    review_decide,
    review_return,
    review_set_level,
)

__all__ = [
    "LOCKED_MESSAGE",
    "UNSET",
    "StageValuesWritten",
    "StaleRevision",
    "assessment_assign",
    "assessment_decide",
    "assessment_save",
    "assessment_submit",
    "assessments_assign_bulk",
    "comment_add",
    "cycle_create",
    "document_create_and_link",
    "evidence_link",
    "evidence_unlink",
    "cycle_finalise",
    "cycle_reopen",
    "cycle_set_deadlines",
    "cycle_set_external_values",
    "cycle_transition",
    "external_source_message",
    "notification_mark_read",
    "notifications",
    "notify",
    "reminders_send",
    "review_accept",
    "review_decide",
    "review_return",
    "review_set_level",
    "self_assessment_refusal",
    "stage_value_set",
    "stage_values_set_bulk",
    "stage_values_write",
]
