"""The demo: Pemerintah Provinsi Kalimantan Timur as the platform would look in November 2026.

`demo_load()` builds, from ``data/kaltim.yaml`` and the national tables:

- the national history (`spbe.official.history.history_load`) and Kaltim's 2025 figure;
- Pemprov Kaltim, its 10 kabupaten/kota and its units (SKPD);
- demo accounts for every role, all with the password ``DEMO_PASSWORD``;
- the SPBE cycles 2023 and 2024 (finished, values per stage, the assessors' notes on the
  indicators lowered at the document stage) and the current Pemdi 2026 cycle (interview stage
  under way: assignments; per status the respondent's claim with FAKTA/ANALISIS, submission,
  review and the koordinator's decision; values, notes and comments);
- evidence documents with small generated PDFs, linked to Pemdi 2026 indicators
  (`spbe.demo.evidence`);
- a made-up SPBE architecture inventory and ICT budget with a few duplicates across units
  (`spbe.demo.architecture`, ``data/kaltim-arsitektur.yaml``).

The figures come from ``data/kaltim.yaml``, the words around them (explanations, notes,
comments, documents) from ``data/kaltim-story.yaml``.

Idempotent: existing rows are reused, never duplicated; an existing demo cycle is left as it
is (what people did while trying the demo survives a second `make run`). ``reset=True``
first deletes the demo cycles, the demo documents (with their stored files), the demo
inventory and budget rows and the demo accounts, and only those: nothing else is touched
(units and instansi are updated in place, history rows are official data, not demo data).

The loader writes evaluation rows directly (it is set-up, not a user action), in one
transaction with one audit event ``demo.loaded`` when anything changed; evidence goes through
the evidence services (files are inspected and stored like any upload, each audited).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.demo.architecture import architecture_load, architecture_reset
from spbe.demo.evidence import demo_documents_delete, demo_documents_load
from spbe.evaluations.models import Assessment, Comment, Cycle, Notification, StageValue
from spbe.evaluations.selectors import assessment_people
from spbe.evaluations.services.notifications import notify
from spbe.frameworks.models import Framework, Indicator
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from spbe.frameworks.stages import final_stage, recorded_stages, stage_codes
from spbe.official.history import history_load
from spbe.official.models import PublishedResult
from spbe.official.services import RESULT_ACTION
from spbe.organizations.models import Instansi, Role, RoleGrant, Unit

DATA_FILE = Path(__file__).resolve().parent / "data" / "kaltim.yaml"
STORY_FILE = DATA_FILE.with_name("kaltim-story.yaml")
DEMO_PASSWORD = "demo-spbe-2026"
EMAIL_DOMAIN = "demo.spbe-monev.test"
WITA = ZoneInfo("Asia/Makassar")
SPBE, PEMDI = "spbe-59-2020", "pemdi-8-2026"
# When each stage's values were set in the demo story (WITA).
STAGE_DATES = {
    2023: {"final": datetime(2023, 12, 8, 10, 0, tzinfo=WITA)},
    2024: {
        "mandiri": datetime(2024, 7, 31, 16, 0, tzinfo=WITA),
        "dokumen": datetime(2024, 9, 20, 15, 0, tzinfo=WITA),
        "interviu": datetime(2024, 10, 24, 11, 0, tzinfo=WITA),
        "final": datetime(2024, 12, 10, 9, 0, tzinfo=WITA),
    },
    2026: {
        "mandiri": datetime(2026, 8, 28, 15, 30, tzinfo=WITA),
        "dokumen": datetime(2026, 10, 9, 14, 0, tzinfo=WITA),
        "interviu": datetime(2026, 11, 12, 10, 30, tzinfo=WITA),
    },
}
ROLE_LABELS = dict(Role.choices)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # Role value
    where: str  # the unit or instansi the role is held on

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])


@dataclass
class DemoResult:
    province: Instansi
    accounts: list[DemoAccount]
    created: dict[str, int] = field(default_factory=dict)
    history_rows: int = 0

    @property
    def changed(self) -> bool:
        return any(self.created.values())


@functools.cache
def demo_data() -> dict:
    """The parsed kaltim.yaml (read once per process)."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@functools.cache
