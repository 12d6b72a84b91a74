"""The configuration a turn reads is kept across turns until one of its tables changes."""

from __future__ import annotations

import contextvars

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agent.models import ModelTier
from apps.agent.tiers import tier_get
from apps.commerce.models import Product, Variant
from apps.core.generations import config_generations
from apps.core.snapshots import config_snapshot
from apps.knowledge.models import Article, Fact
from apps.knowledge.selectors import article_search, fact_signature, guardrail_policy, knowledge_snapshot
from apps.knowledge.services import guardrail_policy_save
from apps.tools.models import Tool
from apps.tools.registry import registry
from apps.tools.selectors import tool_effective, tools_effective
from apps.toolsources.models import RemoteTool, ToolSource
from apps.toolsources.provider import remote_tools

pytestmark = pytest.mark.django_db


def _read_everything() -> dict:
    """What a turn reads of the configuration, as plain values."""
    tool_name = next(iter(registry)).name
    return {
        "tool_enabled": tool_effective(tool_name).enabled,
        "tools": [(tool.name, tool.enabled) for tool in tools_effective()],
        "facts": fact_signature(),
        "fact_values": {key: fact.value for key, fact in knowledge_snapshot().facts.items()},
        "handoff_on_block": guardrail_policy().handoff_on_block,
        "fast_model": tier_get(ModelTier.Name.FAST).model,
        "remote": [(tool.name, tool.enabled) for tool in remote_tools.tools()],
    }


def _turn() -> dict:
    with config_snapshot():
        return _read_everything()


@pytest.fixture
def config():
    """A tool row, a fact, a tier and a remote tool, read once by a turn (the process keeps them)."""
    name = next(iter(registry)).name
    Tool.objects.update_or_create(name=name, defaults={"enabled": True, "kind": "read"})
    Fact.objects.update_or_create(
        key="cache-test-window",
        defaults={"kind": Fact.Kind.DURATION, "value": "30", "unit": "days", "statement": "30 days."},
    )
    source = ToolSource.objects.create(name="cache-test", kind=ToolSource.Kind.OPENAPI, document={})
    RemoteTool.objects.create(
        source=source,
        name="cache_test_lookup",
        operation="lookup",
        kind=RemoteTool.Kind.READ,
        description="Looks something up.",
        status_line="Looking...",
        parameters={"type": "object", "properties": {}},
        upstream_hash="x",
    )
    tier_get(ModelTier.Name.FAST)
    _turn()
    return name


def test_an_unchanged_configuration_costs_one_query_per_turn(config):
    # given a configuration a turn has already read
    before = _turn()

    # when the next turn reads all of it again
    with CaptureQueriesContext(connection) as queries:
        after = _turn()

    # then it gets the same values for the one query that checks the generations
    assert after == before
    assert len(queries) == 1, [query["sql"] for query in queries]
    assert "core_configgeneration" in queries[0]["sql"]


def test_a_tools_settings_edit_is_seen_by_the_next_turn(config):
    # when an admin disables the tool
    Tool.objects.filter(name=config).update(enabled=False)  # even without a save() or updated_at

    # then the next turn sees it
    turn = _turn()
    assert turn["tool_enabled"] is False
    assert (config, False) in turn["tools"]


def test_a_facts_value_edit_is_seen_by_the_next_turn(config):
    fact = Fact.objects.get(key="cache-test-window")
    fact.value = "45"
    fact.save()

    assert _turn()["fact_values"]["cache-test-window"] == "45"


def test_a_facts_value_changed_by_update_is_seen_by_the_next_snapshot(config):
    # given a knowledge snapshot built, then a value changed without touching updated_at
    assert knowledge_snapshot().facts["cache-test-window"].value == "30"
    Fact.objects.filter(key="cache-test-window").update(value="60")

    # then the next snapshot has it, inside a turn and outside one
    assert _turn()["fact_values"]["cache-test-window"] == "60"
    assert knowledge_snapshot().facts["cache-test-window"].value == "60"


