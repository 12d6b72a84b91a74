"""The store's terms as text quotes them: read from the facts in force, so an edit shows at once."""

import json
import re

from apps.knowledge.services import SEED_PATH
from apps.knowledge.terms import QUOTED_TERMS, REFUND_TIMING, policy_terms

from .edits import admin_deletes_fact, admin_edits_fact


def test_placeholders_state_the_facts_in_force(db):
    # given the seeded facts
    terms = policy_terms()

    # when text quotes them
    text = terms.render(
        "Returns within {return_window_days}; shipping {standard_shipping_fee}; PayPal refunds "
        "{refund_time_paypal:within}; gift cards {refund_time_gift_card:within}."
    )

    # then each reads as a customer would read the fact
    assert text == (
        "Returns within 30 days; shipping $5.99; PayPal refunds within 5-7 business days; "
        "gift cards immediately."
    )


def test_an_admins_edit_is_quoted_by_the_next_reader(db):
    # given the terms were read once (and cached)
    before = policy_terms().refund_timing("paypal")

    # when an admin changes the fact
    admin_edits_fact("refund-time-paypal", value="2-3")

    # then the next reader quotes the new value
    assert before == "within 5-7 business days"
    assert policy_terms().refund_timing("paypal") == "within 2-3 business days"
    assert policy_terms().render("{refund_time_paypal}") == "2-3 business days"


def test_unknown_placeholders_and_stray_braces_are_left_as_written(db):
    # given an admin's text with a typo, a format we do not know and braces of all sorts
    text = "Refund {refund_time_paypl:within}, {refund_time_paypal:soon}, {{x}}, {Order}, { }, {, }, {}"

    # when it is rendered
    rendered = policy_terms().render(text)

    # then nothing breaks and nothing but known placeholders changes
    assert rendered == text


def test_a_missing_fact_is_stated_without_any_figure(db):
    # given an admin deleted the credit card refund time and the return window
    admin_deletes_fact("refund-time-credit-card")
    admin_deletes_fact("return-window-days")

    # when text quotes them
    terms = policy_terms()
    text = terms.render(f"{REFUND_TIMING}. Return within {{return_window_days}}.")

    # then it points at the policy in words, states no figure and leaves no placeholder
    assert "within the time our refund policy states on a credit card" in text
    assert "Return within the period our return policy allows." in text
    assert terms.refund_timing("credit_card") == "within the time our refund policy states"
    assert "{" not in text
    # the facts still there are quoted as they are
    assert "within 5-7 business days on PayPal" in text


def test_every_term_the_code_quotes_is_a_seeded_fact():
    # A renamed key would otherwise silently fall back to the wording for a missing fact.
    seeded = {fact["key"] for fact in json.loads(SEED_PATH.read_text())["facts"]}
    quoted = {name.replace("_", "-") for name in re.findall(r"\{([a-z_]+)(?::\w+)?\}", REFUND_TIMING)}

    assert set(QUOTED_TERMS) <= seeded
    assert quoted <= set(QUOTED_TERMS)


def test_reading_the_terms_again_costs_one_query(db, django_assert_num_queries):
    # given the terms were read once
    policy_terms()

    # then reading them again, with no fact changed, only asks whether a fact changed
    with django_assert_num_queries(1):
        policy_terms()
