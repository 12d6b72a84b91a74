"""Tool descriptions quote the store's terms from the knowledge facts when offered to a model."""

import re

from apps.accounts.principals import Principal
from apps.tools.models import Tool
from apps.tools.selectors import tools_offered
from tests.knowledge.edits import admin_edits_fact

OLIVIA = "olivia_ito_3591"


def _described(principal: Principal) -> dict[str, str]:
    """Each offered tool's description as the model receives it."""
    return {tool.name: tool.openai_spec()["function"]["description"] for tool in tools_offered(principal)}


def test_a_tool_quotes_the_refund_time_in_force(db, customer_principal):
    # given an admin changed how long a refund to PayPal takes
    before = _described(customer_principal(OLIVIA))["cancel_pending_order"]
    admin_edits_fact("refund-time-paypal", value="2-3")

    # when the tools are next offered to the model
    after = _described(customer_principal(OLIVIA))

    # then the cancel and payment-change tools quote the new time, not the old one
    assert "within 5-7 business days on PayPal" in before
    for name in ("cancel_pending_order", "modify_pending_order_payment"):
        assert "within 2-3 business days on PayPal" in after[name]
        assert "within 5-7 business days on PayPal" not in after[name]
    # and the other terms are still quoted as they are
    assert "immediately on a gift card" in after["cancel_pending_order"]


def test_no_description_leaves_a_placeholder_for_the_model(db, system):
    # given the seeded facts, when every tool is offered
    described = _described(system)

    # then every placeholder in the code's descriptions named a fact
    assert len(described) > 10
    assert {name: text for name, text in described.items() if re.search(r"\{[a-z_]+(?::\w+)?\}", text)} == {}


def test_an_admins_description_may_quote_terms_and_keeps_what_it_does_not_know(db, system):
    # given an admin's description with a placeholder, a typo and stray braces
    Tool.objects.filter(name="calculate").update(
        description='Sums. Returns: {return_window_days}. Typo: {return_windw}. JSON: {"a": 1} {'
    )

    # when the tool is offered
    text = _described(system)["calculate"]

    # then the term is filled in and the rest is as the admin wrote it
    assert text == 'Sums. Returns: 30 days. Typo: {return_windw}. JSON: {"a": 1} {'


def test_an_admins_description_follows_a_later_edit_of_the_fact(db, system):
    # given an admin's description quoting the return window
    Tool.objects.filter(name="calculate").update(description="Windows: {return_window_days}.")

    # when the window changes
    admin_edits_fact("return-window-days", value="45")

    # then the description states the new window
    assert _described(system)["calculate"] == "Windows: 45 days."


def test_the_back_office_shows_the_description_as_the_model_reads_it(db, client, django_user_model):
    # given an admin looking at a tool whose description quotes a term
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "pw"))
    admin_edits_fact("refund-time-credit-card", value="3-4")
    tool = Tool.objects.get(name="cancel_pending_order")

    # when the tool's page opens
    page = client.get(f"/admin/tools/tool/{tool.pk}/change/").content.decode()

    # then it shows the placeholder to edit, the rendered text and how to quote a term
    assert "{refund_time_credit_card:within}" in page
    assert "within 3-4 business days on a credit card" in page
    assert "hyphens as underscores" in page


def test_the_offered_tools_read_the_terms_once_for_all(db, system, django_assert_num_queries):
    # given the tools offered for one model call
    offered = tools_offered(system)

    # then building their specs for the model asks the database nothing more
    with django_assert_num_queries(0):
        specs = [tool.openai_spec() for tool in offered]
    assert len(specs) == len(offered)
