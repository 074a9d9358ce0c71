"""The assessor's checks and the criteria coverage on the indicator page (issue 14), on the
real files: a Perbup of Batu Bara offered as the province's evidence is another government's;
the Lamongan rancangan is a draft where level 2 needs an enacted policy; coverage highlights
the matching sentences with their page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from spbe.evaluations.selectors.evidence_review import assessment_evidence_review
from spbe.evaluations.services import evidence_link
from spbe.evidence.understanding.checks import LinkedDocument, evidence_flags
from spbe.evidence.understanding.coverage import coverage_of, highlight, key_words

pytestmark = pytest.mark.django_db
PEMDA = "pemda-lain"


@pytest.fixture
def linked(world, assessment, make_document, bukti):
    """The Batu Bara Perbup and the Lamongan draft linked at level 2 of indicator 1."""
    koord = world.users["koordinator"]
    documents = {}
    for name, title in [
        ("Perbup_Batu_Bara_81_2021_SPBE.pdf", "Perbup SPBE"),
        ("Rancangan_Perbup_Lamongan_2021_SPBE_draft.pdf", "Rancangan Perbup SPBE"),
    ]:
        path = bukti / PEMDA / name
        document = make_document(title=title, upload=SimpleUploadedFile(name, path.read_bytes()))
        evidence_link(actor=koord, assessment=assessment, document=document, level=2)
        documents[name] = document
    documents["world"] = world
    return documents


@pytest.mark.shared
def test_foreign_government_and_draft_are_flagged_on_the_real_files_and_shown(assessment, linked):
    review = assessment_evidence_review(assessment)
    codes = {(flag.code, flag.title) for flag in review.flags}
    assert ("pemerintah-lain", "Perbup SPBE") in codes
    assert ("pemerintah-lain", "Rancangan Perbup SPBE") in codes
    assert ("draf", "Rancangan Perbup SPBE") in codes
    assert ("draf", "Perbup SPBE") not in codes
    foreign = next(f for f in review.flags if f.code == "pemerintah-lain")
    assert "Kabupaten Batu Bara, bukan Pemerintah Provinsi Uji" in foreign.message
    # ... and the assessor sees them on the indicator page, with the coverage highlighted.
    client = Client()
    world = linked["world"]
    client.force_login(world.users["asesor"])
    url = f"/evaluasi/{assessment.cycle_id}/indikator/{assessment.indicator.number}/"
    page = client.get(url).content.decode()
    assert "Telaah bukti sebelum reviu" in page
    assert 'data-flag="pemerintah-lain"' in page and 'data-flag="draf"' in page
    assert "<mark>" in page
    assert "#page=" in page
    assert "Bukti mendukung level" in page or "belum tampak mendukung" in page


def test_coverage_finds_the_sentence_page_and_the_supported_level():
    levels = [
        {"level": 1, "criteria": "Kebijakan arsitektur masih berupa draf.", "evidence": []},
        {
            "level": 2,
            "criteria": "Kebijakan arsitektur SPBE sudah ditetapkan.",
            "evidence": [{"text": "Peraturan tentang arsitektur SPBE", "kind": "kebijakan"}],
        },
        {
            "level": 3,
            "criteria": "Reviu berkala atas kebijakan dilaksanakan setiap tahun.",
            "evidence": [{"text": "Laporan reviu berkala kebijakan", "kind": "reviu"}],
        },
    ]
    text = "PERATURAN GUBERNUR\nTENTANG ARSITEKTUR\n\nPasal 1\nArsitektur SPBE ditetapkan "
    text += "sebagai pedoman penyelenggaraan sistem pemerintahan berbasis elektronik.\n"
    starts = [0, 30]
    coverage = coverage_of(levels, [(7, text, starts)])
    level2 = coverage.levels[1]
    assert level2.supported and level2.criteria.page == 2 and level2.criteria.document_id == 7
    assert any(hit for _, hit in level2.criteria.segments)
    assert coverage.supported_level == 2
    assert coverage.next_level.level == 3
    assert not coverage.levels[2].supported


def test_stemming_makes_word_forms_meet_and_highlight_marks_them():
    assert set(key_words("penyelenggaraan")) == set(key_words("diselenggarakan"))
    pieces = highlight("Sistem diselenggarakan terpadu", set(key_words("penyelenggaraan")))
    assert ("diselenggarakan", True) in pieces


def _doc(**values):
    base = dict(
        document_id=1,
        title="Laporan Reviu Arsitektur SPBE",
        kind="laporan",
        level=4,
        is_draft=False,
        issuer="",
        issuer_key="",
        dated=None,
        freshness_kind="",
        indicator_count=1,
    )
    return LinkedDocument(**{**base, **values})


def _flags(*documents, as_of="2026-12-01"):
    import datetime

    levels = [
        {"level": 2, "evidence": [{"text": "Kebijakan", "kind": "kebijakan"}]},
        {"level": 4, "evidence": [{"text": "Laporan reviu", "kind": "reviu"}]},
    ]
    return {
        flag.code
        for flag in evidence_flags(
            list(documents),
            instansi_name="Pemerintah Provinsi Kalimantan Timur",
            instansi_key="provinsi:kalimantan timur",
            levels=levels,
            age_rules={"reviu": 24},
            topic="Kebijakan Internal Arsitektur SPBE",
            as_of=datetime.date.fromisoformat(as_of),
            many_indicators=3,
        )
    }


def test_age_rule_many_indicators_and_unrelated_title_checks():
    import datetime

    assert _flags(_doc(dated=datetime.date(2024, 12, 2))) == set()
    assert _flags(_doc(dated=datetime.date(2024, 12, 1))) == {"kedaluwarsa"}
    assert _flags(_doc(indicator_count=3)) == {"banyak-indikator"}
    assert _flags(_doc(title="Daftar hadir senam pagi")) == {"judul-tidak-terkait"}
    assert _flags(_doc(level=2, is_draft=True, kind="pergub")) == {"draf"}
    own = _doc(issuer="Provinsi Kalimantan Timur", issuer_key="provinsi:kalimantan timur")
    assert _flags(own) == set()


def test_the_review_costs_the_same_queries_whatever_the_number_of_links(
    world, assessment, make_document, django_assert_max_num_queries
):
    koord = world.users["koordinator"]
    for n in range(4):
        document = make_document(title=f"Pergub Arsitektur SPBE {n}")
        evidence_link(actor=koord, assessment=assessment, document=document, level=2)
    with django_assert_max_num_queries(4):
        review = assessment_evidence_review(assessment)
    assert review.coverage is not None and len(review.titles) == 4
    # the same file (same upload bytes) on one indicator only: not "many indicators"
    assert not any(flag.code == "banyak-indikator" for flag in review.flags)


def test_a_file_linked_to_many_indicators_of_the_cycle_is_flagged(
    world, cycle, assessment, make_document
):
    koord = world.users["koordinator"]
    document = make_document(title="Pergub Arsitektur SPBE")
    for number in (1, 2, 3):
        target = cycle.assessments.get(indicator__number=number)
        evidence_link(actor=koord, assessment=target, document=document, level=2)
    flags = assessment_evidence_review(assessment).flags
    many = [flag for flag in flags if flag.code == "banyak-indikator"]
    assert len(many) == 1 and "3 indikator" in many[0].message
