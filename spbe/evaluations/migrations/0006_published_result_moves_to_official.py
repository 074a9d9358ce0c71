"""PublishedResult now belongs to the `official` app: forget the model here, keep the table.

Only Django's idea of which app owns the model changes; the table `evaluations_publishedresult`
and its rows stay (official 0001 takes the same table over, `db_table` keeps its name).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_claim_revision_history"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PublishedResult")],
            database_operations=[],
        )
    ]
