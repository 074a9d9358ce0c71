"""The demo's SPBE architecture inventory and ICT budget (made up, marked as such) from
``data/kaltim-arsitektur.yaml``. Idempotent: rows are found by name and left as they are;
`architecture_reset` removes exactly the rows named in the file (and their decisions)."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from spbe.budget.models import BudgetItem
from spbe.frameworks.models import Framework, Indicator
from spbe.inventory.models import (
    Application,
    BusinessProcess,
    DataSet,
    DuplicateDecision,
    Infrastructure,
    SecurityControl,
    Service,
)
from spbe.organizations.models import Instansi, Unit

DATA_FILE = Path(__file__).resolve().parent / "data" / "kaltim-arsitektur.yaml"
SPBE = "spbe-59-2020"


def architecture_data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def _date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


class _Architecture:
    def __init__(self, province: Instansi, units: dict[str, Unit]):
        self.province, self.units, self.data = province, units, architecture_data()
        self.marker = self.data["marker"]
        self.created = {"inventaris": 0, "belanja TIK": 0}

    def _item(self, model, name: str, unit: str, **fields):
        _obj, made = model.objects.get_or_create(
            instansi=self.province,
            owner_unit=self.units[unit],
            name=name,
            defaults={"description": self.marker, **fields},
        )
        self.created["inventaris"] += int(made)
        return _obj

    def run(self) -> None:
        d = self.data
        for a in d["applications"]:
            self._item(
                Application,
                a["name"],
                a["unit"],
                function=a["function"],
                kind=a["kind"],
                origin=a.get("origin", "lokal"),
                media=a["media"],
                hosting=a["hosting"],
                integration=a["integration"],
                status=a["status"],
                year_built=a.get("year"),
                last_security_audit=_date(a.get("audit")),
                contract_value=a.get("value"),
                funding_source="APBD" if a.get("value") else "",
            )
        for i in d["infrastructure"]:
            self._item(
                Infrastructure,
                i["name"],
                i["unit"],
                kind=i["kind"],
                location=i.get("location", ""),
                capacity=i.get("capacity", ""),
            )
        for s in d["services"]:
            self._item(Service, s["name"], s["unit"], kind=s["kind"])
        for x in d["datasets"]:
            self._item(
                DataSet,
                x["name"],
                x["unit"],
                walidata_unit=self.units[x["walidata"]],
                openness=x["openness"],
            )
        for b in d["business_processes"]:
            self._item(BusinessProcess, b["name"], b["unit"], sector=b["sector"])
        for c in d["security"]:
            self._item(
                SecurityControl,
                c["name"],
                c["unit"],
                kind=c["kind"],
                standard=c.get("standard", ""),
                last_reviewed=_date(c.get("reviewed")),
            )
        self._decisions()
        self._budget()

    def _decisions(self) -> None:
        apps = {a.name: a for a in Application.objects.filter(instansi=self.province)}
        for spec in self.data["decisions"]:
            first, second = sorted((apps[spec["a"]], apps[spec["b"]]), key=lambda a: a.pk)
            DuplicateDecision.objects.get_or_create(
                instansi=self.province,
                first=first,
                second=second,
                defaults={
                    "verdict": spec["verdict"],
                    "keep": apps[spec["keep"]],
                    "note": spec["note"],
                },
            )

    def _budget(self) -> None:
        spec = self.data["budget"]
        framework = Framework.objects.filter(code=SPBE).order_by("-version").first()
        indicators = {i.code: i for i in Indicator.objects.filter(framework=framework)}
        for row in spec["items"]:
            consulted = row.get("consulted") or {}
            item, made = BudgetItem.objects.get_or_create(
                instansi=self.province,
                unit=self.units[row["unit"]],
                fiscal_year=spec["year"],
                sub_activity_code=row["sub"],
                description=row["description"],
                defaults={
                    "program_code": row["program"],
                    "activity_code": row["activity"],
                    "builds_application": row.get("builds", ""),
                    "category": row["category"],
                    "amount": row["amount"],
                    "funding_source": "APBD",
                    "consultation_date": _date(consulted.get("date")),
                    "consultation_outcome": consulted.get("outcome", ""),
                    "consultation_note": consulted.get("note", self.marker if consulted else ""),
                },
            )
            if made:
                item.indicators.set([indicators[c] for c in row.get("indicators", [])])
                self.created["belanja TIK"] += 1


def architecture_load(province: Instansi, units: dict[str, Unit]) -> dict[str, int]:
    """Create the demo inventory and budget rows that are missing; counts of what was made."""
    loader = _Architecture(province, units)
    loader.run()
    return loader.created


def architecture_reset(province: Instansi) -> None:
    """Delete exactly the demo rows named in the data file (nothing a person added)."""
    d = architecture_data()
    names = {
        Application: [a["name"] for a in d["applications"]],
        Infrastructure: [i["name"] for i in d["infrastructure"]],
        Service: [s["name"] for s in d["services"]],
        DataSet: [x["name"] for x in d["datasets"]],
        BusinessProcess: [b["name"] for b in d["business_processes"]],
        SecurityControl: [c["name"] for c in d["security"]],
    }
    BudgetItem.objects.filter(
        instansi=province,
        fiscal_year=d["budget"]["year"],
        description__in=[r["description"] for r in d["budget"]["items"]],
    ).delete()
    apps = Application.objects.filter(instansi=province, name__in=names[Application])
    DuplicateDecision.objects.filter(instansi=province, first__in=apps).delete()
    for model, wanted in names.items():
        model.objects.filter(instansi=province, name__in=wanted, description=d["marker"]).delete()