def demo_story() -> dict:
    """The parsed kaltim-story.yaml: the words of the demo (read once per process)."""
    return yaml.safe_load(STORY_FILE.read_text(encoding="utf-8"))


def demo_document_titles() -> list[str]:
    return [d["title"] for d in demo_story()["pemdi_2026"].get("documents", [])]


def demo_usernames(data: dict | None = None) -> list[str]:
    """Every demo account: the people of kaltim.yaml, then responden-<slug> per unit."""
    data = data or demo_data()
    return [p["username"] for p in data["people"]] + [
        f"responden-{u['slug']}" for u in data["units"] if u.get("respondent")
    ]


def demo_cycle_names(data: dict | None = None) -> list[str]:
    data = data or demo_data()
    return [_spbe_cycle_name(c["year"]) for c in data["spbe_cycles"]] + [
        _pemdi_cycle_name(data["pemdi_2026"]["year"])
    ]


def demo_load(*, reset: bool = False) -> DemoResult:
    """Load (or complete) the demo; see the module docstring. Returns what it created."""
    data = demo_data()
    with transaction.atomic():
        frameworks = _frameworks()
        history = history_load()
        province = _instansi(data)
        if reset:
            _reset(data, province)
        loader = _Loader(data, province, frameworks)
        loader.run()
        loader.created.update(architecture_load(province, loader.units))
        result = DemoResult(
            province=province,
            accounts=demo_accounts(data),
            created=loader.created,
            history_rows=history.rows,
        )
        result.created["history"] = int(history.changed)
        if result.changed or reset:
            audit_record(
                actor=None,
                action="demo.loaded",
                target=province,
                extra={"reset": reset, **result.created},
            )
    return result


def demo_accounts(data: dict | None = None) -> list[DemoAccount]:
    """The demo accounts with their role and where it is held (for README and the printout)."""
    data = data or demo_data()
    units = {u["slug"]: u for u in data["units"]}
    province = data["province"]["short_name"]
    accounts = []
    for person in data["people"]:
        where = province
        if person["role"] == Role.PEMBINA:
            where = f"{province} dan kabupaten/kota"
        accounts.append(DemoAccount(person["username"], person["role"], where))
    for unit in data["units"]:
        if unit.get("respondent"):
            accounts.append(
                DemoAccount(
                    f"responden-{unit['slug']}", Role.RESPONDEN, units[unit["slug"]]["name"]
                )
            )
    return accounts


# -- steps -------------------------------------------------------------------------------
def _frameworks() -> dict[str, Framework]:
    try:
        return {code: framework_get(code) for code in (SPBE, PEMDI)}
    except Framework.DoesNotExist:
        shipped_load()
        return {code: framework_get(code) for code in (SPBE, PEMDI)}


def _instansi(data: dict) -> Instansi:
    """Pemprov Kaltim and its kabupaten/kota, reusing the rows of the history loader."""
    spec = data["province"]
    province = _upsert_instansi(spec, province=None)
    for kabkota in data["kabkota"]:
        _upsert_instansi(kabkota, province=province)
    return province


def _upsert_instansi(spec: dict, *, province: Instansi | None) -> Instansi:
    wanted = {
        "name": spec["name"],
        "kind": spec["kind"],
        "province": province,
        "short_name": spec.get("short_name") or spec["name"].removeprefix("Pemerintah "),
    }
    instansi, created = Instansi.objects.get_or_create(
        instansi_key=spec["instansi_key"], defaults=wanted
    )
    if not created and any(getattr(instansi, k) != v for k, v in wanted.items()):
        for name, value in wanted.items():
            setattr(instansi, name, value)
        instansi.save()
    return instansi


def _reset(data: dict, province: Instansi) -> None:
    """Delete the demo cycles (with their assessments, values, comments, evidence links), the
    demo documents with their files, and the demo accounts."""
    architecture_reset(province)
    Cycle.objects.filter(instansi=province, name__in=demo_cycle_names(data)).delete()
    demo_documents_delete(
        province=province, titles=demo_document_titles(), usernames=demo_usernames(data)
    )
    get_user_model().objects.filter(username__in=demo_usernames(data)).delete()


