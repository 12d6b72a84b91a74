import json

from django.core.management import call_command

from apps.commerce.demo import demo_store_read, store_load
from apps.commerce.fingerprint import StoreFingerprint, state_hash
from apps.commerce.models import Customer, Order, OrderUserObjectPermission, Product, Variant
from apps.commerce.selectors import store_state
from apps.tools.replay import tau_expected_hashes


def test_loaded_store_has_the_demo_data(db):
    assert Customer.objects.count() == 500
    assert Order.objects.count() == 1000
    assert Product.objects.count() == 50
    assert Variant.objects.count() == 591
    # every customer has a user account to sign in with and permissions on their own orders
    assert Customer.objects.filter(user__isnull=True).count() == 0
    assert OrderUserObjectPermission.objects.count() == 1000 * 7


def test_export_right_after_loading_matches_the_reference_fingerprint(db):
    assert state_hash(store_state()) == tau_expected_hashes()["initial"]


def test_loading_again_creates_nothing_and_keeps_changes(db):
    # given a store someone has changed
    Order.objects.filter(order_id="#W2611340").update(status="cancelled")
    # when the demo store is loaded again
    report = store_load(**demo_store_read())
    # then nothing is created and the change is kept
    assert (report.customers, report.orders, report.products, report.permissions) == (0, 0, 0, 0)
    assert Order.objects.get(order_id="#W2611340").status == "cancelled"


def test_export_command_writes_the_three_sections(db, tmp_path):
    target = tmp_path / "state.json"
    call_command("export_store_state", output=str(target))
    exported = json.loads(target.read_text())
    assert set(exported) == {"users", "orders", "products"}
    order = exported["orders"]["#W2611340"]
    assert order["user_id"] == "james_li_5688"
    assert [item["item_id"] for item in order["items"]] == ["6469567736", "8426249116"]
    assert order["payment_history"] == [
        {"transaction_type": "payment", "amount": 536.65, "payment_method_id": "gift_card_1725971"}
    ]
    assert state_hash(exported) == tau_expected_hashes()["initial"]


def test_incremental_fingerprint_equals_a_full_one_after_a_change(db):
    # given the fingerprint of the fresh store
    fingerprint = StoreFingerprint(store_state())
    assert fingerprint.hash() == tau_expected_hashes()["initial"]
    # when one order changes
    Order.objects.filter(order_id="#W2611340").update(city="Elsewhere")
    changed = {"orders": {"#W2611340": store_state()["orders"]["#W2611340"]}}
    # then swapping in that record gives the same digest as exporting everything
    assert fingerprint.hash(changed) == state_hash(store_state())
    assert fingerprint.hash(changed) != tau_expected_hashes()["initial"]
