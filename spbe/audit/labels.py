"""What an audit event says, in words: a label per action code, per well-known field, and
the ids in recorded changes resolved to names (units, people, indicators).

Only the display: the stored event stays as recorded (code, raw old/new values), and so
does the CSV export, which adds the label as a column. An unknown code or field shows as
recorded, so a new action is readable (if terse) before it gets a label here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from spbe.audit.models import AuditEvent

ACTION_LABELS = {
    "assessment.accepted": _("Asesor menyetujui level"),
    "assessment.assigned": _("Penugasan indikator diubah"),
    "assessment.decided": _("Nilai akhir indikator diputuskan"),
    "assessment.returned": _("Indikator dikembalikan untuk diperbaiki"),
    "assessment.reviewed_level": _("Asesor menetapkan level reviu"),
    "assessment.saved": _("Penilaian mandiri disimpan"),
    "assessment.submitted": _("Penilaian mandiri diajukan"),
    "comment.added": _("Komentar ditambahkan"),
    "cycle.created": _("Siklus evaluasi dibuat"),
    "cycle.deadlines_changed": _("Batas waktu siklus diubah"),
    "cycle.finalised": _("Siklus evaluasi diselesaikan"),
    "cycle.reopened": _("Siklus evaluasi dibuka kembali"),
    "cycle.state_changed": _("Tahap siklus diubah"),
    "demo.loaded": _("Data demo dimuat"),
    "evidence.document_archived": _("Dokumen bukti diarsipkan"),
    "evidence.document_created": _("Dokumen bukti ditambahkan"),
    "evidence.document_restored": _("Dokumen bukti dipulihkan dari arsip"),
    "evidence.document_updated": _("Data dokumen bukti diubah"),
    "evidence.linked": _("Dokumen bukti ditautkan ke indikator"),
    "evidence.revision_uploaded": _("Revisi dokumen bukti diunggah"),
    "evidence.unlinked": _("Tautan dokumen bukti dilepas"),
    "framework.loaded": _("Kerangka evaluasi dimuat"),
    "import.history": _("Riwayat indeks diimpor"),
    "import.official_preview": _("Hasil resmi dipratinjau"),
    "import.official_result": _("Hasil resmi diterapkan"),
    "import.units": _("Unit diimpor"),
    "import.users": _("Pengguna diimpor"),
    "planning.action_item_created": _("Rencana aksi dibuat"),
    "planning.action_item_deleted": _("Rencana aksi dihapus"),
    "planning.action_item_updated": _("Rencana aksi diubah"),
    "planning.target_set": _("Target indeks ditetapkan"),
    "published_result.created": _("Hasil terpublikasi dicatat"),
    "published_result.replaced": _("Hasil terpublikasi diganti"),
    "role.granted": _("Peran diberikan"),
    "role.revoked": _("Peran dicabut"),
    "stage_value.set": _("Nilai tahap diisi"),
    "stage_values.bulk_set": _("Nilai tahap diisi sekaligus"),
    "token.created": _("Token API dibuat"),
    "token.revoked": _("Token API dicabut"),
    "unit.activated": _("Unit diaktifkan"),
    "unit.created": _("Unit dibuat"),
    "unit.deactivated": _("Unit dinonaktifkan"),
    "unit.updated": _("Unit diubah"),
    "user.created": _("Akun pengguna dibuat"),
    "user.disabled": _("Akun pengguna dinonaktifkan"),
    "user.enabled": _("Akun pengguna diaktifkan"),
    "user.password_changed": _("Kata sandi diganti"),
    "user.password_reset": _("Kata sandi diatur ulang"),
    "user.updated": _("Akun pengguna diubah"),
}

FIELD_LABELS = {
    "base_stage": _("tahap dasar"),
    "budget_estimate": _("perkiraan anggaran"),
    "contributing_units": _("unit kontributor"),
    "description": _("uraian"),
    "due_date": _("batas waktu"),
    "effort": _("usaha"),
    "efforts": _("usaha dan biaya per langkah"),
    "frozen": _("indikator yang tidak dapat naik"),
    "from_value": _("level awal"),
    "indicator": _("indikator"),
    "lead_unit": _("unit penanggung jawab"),
    "max_steps": _("kenaikan maksimum per indikator"),
    "owner_person": _("penanggung jawab"),
    "owner_unit": _("unit pelaksana"),
    "progress_notes": _("catatan kemajuan"),
    "review_due": _("batas reviu internal"),
    "reviewer": _("asesor"),
    "self_assessment_due": _("batas penilaian mandiri"),
    "status": _("status"),
    "target_index": _("target indeks"),
    "target_value": _("level target"),
}

#: Fields whose recorded values are ids of these models ("unit", "user", "indicator").
ID_FIELDS = {
    "contributing_units": "unit",
    "lead_unit": "unit",
    "owner_unit": "unit",
    "unit": "unit",
    "owner_person": "user",
    "reviewer": "user",
    "user": "user",
    "indicator": "indicator",
}

_ID_LIST = re.compile(r"^\[\s*(\d+(?:\s*,\s*\d+)*)?\s*\]$")
EMPTY = "—"


def action_label(code: str) -> str:
    """The label of an action code; the code itself when it has none."""
    return str(ACTION_LABELS.get(code, code))


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


@dataclass(frozen=True)
class ChangeRow:
    field: str  # as recorded
    label: str
    old: str
    new: str


def _ids(value) -> list[int] | None:
    """The ids a recorded value holds (3, "3", [19], "[19]", "[1, 2]"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return [value]
    if isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        return list(value)
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return [int(text)]
        match = _ID_LIST.match(text)
        if match:
            return [int(n) for n in re.findall(r"\d+", match.group(1) or "")]
    return None


# kind -> resolver({ids}) -> {id: name}. Audit imports no app: the apps that own units and
# indicators register theirs from their AppConfig.ready (`register_names`).
_NAME_RESOLVERS: dict[str, Callable[[set[int]], dict[int, str]]] = {}


def register_names(kind: str, resolver: Callable[[set[int]], dict[int, str]]) -> None:
    """Let the app that owns `kind` ("unit", "indicator", ...) turn recorded ids into names."""
    _NAME_RESOLVERS[kind] = resolver


def _user_names(ids: set[int]) -> dict[int, str]:
    return {user.pk: user.display_name for user in get_user_model().objects.filter(pk__in=ids)}


def _names(wanted: dict[str, set[int]]) -> dict[str, dict[int, str]]:
    """id → name per kind: one query per kind that has ids (unresolved kinds show "#id")."""
    resolvers = {"user": _user_names, **_NAME_RESOLVERS}
    return {kind: resolvers[kind](ids) for kind, ids in wanted.items() if ids and kind in resolvers}


def _show(value, kind: str | None, names: dict[str, dict[int, str]]) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    ids = _ids(value) if kind else None
    if ids is None:
        return str(value)
    if not ids:
        return EMPTY
    found = names.get(kind, {})
    return ", ".join(found.get(pk, f"#{pk}") for pk in ids)


def describe_events(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """The events with `action_label` and `change_rows` (old/new made readable) set, ids of
    units, people and indicators resolved to names in at most 3 queries for all of them."""
    events = list(events)
    wanted: dict[str, set[int]] = defaultdict(set)
    for event in events:
        for name, pair in _pairs(event):
            kind = ID_FIELDS.get(name)
            if kind:
                for value in pair:
                    wanted[kind].update(_ids(value) or ())
    names = _names(wanted)
    for event in events:
        event.action_label = action_label(event.action)
        event.change_rows = [
            ChangeRow(
                field=name,
                label=field_label(name),
                old=_show(pair[0], ID_FIELDS.get(name), names),
                new=_show(pair[1], ID_FIELDS.get(name), names),
            )
            for name, pair in _pairs(event)
        ]
    return events


def _pairs(event: AuditEvent):
    for name, pair in (event.changes or {}).items():
        if isinstance(pair, list) and len(pair) == 2:
            yield name, pair