class _Loader:
    """The demo rows of one province, created where missing."""

    def __init__(self, data: dict, province: Instansi, frameworks: dict[str, Framework]):
        self.data, self.province, self.frameworks = data, province, frameworks
        self.story = demo_story()
        self.created: dict[str, int] = {}
        self.units: dict[str, Unit] = {}
        self.users: dict[str, object] = {}

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    def run(self) -> None:
        self._units()
        self._users()
        self._grants()
        self._history_extra()
        for spec in self.data["spbe_cycles"]:
            self._spbe_cycle(spec)
        self._pemdi_cycle(self.data["pemdi_2026"])

    # -- organisation ---------------------------------------------------------------------
    def _units(self) -> None:
        for spec in self.data["units"]:  # parents come before their children in the file
            wanted = {
                "short_name": spec["short_name"],
                "kind": spec["kind"],
                "parent": self.units[spec["parent"]] if spec.get("parent") else None,
                "is_coordinator": bool(spec.get("coordinator")),
                "is_active": True,
            }
            unit, created = Unit.objects.get_or_create(
                instansi=self.province, name=spec["name"], defaults=wanted
            )
            if created:
                self.count("units")
            elif any(getattr(unit, k) != v for k, v in wanted.items()):
                for name, value in wanted.items():
                    setattr(unit, name, value)
                unit.save()
            self.units[spec["slug"]] = unit

    def _people(self) -> list[dict]:
        people = [dict(p) for p in self.data["people"]]
        for spec in self.data["units"]:
            if spec.get("respondent"):
                people.append(
                    {
                        "username": f"responden-{spec['slug']}",
                        "first_name": "Responden",
                        "last_name": spec["short_name"],
                        "position": f"Operator SPBE {spec['short_name']}",
                        "unit": spec["slug"],
                        "role": Role.RESPONDEN,
                    }
                )
        return people

    def _users(self) -> None:
        User = get_user_model()
        people = self._people()
        existing = {u.username: u for u in User.objects.filter(username__in=demo_usernames())}
        missing = [p for p in people if p["username"] not in existing]
        if missing:
            hashed = make_password(DEMO_PASSWORD)  # one slow hash for every new demo account
            for person in missing:
                is_admin = person["role"] == Role.ADMINISTRATOR
                existing[person["username"]] = User.objects.create(
                    username=person["username"],
                    password=hashed,
                    first_name=person.get("first_name", ""),
                    last_name=person.get("last_name", ""),
                    position=person.get("position", ""),
                    email=f"{person['username']}@{EMAIL_DOMAIN}",
                    is_staff=is_admin,
                    is_superuser=is_admin,
                )
            self.count("users", len(missing))
        self.users = existing
        self.people = people

    def _grants(self) -> None:
        for person in self.people:
            role = person["role"]
            unit = self.units[person["unit"]] if role == Role.RESPONDEN else None
            _grant, created = RoleGrant.objects.get_or_create(
                user=self.users[person["username"]],
                role=role,
                instansi=self.province,
                unit=unit,
                defaults={"recursive": role == Role.PEMBINA},
            )
            if created:
                self.count("grants")

    def _history_extra(self) -> None:
        for extra in self.data.get("history_extra", []):
            wanted = {
                "framework_code": extra["framework"],
                "index": Decimal(extra["index"]),
                "source": extra["source"],
                "verified": False,
                "note": "Hanya dari berita; belum ada di laporan resmi.",
            }
            row, created = PublishedResult.objects.get_or_create(
                instansi=self.province, year=extra["year"], defaults=wanted
            )
            if created:
                self.count("published_results")

    # -- cycles ---------------------------------------------------------------------------
    def _new_cycle(self, *, framework: Framework, name: str, year: int, **fields) -> Cycle | None:
        """A new demo cycle, or None when it exists already (left as it is)."""
        if Cycle.objects.filter(instansi=self.province, year=year, name=name).exists():
            return None
        self.count("cycles")
        return Cycle.objects.create(
            instansi=self.province,
            framework=framework,
            year=year,
            name=name,
            created_by=self.users["koordinator"],
            **fields,
        )

    def _assessments(self, cycle: Cycle, specs: dict[int, dict]) -> dict[int, Assessment]:
        """One assessment per indicator (number → fields), bulk created."""
        indicators = {i.number: i for i in cycle.framework.indicators.all()}
        rows = [
            Assessment(cycle=cycle, indicator=indicators[number], **fields)
            for number, fields in specs.items()
        ]
        Assessment.objects.bulk_create(rows)
        self.count("assessments", len(rows))
        return {
            a.indicator.number: a
            for a in Assessment.objects.filter(cycle=cycle).select_related("indicator")
        }

    def _stage_values(self, rows: list[StageValue]) -> None:
        StageValue.objects.bulk_create(rows, batch_size=500)
        self.count("stage_values", len(rows))

    def _spbe_cycle(self, spec: dict) -> None:
        year = spec["year"]
        cycle = self._new_cycle(
            framework=self.frameworks[SPBE],
            name=_spbe_cycle_name(year),
            year=year,
            kind=spec["kind"],
            state=Cycle.State.SELESAI,
            finalised_at=STAGE_DATES[year]["final"],
        )
        if cycle is None:
            return
        services = {int(k): v for k, v in (spec.get("services") or {}).items()}
        lead, asesor = self.units["diskominfo"], self.users["asesor"]
        numbers = range(1, len(spec["final"]) + 1)
        assessments = self._assessments(
            cycle,
            {
                n: {
                    "lead_unit": lead,
                    "reviewer": asesor,
                    "status": Assessment.Status.DISETUJUI,
                    "subject_name": services.get(n, ""),
                    **self._spbe_claim(year, spec.get("mandiri"), n),
                }
                for n in numbers
            },
        )
        notes = self.story.get(f"spbe_{year}", {}).get("dokumen_notes", {})
        self._stage_values(
            [
                StageValue(
                    assessment=assessments[n],
                    stage=stage,
                    value=Decimal(levels[n - 1]),
                    notes=notes.get(n, "") if stage == "dokumen" else "",
                    set_by=self.users["koordinator"] if stage == "mandiri" else asesor,
                    set_at=STAGE_DATES[year][stage],
                )
                for stage in stage_codes(cycle.framework)
                if (levels := spec.get(stage))
                for n in numbers
            ]
        )
        self._official_result_recorded(cycle, spec)

    def _official_result_recorded(self, cycle: Cycle, spec: dict) -> None:
        """The finished cycles' assessor and final values are the official result (the
        national report), as an official import would have written them: recorded the same
        way, so the pages say the evidence was not assessed here."""
        imported = [s.code for s in recorded_stages(cycle.framework) if spec.get(s.code)]
        if final_stage(cycle.framework).code in imported:
            audit_record(
                actor=None,
                action=RESULT_ACTION,
                target=cycle,
                extra={"source": "demo", "stages": imported},
            )

    def _spbe_claim(self, year: int, mandiri: list | None, number: int) -> dict:
        """A finished cycle with a self-assessment: the Diskominfo respondent claimed the
        mandiri level, the asesor accepted it and the koordinator kept it (as the services
        leave an indicator that went through the whole internal review)."""
        if not mandiri:
            return {}
        decided = STAGE_DATES[year]["mandiri"]
        return {
            "claimed_value": Decimal(mandiri[number - 1]),
            "submitted_by": self.users["responden-diskominfo"],
            "submitted_at": decided - timedelta(days=6),
            "reviewed_value": Decimal(mandiri[number - 1]),
            "reviewed_by": self.users["asesor"],
            "reviewed_at": decided - timedelta(days=2),
            "final_source": Assessment.FinalSource.RESPONDEN,
            "decided_by": self.users["koordinator"],
            "decided_at": decided,
        }

    def _pemdi_cycle(self, spec: dict) -> None:
        year = spec["year"]
        cycle = self._new_cycle(
            framework=self.frameworks[PEMDI],
            name=_pemdi_cycle_name(year),
            year=year,
            kind=spec["kind"],
            state=spec["state"],
            self_assessment_due=date(year, 8, 29),
            review_due=date.fromisoformat(spec["due"]),
            external_values=dict(spec["external"]),
        )
        if cycle is None:
            return
        story = _PemdiStory(self.story["pemdi_2026"], self.users, cycle.framework)
        due = date.fromisoformat(spec["due"])
        indicators = {int(n): ind for n, ind in spec["indicators"].items()}
        assessments = self._assessments(
            cycle,
            {
                n: {
                    "lead_unit": self.units[ind["lead"]],
                    "reviewer": self.users["asesor"],
                    "due_date": due,
                    "status": ind["status"],
                    **story.workflow(n, ind),
                }
                for n, ind in indicators.items()
            },
        )
        through = Assessment.contributing_units.through
        through.objects.bulk_create(
            [
                through(assessment_id=assessments[n].pk, unit_id=self.units[slug].pk)
                for n, ind in indicators.items()
                for slug in ind.get("contrib", [])
            ]
        )
        self._stage_values(
            [
                story.stage_value(assessments[n], n, ind, stage)
                for n, ind in indicators.items()
                for stage in stage_codes(self.frameworks[PEMDI])
                if ind.get(stage) is not None
            ]
        )
        self._comments(assessments, story)
        self._notifications(assessments)
        documents, links = demo_documents_load(
            province=self.province,
            specs=self.story["pemdi_2026"].get("documents", []),
            assessments=assessments,
            units=self.units,
            users=self.users,
            tz=WITA,
        )
        self.count("documents", documents)
        self.count("evidence_links", links)

    def _comments(self, assessments: dict[int, Assessment], story: _PemdiStory) -> None:
        """The review notes (as `review_return`/`review_accept` leave them) and the threads."""
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
                assessment=assessments[number], author=self.users[author], kind=kind, body=body
            )
            Comment.objects.filter(pk=comment.pk).update(created_at=_wita(when))
            self.count("comments")

    def _notifications(self, assessments: dict[int, Assessment]) -> None:
        """What the services told people on the way (`notify`, without e-mail): the asesor of
        each submission, the units' respondents of each return or approval. Only news still
        waiting for someone (a submission to review, a return to fix) is unread."""
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
                    self.count("notifications", len(made))


