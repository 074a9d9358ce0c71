"""The Pemdi 2026 demo cycle's story: each indicator's workflow, values, comments and news."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from spbe.demo.data import STAGE_DATES, WITA, wita
from spbe.evaluations.models import Assessment, Comment, Notification, StageValue
from spbe.evaluations.selectors import assessment_people
from spbe.evaluations.services.notifications import notify
from spbe.frameworks.models import Framework, Indicator
from spbe.frameworks.stages import self_assessment_stage


class PemdiStory:
    """How the services would have left each Pemdi 2026 indicator, given its status: the
    respondent's claim (= the mandiri value) with FAKTA/ANALISIS, the submission, the asesor's
    review and the koordinator's decision, dated along the cycle's calendar (WITA)."""

    def __init__(self, story: dict, users: dict, framework: Framework):
        self.users = users
        self.own = self_assessment_stage(framework).code  # the claim is the mandiri value
        self.explanations = {int(k): v for k, v in story.get("self_assessment", {}).items()}
        self.reviews = {int(k): v for k, v in story.get("reviews", {}).items()}
        self.decision_notes = {int(k): v for k, v in story.get("decision_notes", {}).items()}
        self.stage_notes = {int(k): v for k, v in story.get("stage_notes", {}).items()}
        self.comments = {int(k): v for k, v in story.get("comments", {}).items()}
        self.external = set(
            framework.indicators.filter(source=Indicator.Source.EXTERNAL).values_list(
                "number", flat=True
            )
        )

    def respondent(self, ind: dict):
        return self.users.get(f"responden-{ind['lead']}", self.users["koordinator"])

    # The calendar: drafts and submissions in the last week before the 29 August deadline,
    # reviews in the first days of September, decisions on 4 September before the cycle moved
    # on to the document stage. Spread by indicator number so the lists read naturally.
    @staticmethod
    def saved_at(n: int) -> datetime:
        return datetime(2026, 8, 21, 9, 10, tzinfo=WITA) + timedelta(days=n % 7, hours=n % 5)

    @staticmethod
    def submitted_at(n: int) -> datetime:
        return PemdiStory.saved_at(n) + timedelta(minutes=25)

    def reviewed_at(self, n: int) -> datetime:
        if n in self.reviews:
            return wita(self.reviews[n]["at"])
        return datetime(2026, 9, 1, 10, 0, tzinfo=WITA) + timedelta(days=n % 3, hours=n % 4)

    @staticmethod
    def decided_at(n: int) -> datetime:
        return datetime(2026, 9, 4, 9, 0, tzinfo=WITA) + timedelta(minutes=7 * n)

    def workflow(self, n: int, ind: dict) -> dict:
        """The assessment's claim/submission/review/decision fields for its status."""
        status = ind["status"]
        Status = Assessment.Status
        if status == Status.BELUM_DIISI:
            return {}
        if n in self.external:  # valued from another agency's index: nothing to claim
            if status != Status.DISETUJUI:
                return {}
            return {"reviewed_by": self.users["asesor"], "reviewed_at": self.reviewed_at(n)}
        fields: dict = {"claimed_value": Decimal(ind[self.own])}
        if status == Status.DRAF:
            return fields
        fields |= {"submitted_by": self.respondent(ind), "submitted_at": self.submitted_at(n)}
        if status == Status.DIAJUKAN:
            return fields
        review = self.reviews.get(n, {})
        fields |= {
            "review_note": " ".join(review.get("note", "").split()),
            "reviewed_by": self.users["asesor"],
            "reviewed_at": self.reviewed_at(n),
        }
        if status == Status.PERLU_PERBAIKAN:
            return fields
        return fields | {
            "reviewed_value": Decimal(review.get("value", ind[self.own])),
            "final_source": Assessment.FinalSource.RESPONDEN,
            "decided_by": self.users["koordinator"],
            "decided_at": self.decided_at(n),
        }

    def stage_value(self, assessment: Assessment, n: int, ind: dict, stage: str) -> StageValue:
        if stage == self.own:
            text = {} if n in self.external else self.explanations.get(n, {})
            if n in self.external:
                set_by, set_at = self.users["koordinator"], STAGE_DATES[2026][self.own]
            elif assessment.decided_by_id:
                set_by, set_at = self.users["koordinator"], assessment.decided_at
            else:
                set_by, set_at = self.respondent(ind), self.saved_at(n)
            notes = self.decision_notes.get(n, "") if assessment.decided_by_id else ""
        else:
            text = self.stage_notes.get(n, {}).get(stage, {})
            set_by, set_at, notes = self.users["asesor"], STAGE_DATES[2026][stage], ""
        return StageValue(
            assessment=assessment,
            stage=stage,
            value=Decimal(ind[stage]),
            fakta=" ".join(text.get("fakta", "").split()),
            analisis=" ".join(text.get("analisis", "").split()),
            notes=notes,
            set_by=set_by,
            set_at=set_at,
        )


def pemdi_comments(assessments: dict[int, Assessment], story: PemdiStory, users: dict) -> int:
    """The review notes (as `review_return`/`review_accept` leave them) and the threads;
    returns how many comments it wrote."""
    rows = [
        (number, Comment.Kind.REVIEW, "asesor", review["at"], review["note"])
        for number, review in story.reviews.items()
        if review.get("note")
    ]
    rows += [
        (number, Comment.Kind.COMMENT, author, when, body)
        for number, thread in story.comments.items()
        for author, when, body in thread
    ]
    for number, kind, author, when, body in rows:
        comment = Comment.objects.create(
            assessment=assessments[number], author=users[author], kind=kind, body=body
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=wita(when))


def pemdi_notifications(assessments: dict[int, Assessment]) -> int:
    """What the services told people on the way (`notify`, without e-mail): the asesor of
    each submission, the units' respondents of each return or approval. Only news still
    waiting for someone (a submission to review, a return to fix) is unread; returns how many."""
    count = 0
    Status, Kind = Assessment.Status, Notification.Kind
    with translation.override(settings.LANGUAGE_CODE):
        for a in assessments.values():
            if a.submitted_at is None:
                continue
            label = {"i": f"{a.indicator.code}. {a.indicator.short_name}", "c": a.cycle.name}
            respondents = assessment_people(a, respondents=True)
            news = [
                (
                    Kind.SUBMITTED,
                    assessment_people(a, reviewers=True),
                    _("Indikator %(i)s pada %(c)s diajukan untuk direviu.") % label,
                    a.submitted_by,
                    a.submitted_at,
                    a.reviewed_at,
                )
            ]
            if a.status == Status.PERLU_PERBAIKAN:
                message = _("Indikator %(i)s perlu perbaikan: %(note)s") % {
                    **label,
                    "note": a.review_note,
                }
                news.append(
                    (Kind.RETURNED, respondents, message, a.reviewed_by, a.reviewed_at, None)
                )
            elif a.status == Status.DISETUJUI:
                message = _("Indikator %(i)s pada %(c)s disetujui asesor.") % label
                news.append(
                    (
                        Kind.APPROVED,
                        respondents,
                        message,
                        a.reviewed_by,
                        a.reviewed_at,
                        a.decided_at,
                    )
                )
            for kind, people, message, actor, at, read_at in news:
                made = notify(
                    recipients=people,
                    kind=kind,
                    message=message,
                    assessment=a,
                    exclude=actor,
                    email=False,
                )
                Notification.objects.filter(pk__in=[n.pk for n in made]).update(
                    created_at=at, read_at=read_at
                )
                count += len(made)
    return count
