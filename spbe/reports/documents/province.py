"""The province report (PDF) for the pembina: the province and its kabupaten/kota side by
side for one year, with domains, the years before and the trend (the province page's data,
as the requester sees it)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.documents.words import date_long
from spbe.organizations.models import Instansi
from spbe.reports.documents.common import (
    DocumentError,
    logo_data_url,
    render_pdf,
    report_settings_of,
)
from spbe.reports.selectors.province import AVERAGE_LABEL, province_comparison, province_trend


def province_context(province: Instansi, *, year: int | None, user) -> dict:
    comparison = province_comparison(user=user, province=province, year=year)
    if comparison.year is None:
        raise DocumentError("Belum ada hasil terpublikasi untuk provinsi ini.")
    return {
        "c": comparison,
        "province": province,
        "trend": province_trend(comparison),
        "bars": [
            (row.instansi.short_name or row.instansi.name, row.point.index if row.point else None)
            for row in comparison.rows
        ],
        "avg_label": _(AVERAGE_LABEL),
        "logo": logo_data_url(report_settings_of(province)),
        "printed_on": date_long(timezone.localdate()),
    }


def province_pdf(province: Instansi, *, year: int | None, user) -> bytes:
    return render_pdf(
        "reports/documents/province.html", province_context(province, year=year, user=user)
    )
