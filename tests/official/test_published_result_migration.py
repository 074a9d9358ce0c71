"""Moving PublishedResult from evaluations to official keeps the table and its rows.

An installation upgraded from the schema before the move (evaluations 0004) still has its
published results afterwards, read through the model's new home.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from spbe.official.models import PublishedResult

BEFORE = [("evaluations", "0005_claim_revision_history"), ("official", None)]
AFTER = [
    ("evaluations", "0006_published_result_moves_to_official"),
    ("official", "0001_published_result_from_evaluations"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    known = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(known).apps


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_move_are_read_after_it():
    old_apps = _migrate(BEFORE)
    Instansi = old_apps.get_model("organizations", "Instansi")
    OldResult = old_apps.get_model("evaluations", "PublishedResult")
    instansi = Instansi.objects.create(name="Provinsi Uji", kind="provinsi", instansi_key="uji")
    OldResult.objects.create(
        instansi_id=instansi.pk,
        year=2024,
        framework_code="spbe-59-2020",
        index=Decimal("3.12"),
        source="Laporan 2024",
    )

    _migrate(AFTER)

    moved = PublishedResult.objects.get(instansi_id=instansi.pk)
    assert (moved.year, moved.index) == (2024, Decimal("3.12"))
    assert PublishedResult._meta.db_table == "evaluations_publishedresult"
