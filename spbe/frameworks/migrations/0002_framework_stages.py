"""Frameworks declare their stages; versions loaded before that get them backfilled.

Until this migration every framework used the same five stages, written in Python. A loaded
version is immutable, so instead of reloading it the stages it was evaluated with are
written onto its row. When the shipped file of the same URN and version now carries the
`stages` block, the stored content hash moves to that file's hash, so `spbe framework load
--shipped` still sees "unchanged" rather than "different content under the same version".
"""

import hashlib
import json
from pathlib import Path

import yaml
from django.db import migrations, models

# Frozen copy of the stage list the code assumed before stages were data (history: do not edit).
HISTORIC_STAGES = [
    {"code": "mandiri", "name": "Penilaian Mandiri", "name_en": "Self-assessment",
     "role": "self_assessment", "optional": False},
    {"code": "dokumen", "name": "Penilaian Dokumen", "name_en": "Document assessment",
     "role": "assessor", "optional": False},
    {"code": "interviu", "name": "Penilaian Interviu", "name_en": "Interview assessment",
     "role": "assessor", "optional": False},
    {"code": "visitasi", "name": "Penilaian Visitasi", "name_en": "Site-visit assessment",
     "role": "assessor", "optional": True},
    {"code": "final", "name": "Final", "name_en": "Final", "role": "final", "optional": False},
]
NEW_KEYS = ("stages", "planning_base")
# Later blocks the loader keeps out of the content hash (spbe.frameworks.loader.UNHASHED_KEYS,
# the official_report block): an upgraded file carries them, the old hash never had them.
UNHASHED_KEYS = ("official_report",)
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _sha256(data) -> str:
    # Same canonical form as spbe.frameworks.loader.content_sha256 at the time of writing.
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _shipped_documents() -> dict:
    documents = {}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "urn" in data and "version" in data:
            data = {k: v for k, v in data.items() if k not in UNHASHED_KEYS}
            documents[(data["urn"], data["version"])] = data
    return documents


def backfill_stages(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    shipped = _shipped_documents()
    for framework in Framework.objects.all():
        if framework.stages:
            continue
        framework.stages = HISTORIC_STAGES
        framework.planning_base = "latest_complete"
        data = shipped.get((framework.urn, framework.version))
        if data is not None and "stages" in data:
            before = {k: v for k, v in data.items() if k not in NEW_KEYS}
            if _sha256(before) == framework.content_sha256:
                framework.stages = data["stages"] and [
                    {"optional": False, "name_en": "", **s} for s in data["stages"]
                ]
                framework.planning_base = data.get("planning_base", "latest_complete")
                framework.content_sha256 = _sha256(data)
        framework.save(update_fields=["stages", "planning_base", "content_sha256"])


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="framework",
            name="planning_base",
            field=models.CharField(default="latest_complete", max_length=30),
        ),
        migrations.AddField(
            model_name="framework",
            name="stages",
            field=models.JSONField(default=list, verbose_name="tahap penilaian"),
        ),
        migrations.RunPython(backfill_stages, migrations.RunPython.noop),
    ]