def test_an_articles_edit_by_update_is_seen_by_the_next_search(config):
    article = Article.objects.create(question="Do you ship to Antarctica?", answer="Only by penguin.")
    with config_snapshot():
        assert article_search("antarctica penguin")[0].article_id == article.id

    Article.objects.filter(pk=article.pk).update(active=False)

    with config_snapshot():
        assert article_search("antarctica penguin") == []
    assert article_search("antarctica penguin") == []


def test_a_guardrail_policy_edit_is_seen_by_the_next_turn(config):
    before = _turn()["handoff_on_block"]

    guardrail_policy_save(handoff_on_block=not before, actor="admin")

    assert _turn()["handoff_on_block"] is (not before)


def test_a_tiers_edit_is_seen_by_the_next_turn(config):
    ModelTier.objects.filter(name=ModelTier.Name.FAST).update(model="gpt-cache-test")

    assert _turn()["fast_model"] == "gpt-cache-test"


def test_a_tool_sources_edit_is_seen_by_the_next_turn(config):
    source = ToolSource.objects.get(name="cache-test")
    source.enabled = False
    source.save()

    assert ("cache_test_lookup", False) in _turn()["remote"]


def test_a_write_from_another_process_is_seen(config):
    # given a write this process's Django never saw (raw SQL, as another process's would be)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Tool._meta.db_table} SET enabled = %s WHERE name = %s", [False, config])

    # then the next turn sees it, through the generation the trigger changed
    assert _turn()["tool_enabled"] is False


def test_only_the_changed_tables_are_read_again(config):
    _turn()
    guardrail_policy_save(handoff_on_block=False, actor="admin")

    with CaptureQueriesContext(connection) as queries:
        _turn()

    tables = " ".join(query["sql"] for query in queries)
    assert "knowledge_guardrailpolicy" in tables
    assert Tool._meta.db_table not in tables
    assert ModelTier._meta.db_table not in tables


def test_a_turn_keeps_its_snapshot_while_another_turn_sees_an_edit(config):
    with config_snapshot():
        # given a turn that has read the tools
        assert tool_effective(config).enabled is True

        # when an admin disables the tool and another turn (its own context) starts
        Tool.objects.filter(name=config).update(enabled=False)
        other = contextvars.Context().run(_turn)

        # then the other turn sees the edit and this one still its own snapshot
        assert other["tool_enabled"] is False
        assert tool_effective(config).enabled is True


def test_every_watched_table_has_a_generation():
    generations = config_generations()

    for model in (Tool, ToolSource, RemoteTool, Fact, ModelTier):
        assert model._meta.db_table in generations


def test_a_product_renamed_by_update_is_seen_by_the_next_snapshot(config):
    # given a snapshot that knows the product by its name (prices are keyed by lowercased name)
    variant = Variant.objects.select_related("product").get(item_id="6469567736")
    old = variant.product.name.lower()
    assert old in knowledge_snapshot().prices

    # when the product is renamed without a save(), as a bulk admin action or SQL would
    Product.objects.filter(pk=variant.product_id).update(name="Renamed Gadget")

    # then the next snapshot names it anew, inside a turn and outside one
    with config_snapshot():
        assert "renamed gadget" in knowledge_snapshot().prices
    prices = knowledge_snapshot().prices
    assert "renamed gadget" in prices
    assert old not in prices


def test_a_variants_options_edited_by_update_are_seen_by_the_next_snapshot(config):
    variant = Variant.objects.select_related("product").get(item_id="6469567736")
    name = variant.product.name.lower()
    knowledge_snapshot()

    Variant.objects.filter(pk=variant.pk).update(options={"finish": "cache-test"})

    [seen] = [v for v in knowledge_snapshot().prices[name] if v.item_id == variant.item_id]
    assert seen.options == {"finish": "cache-test"}
