"""The application spreadsheet: template columns, the header names other spreadsheets use for
them (the Denpasar inventory among them), and how each cell is read."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.core.numbers import NumberParseError, parse_rupiah
from spbe.inventory.models import Application

# Template column -> application field. The template is also the export's layout.
TEMPLATE_COLUMNS: dict[str, str] = {
    "nama_aplikasi": "name",
    "unit_pemilik": "owner_unit",
    "unit_pengembang": "developer_unit",
    "unit_pengguna": "user_units",
    "fungsi": "function",
    "jenis": "kind",
    "asal": "origin",
    "media": "media",
    "status": "status",
    "tautan": "url",
    "tahun_pembuatan": "year_built",
    "hosting": "hosting",
    "lokasi_server": "hosting_note",
    "integrasi": "integration",
    "keterangan_integrasi": "integration_note",
    "audit_keamanan_terakhir": "last_security_audit",
    "nilai_kontrak": "contract_value",
    "sumber_dana": "funding_source",
    "penyedia": "vendor",
    "versi": "version",
    "basis_data": "database",
    "bahasa_pemrograman": "language",
    "dasar_hukum": "legal_basis",
    "pengguna_publik": "public_users",
}
# Other header names seen in regional inventories (normalised: lower case, "_" for spaces).
ALIASES: dict[str, str] = {
    "nama": "name",
    "nama_aplikasi": "name",
    "opd_pemilik": "owner_unit",
    "pemilik": "owner_unit",
    "opd_pengembang": "developer_unit",
    "opd_pengguna": "user_units",
    "klasifikasi": "kind",
    "kategori": "origin",
    "vendor": "vendor",
    "judul_kontrak": None,
    "terintegrasi": "integration",
    "info_integrasi": "integration_note",
    "tahun_dibangun": "year_built",
}
FIELD_LABELS = {
    "name": _("nama aplikasi"),
    "owner_unit": _("unit pemilik"),
    "developer_unit": _("unit pengembang"),
    "user_units": _("unit pengguna"),
}
REQUIRED = {"name"}
ALL_UNITS = {"seluruh perangkat daerah", "seluruh pd", "semua opd", "semua unit", "seluruh opd"}
EMPTY = {"", "-", "--", "0", "belum ada", "tidak ada", "n/a"}

STATUS = {
    "aktif": Application.Status.OPERASIONAL,
    "operasional": Application.Status.OPERASIONAL,
    # "naktif" is how the Denpasar monitoring database spells "non-aktif".
    "naktif": Application.Status.TIDAK_AKTIF,
    "nonaktif": Application.Status.TIDAK_AKTIF,
    "non aktif": Application.Status.TIDAK_AKTIF,
    "tidak aktif": Application.Status.TIDAK_AKTIF,
    "perencanaan": Application.Status.PERENCANAAN,
    "pengembangan": Application.Status.PENGEMBANGAN,
    "dihentikan": Application.Status.DIHENTIKAN,
}
MEDIA = {
    "website": "website",
    "web": "website",
    "mobile": "mobile",
    "android": "mobile",
    "desktop": "desktop",
    "dekstop": "desktop",
    "lainnya": "lainnya",
}
KIND = {"umum": "umum", "khusus": "khusus"}
ORIGIN = {"lokal": "lokal", "daerah": "lokal", "pusat": "pusat", "nasional": "pusat"}
INTEGRATION = {
    "sudah": Application.Integration.API,
    "ya": Application.Integration.API,
    "api": Application.Integration.API,
    "spl": Application.Integration.SPL,
    "sistem penghubung layanan": Application.Integration.SPL,
    "belum": Application.Integration.NONE,
    "tidak": Application.Integration.NONE,
}
YES = {"ya", "y", "yes", "true", "1", "x", "sudah"}


def normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", (text or "").lower()).strip("_")


def auto_mapping(header: list[str]) -> dict[int, str]:
    """Column index -> field for the columns recognised by name (template or alias)."""
    found: dict[int, str] = {}
    for index, text in enumerate(header):
        key = normalise_header(text)
        field = TEMPLATE_COLUMNS.get(key) or ALIASES.get(key)
        if field and field not in found.values():
            found[index] = field
    return found


class CellError(ValueError):
    """A cell that cannot be read; the message is for the person fixing the file."""


def _choice(table: dict, value: str, what: str):
    key = value.strip().lower()
    if key in EMPTY:
        return None
    if key in table:
        return table[key]
    raise CellError(
        _("%(what)s '%(value)s' tidak dikenal; pilihan: %(choices)s")
        % {"what": what, "value": value, "choices": ", ".join(sorted(set(table)))}
    )


def read_rupiah(value: str) -> int | None:
    """An exact integer Rupiah: "150.000.000", "Rp 150.000.000,00", "150000000" (read by
    the one Rupiah parser, `core.numbers.parse_rupiah`); empty markers are no value."""
    if value.strip().lower() in EMPTY - {"0"}:
        return None
    try:
        amount = parse_rupiah(value)
    except NumberParseError:
        amount = None
    if amount is None or amount < 0:  # a negative amount is a typing slip, not a contract
        raise CellError(
            _("'%(value)s' bukan nilai Rupiah (contoh: 150.000.000)") % {"value": value}
        )
    return amount


def read_year(value: str) -> int | None:
    text = value.strip()
    if text.lower() in EMPTY:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise CellError(_("'%(value)s' bukan tahun (contoh: 2019)") % {"value": value})
    year = int(text)
    if not 1980 <= year <= timezone.localdate().year + 1:
        raise CellError(_("tahun %(year)s di luar rentang yang masuk akal") % {"year": year})
    return year


def read_date(value: str):
    """ISO dates ("2024-03-01", with or without time) and Indonesian "01/03/2024"."""
    import datetime

    text = value.strip()
    if text.lower() in EMPTY:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            day = datetime.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
        if day > timezone.localdate():
            raise CellError(_("tanggal %(value)s di masa depan") % {"value": text})
        return day
    raise CellError(_("'%(value)s' bukan tanggal (contoh: 2024-03-01)") % {"value": value})


def read_hosting(value: str) -> tuple[str, str]:
    """(hosting choice, note): free-text server locations are kept as the note."""
    text = value.strip()
    low = text.lower()
    if low in EMPTY:
        return "", ""
    for key, choice in (
        ("pusat data nasional", Application.Hosting.PDN),
        ("pdn", Application.Hosting.PDN),
        ("cloud", Application.Hosting.CLOUD),
        ("pusat data", Application.Hosting.PUSAT_DATA_DAERAH),
        ("data center", Application.Hosting.PUSAT_DATA_DAERAH),
        ("on-premise", Application.Hosting.ON_PREMISE),
        ("on_premise", Application.Hosting.ON_PREMISE),
    ):
        if key in low:
            return choice, text
    return "", text


def _hosting_choice(value: str) -> str:
    if value.strip() in Application.Hosting.values:
        return value.strip()
    return read_hosting(value)[0]


def read_text(value: str) -> str:
    text = value.strip()
    return "" if text in {"-", "--"} else text


def read_cell(field: str, value: str):
    """The value of one cell for `field` (units are resolved later, by name)."""
    readers = {
        "status": lambda v: _choice(STATUS, v, _("status")) or Application.Status.OPERASIONAL,
        "media": lambda v: _choice(MEDIA, v, _("media")) or Application.Media.LAINNYA,
        "kind": lambda v: _choice(KIND, v, _("jenis")) or Application.Kind.KHUSUS,
        "origin": lambda v: _choice(ORIGIN, v, _("asal")) or Application.Origin.LOKAL,
        "integration": lambda v: _choice(INTEGRATION, v, _("integrasi")) or "",
        "hosting": _hosting_choice,
        "year_built": read_year,
        "last_security_audit": read_date,
        "contract_value": read_rupiah,
        "public_users": lambda v: v.strip().lower() in YES,
    }
    return readers.get(field, read_text)(value)
