"""Evaluation models, one module per concern (re-exported here for Django)."""

from spbe.evaluations.models.assessments import (
    Assessment,
    ClaimRevision,
    EvidenceLink,
    StageValue,
)
from spbe.evaluations.models.collaboration import Comment, Notification
from spbe.evaluations.models.cycles import Cycle, Stage

__all__ = [
    "Assessment",
    "ClaimRevision",
    "Comment",
    "Cycle",
    "EvidenceLink",
    "Notification",
    "Stage",
    "StageValue",
]
