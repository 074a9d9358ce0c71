"""Take over PublishedResult from evaluations: the model's state only, the table stays.

The table `evaluations_publishedresult` was created by evaluations 0001/0002 and keeps its
name and rows; evaluations 0005 forgot the model, this migration declares it here. No SQL
runs on upgrade or on a fresh install.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("evaluations", "0006_published_result_moves_to_official"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PublishedResult",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField(verbose_name="tahun")),
                        ("framework_code", models.CharField(max_length=50)),
                        (
                            "index",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=4, null=True
                            ),
                        ),
                        ("domains", models.JSONField(blank=True, default=dict)),
                        ("predikat", models.CharField(blank=True, max_length=40)),
                        ("source", models.CharField(max_length=300, verbose_name="sumber")),
                        (
                            "note",
                            models.CharField(blank=True, max_length=500, verbose_name="catatan"),
                        ),
                        ("verified", models.BooleanField(default=True)),
                        (
                            "instansi",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="published_results",
                                to="organizations.instansi",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hasil terpublikasi",
                        "verbose_name_plural": "hasil terpublikasi",
                        "db_table": "evaluations_publishedresult",
                        "ordering": ["instansi", "year"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("instansi", "year"), name="evaluations_published_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
