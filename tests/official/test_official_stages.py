"""The official import's stage columns are the framework's: its assessor stages and final.

A framework with other stages (here: mandiri → verifikasi → hasil) gets a template, a form
and an import of exactly those columns; the shipped frameworks' stage codes mean nothing to it.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import yaml
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from spbe.evaluations.models import StageValue
from spbe.frameworks.selectors import framework_indicators
from spbe.frameworks.services import framework_load
from spbe.official import services
from spbe.official.forms import OfficialImportForm
from spbe.official.parsed import template_columns
from spbe.official.template import template_csv, template_xlsx
from spbe.organizations.models import Role
from tests.factories import make_instansi, make_user_with_role
from tests.frameworks.conftest import SPBE_FILE, parsed
from tests.official.test_official_import import upload

pytestmark = pytest.mark.django_db

COLUMNS = ["indikator", "nama", "verifikasi", "hasil", "catatan_asesor"]


@pytest.fixture
def three_stage_cycle(make_cycle, tmp_path):
    data = parsed(SPBE_FILE)
    data.update(urn="urn:test:tiga-tahap", code="tiga-tahap")
    data["stages"] = [
        {"code": "mandiri", "name": "Mandiri", "role": "self_assessment"},
        {"code": "verifikasi", "name": "Verifikasi", "role": "assessor"},
        {"code": "hasil", "name": "Hasil", "role": "final"},
    ]
    path = tmp_path / "tiga-tahap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    framework_load(path=path)
    return make_cycle(code="tiga-tahap", year=2024, instansi=make_instansi())


def _koordinator(cycle):
    return make_user_with_role(role=Role.KOORDINATOR, instansi=cycle.instansi)


def test_template_has_one_column_per_importable_stage(three_stage_cycle):
    cycle = three_stage_cycle
    indicators = list(framework_indicators(cycle.framework))
    assert template_columns(cycle.framework) == COLUMNS
    header = template_csv(cycle.framework, indicators).decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(COLUMNS)
    sheet = load_workbook(io.BytesIO(template_xlsx(cycle, indicators)))["hasil"]
    assert [c.value for c in sheet[1]] == COLUMNS
    (validation,) = sheet.data_validations.dataValidation
    assert f"C2:D{len(indicators) + 1}" in str(validation.sqref)  # the two stage columns
    assert not sheet.cell(2, 5).protection.locked  # the note stays editable


def test_form_offers_the_frameworks_stages(three_stage_cycle):
    form = OfficialImportForm(framework=three_stage_cycle.framework)
    assert [code for code, _label in form.fields["stages"].choices] == ["verifikasi", "hasil"]


def test_import_writes_the_frameworks_stages_and_refuses_others(three_stage_cycle):
    cycle = three_stage_cycle
    user = _koordinator(cycle)
    file = upload(",".join(COLUMNS) + "\n1,,2,3,catatan\n")
    preview = services.official_import_preview(
        actor=user, cycle=cycle, fileobj=file, filename=file.name
    )
    assert preview.stages == ["verifikasi", "hasil"]
    services.official_import_confirm(actor=user, cycle=cycle, token=preview.token)
    written = dict(StageValue.objects.filter(assessment__cycle=cycle).values_list("stage", "value"))
    assert written == {"verifikasi": Decimal("2"), "hasil": Decimal("3")}

    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.official_import_preview(
            actor=user, cycle=cycle, fileobj=file, filename=file.name, stages=["final"]
        )
    shipped_header = upload("indikator,nama,dokumen,final,catatan_asesor\n1,,2,3,\n")
    with pytest.raises(ValidationError, match="kolom tidak dikenal: dokumen, final"):
        services.official_import_preview(
            actor=user, cycle=cycle, fileobj=shipped_header, filename=shipped_header.name
        )
