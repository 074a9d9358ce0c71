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

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from spbe.audit.services import audit_record
from spbe.demo.accounts import (
    DemoAccount,
    demo_accounts,
    demo_grants_load,
    demo_people,
    demo_usernames,
    demo_users_load,
)
from spbe.demo.architecture import architecture_load, architecture_reset
from spbe.demo.data import (
    PEMDI,
    SPBE,
    STAGE_DATES,
    WITA,
    demo_cycle_names,
    demo_data,
    demo_document_titles,
    demo_story,
    pemdi_cycle_name,
    spbe_cycle_name,
)
from spbe.demo.evidence import demo_documents_delete, demo_documents_load
from spbe.demo.pemdi import PemdiStory, pemdi_comments, pemdi_notifications
from spbe.evaluations.models import Assessment, Cycle, StageValue
from spbe.frameworks.models import Framework
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from spbe.frameworks.stages import (
    assessor_stages,
    final_stage,
    recorded_stages,
    self_assessment_stage,
    stage_codes,
)
from spbe.official.history import history_load
from spbe.official.models import PublishedResult
from spbe.official.services import RESULT_ACTION
from spbe.organizations.models import Instansi, Unit


@dataclass
class DemoResult:
    province: Instansi
    accounts: list[DemoAccount]
    created: dict[str, int] = field(default_factory=dict)
    history_rows: int = 0

    @property
    def changed(self) -> bool:
        return any(self.created.values())


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
        people = demo_people(self.data)
        self.users, new_users = demo_users_load(people)
        new_grants = demo_grants_load(people, self.users, self.units, self.province)
        for what, n in (("users", new_users), ("grants", new_grants)):
            if n:  # as before the split: a step that created nothing is not listed
                self.count(what, n)
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
        year, framework = spec["year"], self.frameworks[SPBE]
        own, final = self_assessment_stage(framework).code, final_stage(framework).code
        # The story's assessors' notes are those of the first assessor stage (the documents).
        noted = assessor_stages(framework)[0].code
        cycle = self._new_cycle(
            framework=framework,
            name=spbe_cycle_name(year),
            year=year,
            kind=spec["kind"],
            state=Cycle.State.SELESAI,
            finalised_at=STAGE_DATES[year][final],
        )
        if cycle is None:
            return
        services = {int(k): v for k, v in (spec.get("services") or {}).items()}
        lead, asesor = self.units["diskominfo"], self.users["asesor"]
        numbers = range(1, len(spec[final]) + 1)
        assessments = self._assessments(
            cycle,
            {
                n: {
                    "lead_unit": lead,
                    "reviewer": asesor,
                    "status": Assessment.Status.DISETUJUI,
                    "subject_name": services.get(n, ""),
                    **self._spbe_claim(year, own, spec.get(own), n),
                }
                for n in numbers
            },
        )
        notes = self.story.get(f"spbe_{year}", {}).get(f"{noted}_notes", {})
        self._stage_values(
            [
                StageValue(
                    assessment=assessments[n],
                    stage=stage,
                    value=Decimal(levels[n - 1]),
                    notes=notes.get(n, "") if stage == noted else "",
                    set_by=self.users["koordinator"] if stage == own else asesor,
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

    def _spbe_claim(self, year: int, own: str, mandiri: list | None, number: int) -> dict:
        """A finished cycle with a self-assessment (stage `own`): the Diskominfo respondent
        claimed the mandiri level, the asesor accepted it and the koordinator kept it (as the
        services leave an indicator that went through the whole internal review)."""
        if not mandiri:
            return {}
        decided = STAGE_DATES[year][own]
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
            name=pemdi_cycle_name(year),
            year=year,
            kind=spec["kind"],
            state=spec["state"],
            self_assessment_due=date(year, 8, 29),
            review_due=date.fromisoformat(spec["due"]),
            external_values=dict(spec["external"]),
        )
        if cycle is None:
            return
        story = PemdiStory(self.story["pemdi_2026"], self.users, cycle.framework)
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
        if comments := pemdi_comments(assessments, story, self.users):
            self.count("comments", comments)
        self.count("notifications", pemdi_notifications(assessments))
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
