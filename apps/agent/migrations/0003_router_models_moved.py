"""The router's models now belong to the routing app (routing 0001 takes over the tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agent", "0002_initial"),
        ("routing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RouterExample"),
                migrations.DeleteModel(name="RouterModel"),
            ],
            database_operations=[],
        ),
    ]
