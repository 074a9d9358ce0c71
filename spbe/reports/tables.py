"""Report tables as exports (spbe.core.exports): points lost and the unit ranking, from the
same selectors and figures as their pages."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from spbe.core.exports import Column


def _places(figures) -> int:
    return 0 if figures.spec.value_kind == "integer" else 2


def points_lost_export(figures, rows) -> tuple[list[Column], list[dict]]:
    """The points-lost table (`points_lost_table`): weight and points as exact numbers."""
    columns = [
        Column("code", _("Kode"), 8),
        Column("indicator", _("Indikator"), 40),
        Column("domain", _("Domain"), 10),
        Column("aspect", _("Aspek"), 30),
        Column("weight", _("Bobot (persen)"), 10, places=2),
        Column("level", _("Level"), 9, places=_places(figures)),
        Column("no_value", _("Belum bernilai"), 12),
        Column("points", _("Poin hilang"), 12, places=4),
        Column("lead_unit", _("Unit penanggung jawab"), 30),
        Column("evidence_missing", _("Kekurangan bukti"), 50),
    ]
    data = [
        {
            "code": p.row.code,
            "indicator": p.row.short_name,
            "domain": p.row.domain_code,
            "aspect": p.row.aspect_name,
            "weight": p.row.weight,
            "level": p.value,
            "no_value": p.missing,
            "points": p.points,
            "lead_unit": p.row.lead_unit.name if p.row.lead_unit else "",
            "evidence_missing": "; ".join(p.row.evidence_missing),
        }
        for p in rows
    ]
    return columns, data


def unit_ranking_export(cards) -> tuple[list[Column], list[dict]]:
    """The unit ranking of the unit page: completion (%) of the indicators each unit leads,
    highest first, as the page's bar chart ranks them."""
    columns = [
        Column("rank", _("Peringkat"), 10),
        Column("unit", _("Unit"), 40),
        Column("lead", _("Indikator dipimpin"), 12),
        Column("done", _("Sudah diajukan"), 12),
        Column("completion", _("Kelengkapan (persen)"), 14, places=1),
        Column("overdue", _("Lewat batas waktu"), 14),
        Column("gaps", _("Kurang dokumen"), 14),
    ]
    ranked = sorted(
        (card for card in cards if card.completion is not None),
        key=lambda card: (-card.completion, card.unit.name),
    )
    data = [
        {
            "rank": rank,
            "unit": card.unit.name,
            "lead": len(card.lead),
            "done": card.done,
            "completion": card.completion.quantize(Decimal("0.1")),
            "overdue": len(card.overdue),
            "gaps": len(card.gaps),
        }
        for rank, card in enumerate(ranked, start=1)
    ]
    return columns, data
