"""Checks the `stages` block of a framework file (docs/framework-format.md, "Tahap").

Kept beside validation.py, which calls it, so the stage rules read as one page. The rules
are what the rest of the code relies on through spbe.frameworks.stages: one self-assessment
stage first, one final stage last, assessor stages between, unique short codes.
"""

from __future__ import annotations

import re
from typing import Any

ROLES = ("self_assessment", "assessor", "final")
LATEST_COMPLETE = "latest_complete"
# StageValue.stage is a 16-character column; codes also appear in URLs and JSON keys.
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,15}$")


def check_stages(c, value: Any) -> list[dict]:
    """The normalised stage list: [{code, name, name_en, role, optional}], in file order."""
    stages = []
    for n, item in enumerate(c.sequence(value, "stages"), start=1):
        where = f"stages #{n}"
        if not isinstance(item, dict):
            c.add(f"{where}: harus berupa pemetaan (code, name, role)")
            continue
        stages.append(_check_stage(c, item, where))
    if value is not None and not stages:
        c.add("stages: minimal satu tahap")
    _check_stage_order(c, stages)
    return stages


def check_planning_base(c, value: Any, stages: list[dict]) -> str:
    """`latest_complete` (the default) or the code of one of the stages."""
    if value is None:
        return LATEST_COMPLETE
    base = c.text(value, "planning_base")
    codes = [s["code"] for s in stages]
    if base and base != LATEST_COMPLETE and base not in codes:
        c.add(
            f"planning_base: '{base}' bukan '{LATEST_COMPLETE}' "
            f"atau kode tahap ({', '.join(codes)})"
        )
    return base or LATEST_COMPLETE


def _check_stage(c, item: dict, where: str) -> dict:
    for key in item:
        if key not in ("code", "name", "name_en", "role", "optional"):
            c.add(f"{where}: kunci '{key}' tidak dikenal")
    code = c.text(item.get("code"), f"{where} code")
    if code and not CODE_PATTERN.match(code):
        c.add(f"{where}: kode '{code}' harus huruf kecil/angka, paling panjang 16 karakter")
    role = c.text(item.get("role"), f"{where} role")
    if role and role not in ROLES:
        c.add(f"{where}: role '{role}' tidak dikenal ({', '.join(ROLES)})")
    optional = item.get("optional", False)
    if not isinstance(optional, bool):
        c.add(f"{where}: optional harus true atau false")
        optional = False
    return {
        "code": code,
        "name": c.text(item.get("name"), f"{where} name"),
        "name_en": c.text(item.get("name_en"), f"{where} name_en", required=False),
        "role": role,
        "optional": optional,
    }


def _check_stage_order(c, stages: list[dict]) -> None:
    if not stages:
        return
    codes = [s["code"] for s in stages]
    for code in sorted({x for x in codes if x and codes.count(x) > 1}):
        c.add(f"stages: kode '{code}' dipakai lebih dari sekali")
    roles = [s["role"] for s in stages]
    if roles.count("self_assessment") != 1 or roles[0] != "self_assessment":
        c.add("stages: harus ada tepat satu tahap role self_assessment, sebagai tahap pertama")
    if roles.count("final") != 1 or roles[-1] != "final":
        c.add("stages: harus ada tepat satu tahap role final, sebagai tahap terakhir")
    for s in stages:
        if s["optional"] and s["role"] != "assessor":
            c.add(f"stages: hanya tahap asesor yang boleh optional ('{s['code']}')")
