"""Stream heads: appends lock a stream's head row (serialised appends), and verification
compares it with the newest event (deleted newest events, or a deleted stream, are found).
Existing streams get their head from their newest event."""

from django.db import migrations, models


def heads_from_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditStreamHead = apps.get_model("audit", "AuditStreamHead")
    newest: dict[str, tuple[int, str]] = {}
    for stream, seq, digest in AuditEvent.objects.order_by("stream", "seq").values_list(
        "stream", "seq", "hash"
    ):
        newest[stream] = (seq, digest)
    AuditStreamHead.objects.bulk_create(
        [AuditStreamHead(stream=stream, seq=seq, hash=digest) for stream, (seq, digest) in newest.items()]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_event_kinds_message_and_status"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditStreamHead",
            fields=[
                ("stream", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(heads_from_events, migrations.RunPython.noop),
    ]
