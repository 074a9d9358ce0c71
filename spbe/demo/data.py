"""The demo's files and names: kaltim.yaml, its story, the accounts, cycles and dates."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "kaltim.yaml"
STORY_FILE = DATA_FILE.with_name("kaltim-story.yaml")
WITA = ZoneInfo("Asia/Makassar")
SPBE, PEMDI = "spbe-59-2020", "pemdi-8-2026"
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


@functools.cache
def demo_data() -> dict:
    """The parsed kaltim.yaml (read once per process)."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@functools.cache
def demo_story() -> dict:
    """The parsed kaltim-story.yaml: the words of the demo (read once per process)."""
    return yaml.safe_load(STORY_FILE.read_text(encoding="utf-8"))


def demo_document_titles() -> list[str]:
    return [d["title"] for d in demo_story()["pemdi_2026"].get("documents", [])]


def demo_cycle_names(data: dict | None = None) -> list[str]:
    data = data or demo_data()
    return [spbe_cycle_name(c["year"]) for c in data["spbe_cycles"]] + [
        pemdi_cycle_name(data["pemdi_2026"]["year"])
    ]


def wita(when: str) -> datetime:
    """A date-time of the demo files, in the province's time zone (WITA)."""
    return datetime.fromisoformat(when).replace(tzinfo=WITA)


def spbe_cycle_name(year: int) -> str:
    return f"Evaluasi SPBE {year}"


def pemdi_cycle_name(year: int) -> str:
    return f"Evaluasi Indeks Pemerintah Digital {year}"
