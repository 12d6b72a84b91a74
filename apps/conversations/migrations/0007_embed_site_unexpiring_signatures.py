# Sites that existed before expiring signatures keep accepting the unexpiring form (their pages
# sign the identity alone); new sites default to expiring signatures only.

from django.db import migrations, models

HELP = (
    "older integrations sign the identity alone: such a signature stays valid until the secret "
    "changes. Leave off for new sites (they sign identity and expiry)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0006_pending_turns_and_event_sequence"),
    ]

    operations = [
        migrations.AddField(
            model_name="embedsite",
            name="unexpiring_signatures",
            field=models.BooleanField(
                default=True, help_text=HELP, verbose_name="accept signatures without an expiry"
            ),
        ),
        migrations.AlterField(
            model_name="embedsite",
            name="unexpiring_signatures",
            field=models.BooleanField(
                default=False, help_text=HELP, verbose_name="accept signatures without an expiry"
            ),
        ),
    ]
