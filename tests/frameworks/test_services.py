"""Loading rules: idempotent reloads, immutable versions, new versions beside old ones."""

import pytest

from spbe.frameworks.loader import FrameworkFileError
from spbe.frameworks.models import Framework, Indicator, IndicatorMapping
from spbe.frameworks.services import files_load, framework_load, mapping_load, shipped_load

from .conftest import MAPPING_FILE, PEMDI_FILE, SPBE_FILE

pytestmark = pytest.mark.django_db


def test_reloading_the_same_file_changes_nothing():
    first = framework_load(path=SPBE_FILE)
    loaded_at = Framework.objects.get().loaded_at
    second = framework_load(path=SPBE_FILE)
    assert (first.action, second.action) == ("created", "unchanged")
    assert Framework.objects.count() == 1
    assert Indicator.objects.count() == 47
    assert Framework.objects.get().loaded_at == loaded_at


def test_comment_only_change_is_not_a_new_content(write_yaml):
    framework_load(path=SPBE_FILE)
    text = SPBE_FILE.read_text(encoding="utf-8")
    result = framework_load(path=write_yaml("# komentar baru\n" + text))
    assert result.action == "unchanged"


def test_same_version_with_different_content_is_refused(spbe_data, write_yaml):
    framework_load(path=SPBE_FILE)
    spbe_data["indicators"][0]["short_name"] = "Nama lain"
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(spbe_data))
    assert "naikkan 'version'" in caught.value.problems[0]
    assert Indicator.objects.get(number=1).short_name == "Kebijakan Arsitektur SPBE"


def test_new_version_adds_rows_and_leaves_the_old_version_untouched(spbe_data, write_yaml):
    framework_load(path=SPBE_FILE)
    old_ids = set(Indicator.objects.values_list("pk", flat=True))
    spbe_data["version"] = 2
    spbe_data["indicators"][0]["short_name"] = "Kebijakan Arsitektur"
    assert framework_load(path=write_yaml(spbe_data)).action == "created"
    assert Framework.objects.filter(code="spbe-59-2020").count() == 2
    assert (
        set(Indicator.objects.filter(framework__version=1).values_list("pk", flat=True)) == old_ids
    )
    assert Indicator.objects.get(framework__version=1, number=1).short_name == (
        "Kebijakan Arsitektur SPBE"
    )
    assert Indicator.objects.get(framework__version=2, number=1).short_name == (
        "Kebijakan Arsitektur"
    )


def test_code_cannot_move_to_another_urn(spbe_data, write_yaml):
    framework_load(path=SPBE_FILE)
    spbe_data["urn"] = "urn:spbe:framework:lain"
    spbe_data["version"] = 3
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(spbe_data))
    assert "kode 'spbe-59-2020' sudah dipakai" in caught.value.problems[0]


def test_batch_with_one_bad_file_writes_nothing(spbe_data, write_yaml):
    del spbe_data["indicators"][5]["levels"][3]
    bad = write_yaml(spbe_data)
    with pytest.raises(FrameworkFileError) as caught:
        files_load(paths=[PEMDI_FILE, bad])
    assert "indikator 6: level 3 tidak ada" in caught.value.problems
    assert Framework.objects.count() == 0


def test_failure_while_storing_rolls_back_earlier_files_of_the_batch(write_yaml):
    framework_load(path=SPBE_FILE)
    text = MAPPING_FILE.read_text(encoding="utf-8").replace(
        "{from: 1, to: [1]", "{from: 99, to: [1]"
    )
    with pytest.raises(FrameworkFileError) as caught:
        files_load(paths=[PEMDI_FILE, write_yaml(text)])
    assert "tautan: indikator 99 tidak ada di spbe-59-2020" in caught.value.problems
    assert not Framework.objects.filter(code="pemdi-8-2026").exists()


def test_shipped_load_is_idempotent():
    first = shipped_load()
    counts = (
        Framework.objects.count(),
        Indicator.objects.count(),
        IndicatorMapping.objects.count(),
    )
    second = shipped_load()
    assert {r.action for r in first} == {"created"}
    assert {r.action for r in second} == {"unchanged"}
    assert counts == (2, 67, IndicatorMapping.objects.count())
    assert IndicatorMapping.objects.count() > 40


def test_mapping_needs_its_frameworks_loaded():
    framework_load(path=SPBE_FILE)
    with pytest.raises(FrameworkFileError) as caught:
        mapping_load(path=MAPPING_FILE)
    assert "kerangka tujuan urn:spbe:framework:pemdi-8-2026 belum dimuat" in caught.value.problems


def test_changed_mapping_replaces_the_links(shipped, write_yaml):
    text = MAPPING_FILE.read_text(encoding="utf-8").replace(
        "{from: 1, to: [1], status: update}", "{from: 1, to: [1], status: reuse}"
    )
    assert mapping_load(path=write_yaml(text)).action == "replaced"
    link = IndicatorMapping.objects.get(source__number=1, target__number=1)
    assert link.status == "reuse"


def test_replacing_a_mapping_is_audited(shipped, write_yaml):
    from spbe.audit.models import AuditEvent

    text = MAPPING_FILE.read_text(encoding="utf-8").replace(
        "{from: 1, to: [1], status: update}", "{from: 1, to: [1], status: reuse}"
    )
    before = IndicatorMapping.objects.count()
    mapping_load(path=write_yaml(text))
    event = AuditEvent.objects.get(action="mapping.replaced")
    assert event.object_type == "frameworks.framework"
    assert event.extra["links_before"] == before == event.extra["links_after"]
    assert event.extra["source"] == "spbe-59-2020 v1"
    mapping_load(path=write_yaml(text))  # unchanged: no second event
    assert AuditEvent.objects.filter(action="mapping.replaced").count() == 1
    assert AuditEvent.objects.filter(action="mapping.created").count() == 1  # the shipped load


def test_mapping_rejects_duplicate_pairs_and_bad_status(shipped, write_yaml):
    text = MAPPING_FILE.read_text(encoding="utf-8").replace(
        "{from: 3, to: [5], status: reuse}", "{from: 1, to: [1], status: pakai}"
    )
    with pytest.raises(FrameworkFileError) as caught:
        mapping_load(path=write_yaml(text))
    joined = "\n".join(caught.value.problems)
    assert "pasangan 1 -> 1 sudah ada" in joined
    assert "status 'pakai' tidak dikenal" in joined


def test_loading_a_framework_is_audited_once():
    from spbe.audit.models import AuditEvent

    framework_load(path=SPBE_FILE)
    framework_load(path=SPBE_FILE)
    events = AuditEvent.objects.filter(action="framework.loaded")
    assert events.count() == 1
    assert events.get().extra["file"] == SPBE_FILE.name
