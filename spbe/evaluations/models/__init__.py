"""Evaluation models, one module per concern (re-exported here for Django)."""

from spbe.evaluations.models.assessments import Assessment, EvidenceLink, StageValue
from spbe.evaluations.models.collaboration import Comment, Notification
from spbe.evaluations.models.cycles import Cycle, Stage

__all__ = [
    "Assessment",
    "Comment",
    "Cycle",
    "EvidenceLink",
    "Notification",
    "Stage",
    "StageValue",
]
