"""Product prices mirrored as facts: in sync with the store, changed together, read-only in admin."""

from decimal import Decimal

import pytest

from apps.audit.models import AuditEvent
from apps.commerce.models import Variant
from apps.commerce.services import variant_price_change
from apps.core.errors import InvalidRequest
from apps.knowledge.models import Fact
from apps.knowledge.selectors import knowledge_snapshot
from apps.knowledge.services import product_price_facts_sync


def test_every_variant_has_its_price_fact(db):
    variant = Variant.objects.select_related("product").get(item_id="6469567736")

    fact = Fact.objects.get(key="price-6469567736")

    assert Fact.objects.filter(scope__startswith="product:").count() == Variant.objects.count()
    assert fact.value == f"{variant.price:.2f}"
    assert fact.scope == f"product:{variant.product.product_id}"
    assert fact.statement.startswith("Water Bottle (")


def test_sync_follows_the_store_and_is_idempotent(db):
    events = AuditEvent.objects.filter(payload__action="product_price_facts_sync")
    before = events.count()
    Variant.objects.filter(item_id="6469567736").update(price=Decimal("49.99"))
    Fact.objects.filter(key="price-8426249116").delete()
    Fact.objects.create(
        key="price-0000000000", kind="money", value="1.00", scope="product:1", statement="gone"
    )

    first = product_price_facts_sync()
    second = product_price_facts_sync()

    assert (first.created, first.updated, first.deleted) == (1, 1, 1)
    assert (second.created, second.updated, second.deleted) == (0, 0, 0)
    assert Fact.objects.get(key="price-6469567736").value == "49.99"
    assert not Fact.objects.filter(key="price-0000000000").exists()
    assert events.count() == before + 1


def test_a_price_change_updates_store_fact_and_snapshot_together(db):
    knowledge_snapshot()

    variant_price_change(item_id="6469567736", price="44.50", actor="admin:user#1")

    assert Variant.objects.get(item_id="6469567736").price == Decimal("44.50")
    assert Fact.objects.get(key="price-6469567736").value == "44.50"
    prices = {v.item_id: v.price for v in knowledge_snapshot().prices["water bottle"]}
    assert prices["6469567736"] == Decimal("44.50")
    event = AuditEvent.objects.filter(payload__action="variant_price_change").get()
    assert (event.payload["before"], event.payload["after"]) == ("47.84", "44.50")


@pytest.mark.parametrize(("item_id", "price"), [("nope", "1.00"), ("6469567736", "-1")])
def test_a_bad_price_change_changes_nothing(db, item_id, price):
    with pytest.raises(InvalidRequest):
        variant_price_change(item_id=item_id, price=price, actor="admin:user#1")

    assert Fact.objects.get(key="price-6469567736").value == "47.84"


def test_price_facts_are_not_in_the_policy_part_of_the_snapshot(db):
    snapshot = knowledge_snapshot()

    assert "standard-shipping-fee" in snapshot.facts
    assert not any(key.startswith("price-") for key in snapshot.facts)
    assert len(snapshot.prices) == 50
