"""The router's models, moved here from the agent app.

Their tables already exist (agent 0001 created agent_routerexample and agent_routermodel): this
app takes the models over in Django's state without touching the database, the agent app drops
them from its state (agent 0003), and the tables are then renamed to this app's names.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("agent", "0002_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RouterExample",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("text", models.CharField(max_length=1000)),
                        (
                            "label",
                            models.CharField(
                                choices=[
                                    ("smalltalk", "Smalltalk"),
                                    ("faq", "Faq"),
                                    ("lookup", "Lookup"),
                                    ("transaction", "Transaction"),
                                    ("complaint", "Complaint"),
                                    ("human", "Human"),
                                ],
                                db_index=True,
                                max_length=16,
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                default="admin", help_text="own, bitext, clinc150, admin", max_length=32
                            ),
                        ),
                        (
                            "split",
                            models.CharField(
                                choices=[("train", "Train"), ("heldout", "held out (never trained on)")],
                                default="train",
                                max_length=8,
                            ),
                        ),
                        ("active", models.BooleanField(default=True)),
                    ],
                    options={
                        "ordering": ["label", "id"],
                        "db_table": "agent_routerexample",
                    },
                ),
                migrations.CreateModel(
                    name="RouterModel",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("version", models.PositiveIntegerField(unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("labels", models.JSONField()),
                        ("artifact", models.BinaryField(help_text="the serialised classifier")),
                        ("metrics", models.JSONField(default=dict)),
                        (
                            "trained_on",
                            models.PositiveIntegerField(default=0, help_text="number of training examples"),
                        ),
                        ("active", models.BooleanField(default=True)),
                    ],
                    options={
                        "ordering": ["-version"],
                        "db_table": "agent_routermodel",
                    },
                ),
                migrations.AddConstraint(
                    model_name="routerexample",
                    constraint=models.UniqueConstraint(
                        fields=("text", "source"), name="router_example_unique_text_source"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="routerexample", table=None),
        migrations.AlterModelTable(name="routermodel", table=None),
    ]
