"""The committed English catalog: complete, placeholders intact, and compiled.

Deployments use the committed django.mo (GNU gettext may be missing there), so a .po edited
without running `spbe compilemessages` must fail here rather than silently show old text.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n.pofile import compiled_catalog, read_po

LOCALE = Path(settings.LOCALE_PATHS[0])
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = LOCALE / "en" / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|%[sd]")


@pytest.fixture(scope="module")
def entries():
    return read_po(PO)


def test_the_catalog_is_read(entries):
    # guards the reader itself: a parser that read nothing would make the checks below pass
    assert len(entries) > 500
    assert entries[0].msgid == "" and "Language: en" in entries[0].msgstr[0]
    by_id = {(e.msgctxt, e.msgid): e for e in entries}
    assert by_id[(None, "Keluar")].msgstr == {0: "Log out"}
    assert by_id[("matriks: disetujui", "S")].msgstr == {0: "A"}
    plural = by_id[(None, "%(n)s dokumen")]
    assert plural.msgid_plural and plural.msgstr[1] == "%(n)s documents"


def test_the_compiled_catalog_matches_the_po(entries):
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = compiled_catalog(entries)
    missing = sorted(map(str, expected.keys() - compiled.keys()))[:10]
    extra = sorted(map(str, compiled.keys() - expected.keys()))[:10]
    assert not missing and not extra, (
        f"django.mo is stale: run `spbe compilemessages --ignore=.venv` and commit django.mo "
        f"(missing from .mo: {missing}; only in .mo: {extra})"
    )
    changed = [k for k in expected if expected[k] != compiled[k]]
    assert not changed, f"django.mo is stale for {changed[:10]}: run `spbe compilemessages`"


def test_every_entry_is_translated_and_checked(entries):
    untranslated = [e.msgid for e in entries[1:] if not e.translated]
    fuzzy = [e.msgid for e in entries[1:] if e.fuzzy]
    assert not untranslated, f"translate these in {PO.name}: {untranslated[:10]}"
    assert not fuzzy, f"check these and remove `#, fuzzy`: {fuzzy[:10]}"


def test_translations_keep_the_placeholders(entries):
    wrong = []
    for e in entries[1:]:
        for n, text in e.msgstr.items():
            source = e.msgid if n == 0 or e.msgid_plural is None else e.msgid_plural
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                wrong.append((e.msgid, text))
    assert not wrong, wrong[:10]
