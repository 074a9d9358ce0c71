"""Duplicate detection on the real Denpasar list.

Expected pairs, written down from reading the file before running the matcher:
- the same application: the three "SMS Gateway" (Bapenda, DPMPTSP, RSUD Wangaya), "PRO Denpasar
  Website" / "PRO Denpasar Mobile Android" / "Pro Denpasar IOS", "Website e-Sewaka Dharma" /
  "Mobile e-Sewaka Dharma", "Rujukan Online" / "Rujukan Online (Dinas Kominfo)", and the two
  kelurahan "SIMADE (Sistem Informasi Kelurahan ...)";
- near-names that are different systems: "SINGGAN (Sistem Informasi Pelanggan)" vs "SINGGAR
  (Sistem Informasi Anggaran)" (both PDAM), "Simyandu" vs "Simyandes".
"""

import csv
import itertools

import pytest

from spbe.inventory.matching import AppRecord, candidates, pair_score, place_words

SAME = [
    ("SMS Gateway", "SMS Gateway"),
    ("PRO Denpasar Website", "PRO Denpasar Mobile Android"),
    ("PRO Denpasar Website", "Pro Denpasar IOS"),
    ("PRO Denpasar Mobile Android", "Pro Denpasar IOS"),
    ("Website e-Sewaka Dharma", "Mobile e-Sewaka Dharma"),
    ("Rujukan Online", "Rujukan Online (Dinas Kominfo)"),
    (
        "SIMADE (Sistem Informasi Kelurahan Dangin Puri)",
        "SIMADE (Sistem Informasi Kelurahan Sumerta)",
    ),
]
DIFFERENT = [
    ("SINGGAN (Sistem Informasi Pelanggan)", "SINGGAR (Sistem Informasi Anggaran)"),
    ("Simyandu", "Simyandes"),
]


@pytest.fixture(scope="module")
def ranked(shared_dir):
    path = shared_dir / "reference/data/denpasar-inventaris-aplikasi.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    records = [
        AppRecord(r["id_app"], r["nama_aplikasi"], r["fungsi"], r["media"], r["opd_pemilik"])
        for r in rows
    ]
    return candidates(records, min_score=0, place=place_words("Pemerintah Kota Denpasar"))


def _scores(ranked, a, b):
    return [
        c.score
        for c in ranked
        if {c.a.name, c.b.name} == {a, b} or (a == b == c.a.name == c.b.name)
    ]


@pytest.mark.shared
def test_same_applications_rank_above_different_near_names(ranked):
    same = [s for a, b in SAME for s in _scores(ranked, a, b)]
    different = [s for a, b in DIFFERENT for s in _scores(ranked, a, b)]
    assert len(same) == 3 + 3 + 1 + 1 + 1 and len(different) == 2
    assert min(same) > max(different)
    # Ranked best first; every same-application pair is in the top of the list.
    order = [c.score for c in ranked]
    assert order == sorted(order, reverse=True)
    top = {frozenset((c.a.name, c.b.name)) for c in ranked[:25]}
    assert all(frozenset(p) in top for p in SAME)


@pytest.mark.shared
def test_near_names_stay_below_the_default_threshold(ranked):
    from spbe.inventory.matching import MIN_SCORE

    assert all(s < MIN_SCORE + 5 for a, b in DIFFERENT for s in _scores(ranked, a, b))


def test_reasons_are_in_words():
    a = AppRecord(
        1, "Sistem Informasi Pelayanan Perizinan", "Layanan izin usaha daring", "Website", "DPMPTSP"
    )
    b = AppRecord(
        2,
        "SI Pelayanan Perizinan Online",
        "Layanan izin usaha secara daring",
        "Website",
        "Diskominfo",
    )
    cand = pair_score(a, b)
    assert cand.reasons.startswith(
        f"nama {cand.name_score}% mirip, fungsi {cand.function_score}% mirip"
    )
    assert "keduanya Website" in cand.reasons and "unit berbeda" in cand.reasons
    assert cand.score >= 85


def test_different_short_codes_are_not_duplicates():
    pairs = [("SIMPEG", "SIMPAD"), ("SIPD", "SIPP"), ("eBPHTB", "ePBB")]
    for x, y in pairs:
        assert pair_score(AppRecord(1, x), AppRecord(2, y)).score < 60, (x, y)


def test_candidates_are_symmetric_and_each_pair_once():
    names = ["SMS Gateway", "SMS Gateway", "SMS Gateway Rumah Sakit", "SIMPEG"]
    found = candidates([AppRecord(i, n) for i, n in enumerate(names)])
    keys = [frozenset((c.a.key, c.b.key)) for c in found]
    assert len(keys) == len(set(keys))
    assert frozenset((0, 1)) in keys
    assert all(frozenset(k) <= {0, 1, 2} for k in keys)
    assert len(list(itertools.combinations(range(4), 2))) >= len(keys)


@pytest.mark.shared
def test_matrix_scores_equal_the_pairwise_score(ranked):
    from spbe.inventory.matching import GENERIC_WORDS

    place = place_words("Pemerintah Kota Denpasar")
    for cand in ranked[::37]:
        single = pair_score(cand.a, cand.b, GENERIC_WORDS | place)
        assert (single.score, single.name_score, single.function_score, single.reasons) == (
            cand.score,
            cand.name_score,
            cand.function_score,
            cand.reasons,
        )
