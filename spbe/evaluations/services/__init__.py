"""Writes of the evaluation cycle, one module per concern (re-exported here).

- cycle_open: open a cycle (with copy-forward of last cycle's work)
- cycles: state transitions, deadlines, external index values, finalise, reopen
- assessments: the respondent's self-assessment (claim, draft, submit; when they may edit)
- assignment: lead/contributing units, reviewer, due date (one indicator or many)
- stage_values: stage values by hand, one stage in bulk, the one writer of many values
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
    assessment_save,
    assessment_submit,
    claim_stage,
    self_assessment_refusal,
)
from spbe.evaluations.services.assignment import (
    UNSET,
    assessment_assign,
    assessments_assign_bulk,
)
from spbe.evaluations.services.comments import comment_add
from spbe.evaluations.services.cycle_open import cycle_create
from spbe.evaluations.services.cycles import (
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
    digest_send,
    notification_mark_read,
    notifications_settle,
    notify,
    overdue_summary_send,
    reminders_send,
)
from spbe.evaluations.services.review import (
    assessment_decide,
    review_accept,
    review_decide,
    review_return,
    review_set_level,
)
from spbe.evaluations.services.stage_values import (
    StageValuesWritten,
    stage_value_set,
    stage_values_set_bulk,
    stage_values_write,
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
    "claim_stage",
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
    "digest_send",
    "notifications_settle",
    "overdue_summary_send",
    "review_accept",
    "review_decide",
    "review_return",
    "review_set_level",
    "self_assessment_refusal",
    "stage_value_set",
    "stage_values_set_bulk",
    "stage_values_write",
]
