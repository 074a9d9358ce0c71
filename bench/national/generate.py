"""Generate national data: 615 instansi (92 central, 38 provinces, 485 kabupaten/kota).

Per instansi: 40 units, 50 users of mixed roles, 5 yearly cycles (4 finished SPBE
evaluations, the current Pemdi one at the self-assessment), every indicator of each cycle's
framework with a value per stage (the stages read from `spbe.frameworks.stages`, never
listed here), 3 small evidence documents per indicator per cycle (one revision each, every
revision its own row; the PDF bytes are shared, one file per instansi, in MEDIA_ROOT), and
action items for the current cycle.

Rows go in with `bulk_create` in batches, a few instansi at a time, so memory stays bounded
whatever the scale. The data is benchmark data, written directly (not through the services:
no audit events, which would double the rows and the time without measuring anything).

    DATABASE_URL=... MEDIA_ROOT=... python -m bench.national.generate --scale 0.1
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

CENTRAL, PROVINCES, KABKOTA = 92, 38, 485
UNITS_PER_INSTANSI = 40
USERS_PER_INSTANSI = 50
EVIDENCE_PER_INDICATOR = 3
ACTION_ITEMS_PER_CYCLE = 8
#: Finished SPBE evaluations, then the current Pemdi cycle (the frameworks in force).
FINISHED_YEARS = (2022, 2023, 2024, 2025)
CURRENT_YEAR = 2026
SPBE, PEMDI = "spbe-59-2020", "pemdi-8-2026"
#: Instansi generated and written together (bounds memory: ~50k rows in flight).
INSTANSI_PER_CHUNK = 8
BATCH = 2000
PASSWORD = "nasional-2026"
EMAIL_DOMAIN = "nasional.spbe-monev.test"


@dataclass(frozen=True)
class Plan:
    """How many instansi of each kind a scale gives (at least one of each)."""

    central: int
    provinces: int
    kabkota: int

    @classmethod
    def at(cls, scale: float) -> Plan:
        return cls(
            central=max(1, round(CENTRAL * scale)),
            provinces=max(1, round(PROVINCES * scale)),
            kabkota=max(1, round(KABKOTA * scale)),
        )

    @property
    def total(self) -> int:
        return self.central + self.provinces + self.kabkota


def sample_pdf() -> bytes:
    from spbe.demo.pdf import text_pdf

    return text_pdf("Bukti dukung nasional", ["Dokumen contoh untuk uji skala nasional."])


class Generator:
    """Writes one national data set; `counts` says how many rows of each model it made."""

    def __init__(self, plan: Plan, *, seed: int = 2026):
        from django.contrib.auth.hashers import make_password

        from spbe.frameworks.models import Framework

        self.plan = plan
        self.random = random.Random(seed)
        self.counts: Counter[str] = Counter()
        # One hash for every account: hashing 30 750 passwords would dominate the run.
        self.password = make_password(PASSWORD)
        self.frameworks = {f.code: f for f in Framework.objects.filter(code__in=[SPBE, PEMDI])}
        missing = {SPBE, PEMDI} - set(self.frameworks)
        if missing:
            sys.exit(f"kerangka belum dimuat: {', '.join(sorted(missing))}")
        self.indicators = {
            code: list(f.indicators.order_by("order", "number"))
            for code, f in self.frameworks.items()
        }
        self.pdf = sample_pdf()
        self.pdf_hash = hashlib.sha256(self.pdf).hexdigest()

    # -- writing ----------------------------------------------------------------------------
    def _bulk(self, model, rows: list) -> list:
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        self.counts[model._meta.label] += len(rows)
        return created

    def run(self) -> None:
        from django.db import transaction

        from spbe.accounts.models import User

        with transaction.atomic():
            self._bulk(
                User,
                [
                    User(
                        username="admin-nasional",
                        password=self.password,
                        is_superuser=True,
                        is_staff=True,
                    )
                ],
            )
        provinces = self._instansi_kind_rows()
        for start in range(0, len(provinces), INSTANSI_PER_CHUNK):
            with transaction.atomic():
                self._fill(provinces[start : start + INSTANSI_PER_CHUNK])
        self._analyze()

    def _analyze(self) -> None:
        """Planner statistics, as a running database has them (autovacuum, or SQLite's
        `optimize`): right after a bulk load PostgreSQL has none and picks poor plans
        (measured: the dashboard's queries 210 ms before, 78 ms after)."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _instansi_kind_rows(self) -> list:
        """Every instansi, provinces first so kab/kota can point at them; saved by chunk."""
        from spbe.organizations.models import Instansi, InstansiKind

        provinces = self._bulk(
            Instansi,
            [
                Instansi(
                    name=f"Pemerintah Provinsi Nusantara {n + 1:02d}",
                    short_name=f"Prov. {n + 1:02d}",
                    kind=InstansiKind.PROVINSI,
                    code=f"P{n + 1:02d}",
                    instansi_key=f"nasional-prov-{n + 1:02d}",
                )
                for n in range(self.plan.provinces)
            ],
        )
        others = [
            Instansi(
                name=f"Kementerian/Lembaga Nasional {n + 1:03d}",
                short_name=f"K/L {n + 1:03d}",
                kind=InstansiKind.PUSAT,
                code=f"K{n + 1:03d}",
                instansi_key=f"nasional-kl-{n + 1:03d}",
            )
            for n in range(self.plan.central)
        ]
        for n in range(self.plan.kabkota):
            province = provinces[n % len(provinces)]
            kind = InstansiKind.KOTA if n % 5 == 0 else InstansiKind.KABUPATEN
            label = "Kota" if kind == InstansiKind.KOTA else "Kabupaten"
            others.append(
                Instansi(
                    name=f"Pemerintah {label} Nusantara {n + 1:03d}",
                    short_name=f"{label} {n + 1:03d}",
                    kind=kind,
                    code=f"D{n + 1:03d}",
                    instansi_key=f"nasional-kk-{n + 1:03d}",
                    province=province,
                )
            )
        return provinces + self._bulk(Instansi, others)

    def _fill(self, chunk: list) -> None:
        units = self._units(chunk)
        users = self._users(chunk, units)
        cycles = self._cycles(chunk)
        self._assessments(cycles, units, users)

    # -- units and people -------------------------------------------------------------------
    def _units(self, chunk: list) -> dict[int, list]:
        from spbe.organizations.models import Unit, UnitKind

        kinds = [k for k in UnitKind.values if k != UnitKind.OTHER]
        rows = []
        for instansi in chunk:
            rows.append(
                Unit(
                    instansi=instansi,
                    name="Dinas Komunikasi dan Informatika",
                    short_name="Diskominfo",
                    kind=UnitKind.DINAS,
                    is_coordinator=True,
                )
            )
            rows += [
                Unit(
                    instansi=instansi,
                    name=f"Unit Kerja {n:02d}",
                    short_name=f"Unit {n:02d}",
                    kind=kinds[n % len(kinds)],
                )
                for n in range(1, UNITS_PER_INSTANSI)
            ]
        by_instansi: dict[int, list] = {}
        for unit in self._bulk(Unit, rows):
            by_instansi.setdefault(unit.instansi_id, []).append(unit)
        return by_instansi

    def _role_of(self, instansi, n: int) -> tuple[str, bool]:
        """(role, granted on one unit) of the n-th person of an instansi: 1 koordinator,
        4 asesor, 3 pimpinan, 2 pembina on a province, the rest responden of a unit."""
        from spbe.organizations.models import InstansiKind, Role

        if n == 0:
            return Role.KOORDINATOR, False
        if n <= 4:
            return Role.ASESOR, False
        if n <= 7:
            return Role.PIMPINAN, False
        if n <= 9 and instansi.kind == InstansiKind.PROVINSI:
            return Role.PEMBINA, False
        return Role.RESPONDEN, True

    def _users(self, chunk: list, units: dict[int, list]) -> dict[int, dict[str, list]]:
        from spbe.accounts.models import User
        from spbe.organizations.models import RoleGrant

        people = []
        for instansi in chunk:
            for n in range(USERS_PER_INSTANSI):
                username = f"{instansi.code.lower()}-{n:02d}"
                people.append(
                    User(
                        username=username,
                        password=self.password,
                        first_name=f"Pegawai {n:02d}",
                        last_name=instansi.short_name,
                        email=f"{username}@{EMAIL_DOMAIN}",
                    )
                )
        created = iter(self._bulk(User, people))
        grants, by_role = [], {}
        for instansi in chunk:
            own = by_role.setdefault(instansi.pk, {})
            for n in range(USERS_PER_INSTANSI):
                user = next(created)
                role, on_unit = self._role_of(instansi, n)
                unit = units[instansi.pk][1 + n % (UNITS_PER_INSTANSI - 1)] if on_unit else None
                grants.append(RoleGrant(user=user, role=role, instansi=instansi, unit=unit))
                own.setdefault(role, []).append(user)
        self._bulk(RoleGrant, grants)
        return by_role

    # -- cycles -----------------------------------------------------------------------------
    def _cycles(self, chunk: list) -> list:
        from spbe.evaluations.models import Cycle

        rows = []
        for instansi in chunk:
            for year in FINISHED_YEARS:
                rows.append(
                    Cycle(
                        instansi=instansi,
                        framework=self.frameworks[SPBE],
                        year=year,
                        kind=Cycle.Kind.EVALUASI,
                        name=f"Evaluasi SPBE {year}",
                        state=Cycle.State.SELESAI,
                        predikat_basis="exact",
                    )
                )
            rows.append(
                Cycle(
                    instansi=instansi,
                    framework=self.frameworks[PEMDI],
                    year=CURRENT_YEAR,
                    kind=Cycle.Kind.EVALUASI,
                    name=f"Evaluasi Pemdi {CURRENT_YEAR}",
                    state=Cycle.State.MANDIRI,
                    self_assessment_due=date(CURRENT_YEAR, 7, 31),
                    review_due=date(CURRENT_YEAR, 9, 30),
                )
            )
        return self._bulk(Cycle, rows)

    def _stages_filled(self, cycle) -> list:
        """Every stage of a finished cycle; the self-assessment of the current one, which is
        at that stage (its respondents fill it in during the load test)."""
        from spbe.frameworks.stages import stages_of

        stages = [s for s in stages_of(cycle.framework) if not s.optional]
        return stages if cycle.is_locked else [s for s in stages if s.is_self_assessment]

    def _level(self, framework, around: int) -> Decimal:
        low, high = int(framework.value_min), int(framework.value_max)
        return Decimal(min(high, max(low, around + self.random.choice((-1, 0, 0, 1)))))

    def _assessments(self, cycles: list, units: dict[int, list], users: dict) -> None:
        from spbe.evaluations.models import Assessment, StageValue

        rows, plan = [], []
        for cycle in cycles:
            framework = cycle.framework
            people = users[cycle.instansi_id]
            own_units = units[cycle.instansi_id]
            for k, indicator in enumerate(self.indicators[framework.code]):
                base = self.random.randint(int(framework.value_min), int(framework.value_max))
                status = self._status(cycle, k)
                claimed = Decimal(base)
                rows.append(
                    Assessment(
                        cycle=cycle,
                        indicator=indicator,
                        lead_unit=own_units[1 + k % (UNITS_PER_INSTANSI - 1)],
                        reviewer=people["asesor"][k % len(people["asesor"])],
                        status=status,
                        claimed_value=claimed,
                        reviewed_value=claimed if status == Assessment.Status.DISETUJUI else None,
                        due_date=cycle.self_assessment_due,
                    )
                )
                plan.append((cycle, base))
        created = self._bulk(Assessment, rows)
        values = []
        for assessment, (cycle, base) in zip(created, plan, strict=True):
            for stage in self._stages_filled(cycle):
                values.append(
                    StageValue(
                        assessment=assessment,
                        stage=stage.code,
                        value=self._level(cycle.framework, base),
                        fakta="Fakta pendukung tersedia.",
                        analisis="Sesuai kriteria level.",
                    )
                )
        self._bulk(StageValue, values)
        del values
        self._evidence(created, units)
        self._action_items(cycles, units, users)

    def _status(self, cycle, k: int) -> str:
        from spbe.evaluations.models import Assessment

        if cycle.is_locked:
            return Assessment.Status.DISETUJUI
        statuses = list(Assessment.Status.values)
        return statuses[k % len(statuses)]

    # -- evidence ---------------------------------------------------------------------------
    def _instansi_file(self, instansi_id: int) -> str:
        """The shared PDF of one instansi, written once (relative to MEDIA_ROOT)."""
        from django.conf import settings

        name = f"bukti/{instansi_id}/nasional-contoh.pdf"
        path = Path(settings.MEDIA_ROOT) / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.pdf)
        return name

    def _evidence(self, assessments: list, units: dict[int, list]) -> None:
        from django.db.models import OuterRef, Subquery

        from spbe.evaluations.models import EvidenceLink
        from spbe.evidence.models import Document, DocumentRevision

        for start in range(0, len(assessments), BATCH // EVIDENCE_PER_INDICATOR):
            part = assessments[start : start + BATCH // EVIDENCE_PER_INDICATOR]
            docs, owners = [], []
            for a in part:
                instansi_id = a.cycle.instansi_id
                for n in range(EVIDENCE_PER_INDICATOR):
                    docs.append(
                        Document(
                            instansi_id=instansi_id,
                            owner_unit_id=a.lead_unit_id,
                            kind=Document.Kind.LAPORAN,
                            title=f"Bukti {a.indicator.code} {a.cycle.year} ({n + 1})",
                            document_date=date(a.cycle.year, 3, 1) + timedelta(days=n),
                        )
                    )
                    owners.append(a)
            docs = self._bulk(Document, docs)
            revisions = [
                DocumentRevision(
                    document=doc,
                    number=1,
                    file=self._instansi_file(doc.instansi_id),
                    original_name=f"bukti-{doc.pk}.pdf",
                    safe_name=f"bukti-{doc.pk}.pdf",
                    sha256=self.pdf_hash,
                    size=len(self.pdf),
                    detected_kind="pdf",
                    mime_type="application/pdf",
                    text_status=DocumentRevision.TextStatus.DONE,
                )
                for doc in docs
            ]
            self._bulk(DocumentRevision, revisions)
            Document.objects.filter(pk__in=[d.pk for d in docs]).update(
                current_revision=Subquery(
                    DocumentRevision.objects.filter(document=OuterRef("pk")).values("pk")[:1]
                )
            )
            self._bulk(
                EvidenceLink,
                [
                    EvidenceLink(
                        assessment=a,
                        document=doc,
                        level=max(1, int(a.claimed_value or 1)),
                    )
                    for a, doc in zip(owners, docs, strict=True)
                ],
            )

    def _action_items(self, cycles: list, units: dict[int, list], users: dict) -> None:
        from spbe.planning.models import ActionItem

        statuses = list(ActionItem.Status.values)
        rows = []
        for cycle in (c for c in cycles if not c.is_locked):
            indicators = self.indicators[cycle.framework.code]
            people = users[cycle.instansi_id]["responden"]
            for n in range(ACTION_ITEMS_PER_CYCLE):
                rows.append(
                    ActionItem(
                        cycle=cycle,
                        indicator=indicators[n * 5 % len(indicators)],
                        from_value=Decimal(2),
                        target_value=Decimal(3),
                        description=f"Rencana aksi {n + 1}: menyusun dokumen pendukung.",
                        owner_unit=units[cycle.instansi_id][1 + n],
                        owner_person=people[n % len(people)],
                        due_date=date(CURRENT_YEAR, 10, 1) + timedelta(days=20 * n),
                        status=statuses[n % len(statuses)],
                        budget_estimate=Decimal(25_000_000 * (n + 1)),
                    )
                )
        self._bulk(ActionItem, rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 615 instansi")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection

    plan = Plan.at(args.scale)
    started = time.perf_counter()
    generator = Generator(plan)
    generator.run()
    elapsed = time.perf_counter() - started
    print(
        f"\nGenerated scale {args.scale} on {connection.vendor}: {plan.total} instansi "
        f"({plan.central} pusat, {plan.provinces} provinsi, {plan.kabkota} kab/kota) "
        f"in {elapsed:.1f} s"
    )
    total = 0
    for label, count in sorted(generator.counts.items()):
        print(f"  {label:<32} {count:>10,}")
        total += count
    print(f"  {'total rows':<32} {total:>10,}  ({total / elapsed:,.0f} rows/s)")


if __name__ == "__main__":
    main()
