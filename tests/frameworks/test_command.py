"""`spbe framework load/list`: exit codes, messages on stderr, nothing changed on error."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from spbe.cli import main
from spbe.frameworks.models import Framework

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("framework", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_load_shipped_twice_then_list():
    out, _ = run("load", "--shipped")
    assert "spbe-59-2020 v1: dimuat" in out
    out, _ = run("load", "--shipped")
    assert "spbe-59-2020 v1: tidak berubah" in out
    out, _ = run("list")
    lines = out.splitlines()
    assert lines[0].split() == ["KODE", "VERSI", "STATUS", "INDIKATOR", "BOBOT", "DIMUAT"]
    spbe_line = next(line for line in lines if line.startswith("spbe-59-2020"))
    assert spbe_line.split()[:5] == ["spbe-59-2020", "1", "resmi", "47", "100.00"]


def test_invalid_file_lists_every_problem_on_stderr_and_changes_nothing(spbe_data, write_yaml):
    spbe_data["indicators"][11]["levels"].pop(4)
    spbe_data["indicators"][12]["aspect"] = "A9"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="tidak ada yang dimuat"):
        call_command("framework", "load", str(write_yaml(spbe_data)), stdout=out, stderr=err)
    assert "indikator 12: level 4 tidak ada" in err.getvalue()
    assert "indikator 13: aspek 'A9' tidak dikenal" in err.getvalue()
    assert Framework.objects.count() == 0


def test_cli_exit_code_is_non_zero_for_an_invalid_file(write_yaml, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["framework", "load", str(write_yaml("urn: [tidak ditutup\n"))])
    assert exited.value.code == 1
    assert "berkas bukan YAML yang sah" in capsys.readouterr().err


def test_cli_exit_code_is_zero_on_success(capsys):
    main(["framework", "load", "--shipped"])
    assert "pemdi-8-2026 v1: dimuat" in capsys.readouterr().out


def test_load_without_files_is_an_error():
    with pytest.raises(CommandError, match="--shipped"):
        run("load")


def test_list_when_empty():
    out, _ = run("list")
    assert "Belum ada kerangka" in out


def test_shipped_and_a_bad_file_load_nothing_at_all(spbe_data, write_yaml):
    spbe_data["indicators"][12]["aspect"] = "A9"
    spbe_data["version"] = 2
    with pytest.raises(CommandError, match="tidak ada yang dimuat"):
        run("load", "--shipped", str(write_yaml(spbe_data)))
    assert Framework.objects.count() == 0
