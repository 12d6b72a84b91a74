from django.db import models


class TimestampedModel(models.Model):
    """Creation and modification times for rows people look at in the back office."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
