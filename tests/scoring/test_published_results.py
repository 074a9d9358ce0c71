"""The engine against the national result tables of 2023 and 2024 (../shared/reference/data).

Each row prints the four domain values (2 decimals) and the index. The engine's index from
the printed domain values must match the printed index within the rounding of those values:
each is within 0.005 of the true domain value and the weights sum to 1, so the recomputed
exact index is within 0.005 of the true one, which is itself within 0.005 of the published
figure. The data README reports a largest difference of 0.0077.
"""

import csv
from decimal import Decimal
from fractions import Fraction

import pytest

from spbe.scoring import predikat_for, score

from .specs import spbe_domain_spec, spbe_spec

DOMAINS = spbe_domain_spec()
COLUMNS = {"D1": "d1_kebijakan", "D2": "d2_tata_kelola", "D3": "d3_manajemen", "D4": "d4_layanan"}
FILES = ["spbe-index-pemda-2023-2024.csv", "spbe-index-instansi-pusat-2023-2024.csv"]


def _complete_rows(shared_dir):
    for name in FILES:
        with open(shared_dir / "reference" / "data" / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if all(row[c] for c in (*COLUMNS.values(), "indeks")):
                    yield name, row


@pytest.mark.shared
def test_index_from_published_domain_values_matches_published_index(shared_dir):
    differences = []
    for name, row in _complete_rows(shared_dir):
        result = score(DOMAINS, {d: row[c] for d, c in COLUMNS.items()})
        difference = abs(result.index_exact - Fraction(row["indeks"]))
        assert difference <= Fraction("0.01"), (name, row["instansi"], row["tahun"], difference)
        differences.append(difference)
    assert len(differences) > 1200  # 1,236 rows, a handful with a blank domain
    assert max(differences) < Fraction("0.008")


@pytest.mark.shared
def test_2023_predikat_follows_the_published_figure(shared_dir):
    """Spec §4.4: up to 2023 the band was looked up on the rounded (published) index."""
    spbe = spbe_spec()
    rows = [row for _, row in _complete_rows(shared_dir) if row["tahun"] == "2023"]
    mismatches = [
        (row["instansi"], row["indeks"], row["predikat"])
        for row in rows
        if predikat_for(spbe, Decimal(row["indeks"])) != row["predikat"]
    ]
    assert rows and mismatches == []
