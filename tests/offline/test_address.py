"""The forgiving address reader."""

import pytest

from apps.offline.address import address_line, merge_address, missing_fields, parse_address

FULL = {
    "address1": "123 Main St",
    "address2": "Apt 4",
    "city": "Austin",
    "state": "TX",
    "zip": "78701",
    "country": "USA",
}


@pytest.mark.parametrize(
    "text",
    [
        "123 Main St, Apt 4, Austin, TX 78701, USA",
        "please ship order #W5442520 to 123 Main St, Apt 4, Austin, TX 78701, USA",
        "123 Main St Apt 4, Austin, Texas 78701",
        "123 Main St, Apt 4, Austin TX 78701 United States",
    ],
)
def test_a_full_address_is_read_from_free_text(text):
    assert parse_address(text) == FULL


def test_a_city_that_is_also_a_state_name():
    parsed = parse_address("12 Elm Street, New York, New York 10001")
    assert (parsed["city"], parsed["state"], parsed["zip"]) == ("New York", "NY", "10001")


def test_a_partial_address_names_what_is_missing():
    parsed = parse_address("44 Oak Road, Portland")
    assert parsed == {"address1": "44 Oak Road", "city": "Portland"}
    assert missing_fields(parsed) == ["state", "country", "zip"]


def test_a_bare_word_is_a_city_only_when_the_city_was_asked_for():
    assert parse_address("Austin") == {}
    assert parse_address("Austin", asked=["city"]) == {"city": "Austin"}
    assert parse_address("yes thanks", asked=["city"]) == {}


def test_answers_fill_the_gaps_and_a_restated_address_replaces_the_old():
    partial = merge_address({"address1": "44 Oak Road", "city": "Portland"}, parse_address("OR 97201"))
    assert address_line(partial) == "44 Oak Road, Portland, OR 97201, USA"
    assert merge_address(partial, parse_address("1 Pine St, Boise, ID 83702")) == {
        "address1": "1 Pine St",
        "city": "Boise",
        "state": "ID",
        "zip": "83702",
        "country": "USA",
    }
