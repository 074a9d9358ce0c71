"""The orphan-file command lists, and with --delete removes, files no revision refers to."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_orphans_are_listed_then_deleted(capsys):
    name = default_storage.save("bukti/1/yatim", ContentFile(b"%PDF-1.4 sisa"))

    call_command("evidence_orphans", "--hours", "0")
    assert name in capsys.readouterr().out
    assert default_storage.exists(name)

    call_command("evidence_orphans", "--hours", "0", "--delete")
    assert "1 berkas yatim dihapus." in capsys.readouterr().out
    assert not default_storage.exists(name)
