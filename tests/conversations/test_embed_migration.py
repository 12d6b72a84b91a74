"""Upgrading keeps existing embedding sites working: they signed identities without an expiry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("conversations", "0006_pending_turns_and_event_sequence")]
AFTER = [("conversations", "0007_embed_site_unexpiring_signatures")]


@pytest.mark.django_db(transaction=True)
def test_sites_that_existed_keep_unexpiring_signatures_and_new_ones_do_not():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("conversations", "EmbedSite").objects.create(
        name="Old shop", key="old-shop", secret="x" * 40, allowed_origins="https://old.example"
    )
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new_apps = executor.loader.project_state(AFTER).apps
        site = new_apps.get_model("conversations", "EmbedSite")
        assert site.objects.get(key="old-shop").unexpiring_signatures is True
        assert (
            site.objects.create(
                name="New", key="new-shop", allowed_origins="https://n.example"
            ).unexpiring_signatures
            is False
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
