"""The demo: Pemerintah Provinsi Kalimantan Timur as the platform would look in November 2026.

`demo_load()` builds, from ``data/kaltim.yaml`` and the national tables:

- the national history (`spbe.evaluations.history.history_load`) and Kaltim's 2025 figure;
- Pemprov Kaltim, its 10 kabupaten/kota and its units (SKPD);
- demo accounts for every role, all with the password ``DEMO_PASSWORD``;
- the SPBE cycles 2023 and 2024 (finished, values per stage) and the current Pemdi 2026 cycle
  (interview stage under way: assignments, statuses, values, a few notes and comments).

Idempotent: existing rows are reused, never duplicated; an existing demo cycle is left as it
is (what people did while trying the demo survives a second `make run`). ``reset=True``
first deletes the demo cycles and the demo accounts, and only those: nothing else is touched
(units and instansi are updated in place, history rows are official data, not demo data).

The loader writes models directly (it is set-up, not a user action), in one transaction with
one audit event ``demo.loaded`` when anything changed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from spbe.audit.services import audit_record
from spbe.evaluations.history import history_load
from spbe.evaluations.models import Assessment, Comment, Cycle, PublishedResult, StageValue
from spbe.frameworks.models import Framework
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from spbe.organizations.models import Instansi, Role, RoleGrant, Unit

DATA_FILE = Path(__file__).resolve().parent / "data" / "kaltim.yaml"
DEMO_PASSWORD = "demo-spbe-2026"
EMAIL_DOMAIN = "demo.spbe-monev.test"
WITA = ZoneInfo("Asia/Makassar")
SPBE, PEMDI = "spbe-59-2020", "pemdi-8-2026"
SPBE_STAGES = ("mandiri", "dokumen", "interviu", "visitasi", "final")
PEMDI_STAGES = ("mandiri", "dokumen", "interviu")
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
    """Delete the demo cycles (with their assessments, values, comments) and demo accounts."""
    Cycle.objects.filter(instansi=province, name__in=demo_cycle_names(data)).delete()
    get_user_model().objects.filter(username__in=demo_usernames(data)).delete()


class _Loader:
    """The demo rows of one province, created where missing."""

    def __init__(self, data: dict, province: Instansi, frameworks: dict[str, Framework]):
        self.data, self.province, self.frameworks = data, province, frameworks
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
                }
                for n in numbers
            },
        )
        self._stage_values(
            [
                StageValue(
                    assessment=assessments[n],
                    stage=stage,
                    value=Decimal(levels[n - 1]),
                    set_by=asesor,
                    set_at=STAGE_DATES[year][stage],
                )
                for stage in SPBE_STAGES
                if (levels := spec.get(stage))
                for n in numbers
            ]
        )

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
        asesor, due = self.users["asesor"], date.fromisoformat(spec["due"])
        indicators = {int(n): ind for n, ind in spec["indicators"].items()}
        assessments = self._assessments(
            cycle,
            {
                n: {
                    "lead_unit": self.units[ind["lead"]],
                    "reviewer": asesor,
                    "due_date": due,
                    "status": ind["status"],
                    "review_note": REVIEW_NOTES.get(n, ""),
                    "reviewed_by": asesor if ind["status"] != "belum_diisi" else None,
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
                StageValue(
                    assessment=assessments[n],
                    stage=stage,
                    value=Decimal(ind[stage]),
                    fakta=NOTES.get((n, stage), ("", ""))[0],
                    analisis=NOTES.get((n, stage), ("", ""))[1],
                    set_by=self._setter(ind, stage),
                    set_at=STAGE_DATES[year][stage],
                )
                for n, ind in indicators.items()
                for stage in PEMDI_STAGES
                if ind.get(stage) is not None
            ]
        )
        self._comments(assessments)

    def _setter(self, indicator: dict, stage: str):
        if stage == "mandiri":
            return self.users.get(f"responden-{indicator['lead']}", self.users["koordinator"])
        return self.users["asesor"]

    def _comments(self, assessments: dict[int, Assessment]) -> None:
        for number, thread in COMMENTS.items():
            for author, when, body in thread:
                comment = Comment.objects.create(
                    assessment=assessments[number], author=self.users[author], body=body
                )
                Comment.objects.filter(pk=comment.pk).update(
                    created_at=datetime.fromisoformat(when).replace(tzinfo=WITA)
                )
                self.count("comments")


def _spbe_cycle_name(year: int) -> str:
    return f"Evaluasi SPBE {year}"


def _pemdi_cycle_name(year: int) -> str:
    return f"Evaluasi Indeks Pemerintah Digital {year}"


# -- the words of the demo story (illustrative) ------------------------------------------
# (indicator number, stage) → (fakta, analisis), as an assessor writes them in the worksheet.
NOTES: dict[tuple[int, str], tuple[str, str]] = {
    (1, "dokumen"): (
        "Tersedia Peraturan Gubernur Kalimantan Timur tentang Arsitektur SPBE Pemerintah "
        "Daerah Tahun 2023-2026 beserta lampiran peta rencana; berita acara reviu tahun 2025 "
        "belum diunggah.",
        "Kebijakan arsitektur sudah ditetapkan dan diterapkan pada sebagian perangkat daerah. "
        "Bukti reviu berkala belum ada, sehingga kriteria level 3 belum terpenuhi seluruhnya.",
    ),
    (1, "interviu"): (
        "Kepala Bidang Aplikasi Informatika menjelaskan reviu arsitektur dilakukan bersama "
        "Bappeda pada Maret 2026; notula rapat ditunjukkan saat interviu.",
        "Reviu sudah berjalan tetapi tindak lanjutnya belum terdokumentasi. Nilai dinaikkan "
        "sebagian menjadi 2,75.",
    ),
    (4, "dokumen"): (
        "Dokumen rencana induk pemerintah digital daerah dan SK Tim Koordinasi SPBE Nomor "
        "100.3.3.1/K.215/2025 diunggah.",
        "Perencanaan sudah terpadu lintas perangkat daerah; keselarasan dengan RPJMD 2025-2029 "
        "perlu ditunjukkan pada tahap interviu.",
    ),
    (9, "interviu"): (
        "Inspektorat menunjukkan laporan audit aplikasi umum berbagi pakai tahun 2025 dan "
        "rencana audit infrastruktur 2026.",
        "Audit sudah dilaksanakan namun belum mencakup seluruh aplikasi prioritas; level 2,50.",
    ),
    (13, "dokumen"): (
        "Pusat data provinsi telah bersertifikat ISO/IEC 27001; laporan pemanfaatan Pusat Data "
        "Nasional belum lengkap.",
        "Layanan pusat data berjalan terpadu untuk 38 perangkat daerah; integrasi dengan PDN "
        "perlu bukti lebih lanjut.",
    ),
    (16, "interviu"): (
        "BPKAD dan Biro PBJ menunjukkan integrasi SIPD dengan aplikasi pengadaan elektronik; "
        "data realisasi anggaran dapat ditarik harian.",
        "Integrasi perencanaan-penganggaran-pengadaan sudah berjalan tetapi belum dievaluasi. "
        "Nilai 2,50 dipertahankan.",
    ),
    (17, "interviu"): (
        "DPMPTSP memperagakan perizinan berusaha terintegrasi OSS-RBA dan layanan kesehatan "
        "rujukan daring dari Dinas Kesehatan.",
        "Layanan publik prioritas sudah terintegrasi dan dipantau kepuasannya; sebagian kriteria "
        "level 4 terpenuhi (3,25).",
    ),
}

REVIEW_NOTES = {
    3: "Lampirkan SK penetapan kebutuhan talenta digital dan hasil pemetaan kompetensi ASN 2026.",
    15: "Bukti evaluasi proses bisnis lintas perangkat daerah belum ada; mohon unggah hasil reviu.",
}

# indicator number → [(author, WITA time, text)]
COMMENTS: dict[int, list[tuple[str, str, str]]] = {
    3: [
        (
            "asesor",
            "2026-11-10T09:15",
            "Mohon dilengkapi SK Gubernur tentang kebutuhan talenta digital. Dokumen yang diunggah "
            "masih draf tanpa nomor dan tanggal.",
        ),
        (
            "responden-bkd",
            "2026-11-11T14:02",
            "Baik Bu, SK sedang ditandatangani di Biro Hukum. Kami unggah paling lambat Jumat "
            "bersama hasil pemetaan kompetensi dari BPSDM.",
        ),
        (
            "asesor",
            "2026-11-11T15:40",
            "Terima kasih. Sekalian cantumkan jumlah ASN yang sudah mengikuti pelatihan "
            "digital tahun ini.",
        ),
    ],
    15: [
        (
            "asesor",
            "2026-11-12T10:05",
            "Peta proses bisnis sudah ada, tetapi bukti reviu dan pemutakhirannya belum. Apakah "
            "ada berita acara reviu tahun 2026?",
        ),
        (
            "responden-biro-organisasi",
            "2026-11-13T08:47",
            "Reviu dilakukan September lalu bersama Diskominfo; berita acaranya kami unggah hari "
            "ini.",
        ),
    ],
    10: [
        (
            "responden-diskominfo",
            "2026-11-14T16:20",
            "Laporan penilaian IKAMI dan hasil uji penetrasi 2026 sudah kami ajukan, mohon "
            "direviu sebelum interviu.",
        ),
    ],
}
