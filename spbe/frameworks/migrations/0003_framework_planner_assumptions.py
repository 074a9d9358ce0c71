"""Framework files state the target planner's assumptions (`planner:`); versions loaded before
get them from the shipped file of the same URN and version.

A loaded version is immutable, so instead of reloading it the block is copied onto its row.
When the shipped file differs from the stored content only by keys added after the first
schema (this one, and any other block added since), the stored content hash moves to the
shipped file's, so `spbe framework load --shipped` still sees "unchanged".
"""

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import migrations, models

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# The top-level keys of a framework file when frameworks/0001 was written (history: do not edit).
FIRST_SCHEMA_KEYS = {
    "urn", "code", "version", "name", "short_name", "legal_basis", "status",
    "criteria_status", "value_kind", "value_min", "value_max", "predikat_basis", "bands",
    "ladders", "aspects", "indicators", "predikat_basis_by_year", "notes", "band_boundary",
    "domains", "evidence_kinds", "evidence_rules", "external_indices",
}


def _sha256(data) -> str:
    # Same canonical form as spbe.frameworks.loader.content_sha256 at the time of writing.
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _planner_block(data) -> dict:
    block = data.get("planner") or {}
    return {
        "max_steps_per_cycle": block.get("max_steps_per_cycle"),
        "effort_by_level": {
            str(k): str(Decimal(str(v)).quantize(Decimal("0.01"))) for k, v in (block.get("effort_by_level") or {}).items()
        },
        "note": str(block.get("note") or "").strip(),
    } if block else {}


def backfill_planner(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    shipped = {}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "urn" in data and "version" in data:
            shipped[(data["urn"], data["version"])] = data
    for framework in Framework.objects.all():
        data = shipped.get((framework.urn, framework.version))
        if data is None or "planner" not in data:
            continue
        first = {k: v for k, v in data.items() if k in FIRST_SCHEMA_KEYS}
        if framework.content_sha256 not in (_sha256(first), _sha256(data)):
            continue  # a different file under the same version: leave it as loaded
        framework.planner = _planner_block(data)
        framework.content_sha256 = _sha256(data)
        framework.save(update_fields=["planner", "content_sha256"])


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0002_framework_stages"),
    ]

    operations = [
        migrations.AddField(
            model_name="framework",
            name="planner",
            field=models.JSONField(blank=True, default=dict, verbose_name="asumsi perencana"),
        ),
        migrations.RunPython(backfill_planner, migrations.RunPython.noop),
    ]
