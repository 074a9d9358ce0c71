"""The national regional-planning nomenclature's dot-separated codes, checked by format:
program "2.16.02", kegiatan "2.16.02.1.01", sub-kegiatan "2.16.02.1.01.0001" (the urusan
digit may be "X" and the bidang "XX" for programs that support every urusan). Each level
must extend the one above it."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_U = r"(?:\d|X)\.(?:\d{2}|XX)"
PROGRAM = re.compile(rf"^{_U}\.\d{{2}}$")
ACTIVITY = re.compile(rf"^{_U}\.\d{{2}}\.\d\.\d{{2}}$")
SUB_ACTIVITY = re.compile(rf"^{_U}\.\d{{2}}\.\d\.\d{{2}}\.\d{{2,4}}$")


def code_errors(program: str, activity: str, sub_activity: str) -> dict[str, str]:
    """Field -> message for every code that is malformed or does not extend its parent."""
    errors = {}
    if not PROGRAM.match(program or ""):
        errors["program_code"] = _("Kode program harus berformat 2.16.02 (urusan.bidang.program).")
    if not ACTIVITY.match(activity or ""):
        errors["activity_code"] = _("Kode kegiatan harus berformat 2.16.02.1.01.")
    elif "program_code" not in errors and not activity.startswith(program + "."):
        errors["activity_code"] = _("Kode kegiatan harus diawali kode programnya.")
    if not SUB_ACTIVITY.match(sub_activity or ""):
        errors["sub_activity_code"] = _("Kode sub-kegiatan harus berformat 2.16.02.1.01.0001.")
    elif "activity_code" not in errors and not sub_activity.startswith(activity + "."):
        errors["sub_activity_code"] = _("Kode sub-kegiatan harus diawali kode kegiatannya.")
    return errors