class _PemdiStory:
    """How the services would have left each Pemdi 2026 indicator, given its status: the
    respondent's claim (= the mandiri value) with FAKTA/ANALISIS, the submission, the asesor's
    review and the koordinator's decision, dated along the cycle's calendar (WITA)."""

    def __init__(self, story: dict, users: dict, framework: Framework):
        self.users = users
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
        return _PemdiStory.saved_at(n) + timedelta(minutes=25)

    def reviewed_at(self, n: int) -> datetime:
        if n in self.reviews:
            return _wita(self.reviews[n]["at"])
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
        fields: dict = {"claimed_value": Decimal(ind["mandiri"])}
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
            "reviewed_value": Decimal(review.get("value", ind["mandiri"])),
            "final_source": Assessment.FinalSource.RESPONDEN,
            "decided_by": self.users["koordinator"],
            "decided_at": self.decided_at(n),
        }

    def stage_value(self, assessment: Assessment, n: int, ind: dict, stage: str) -> StageValue:
        if stage == "mandiri":
            text = {} if n in self.external else self.explanations.get(n, {})
            if n in self.external:
                set_by, set_at = self.users["koordinator"], STAGE_DATES[2026]["mandiri"]
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


def _wita(when: str) -> datetime:
    return datetime.fromisoformat(when).replace(tzinfo=WITA)


def _spbe_cycle_name(year: int) -> str:
    return f"Evaluasi SPBE {year}"


def _pemdi_cycle_name(year: int) -> str:
    return f"Evaluasi Indeks Pemerintah Digital {year}"
