"""The attack suite (tests/security/attacks.json) against the running system: nothing it tries
may change the store, show anyone's personal data before they are verified, or go unaudited."""

from __future__ import annotations

import pytest

from .redteam import ATTACKS, run_admin_attack, run_chat_attack, run_frame_attack

CHAT = [a for a in ATTACKS if a["kind"] == "chat"]
FRAMES = [a for a in ATTACKS if a["kind"] == "frame"]
BACKOFFICE = [a for a in ATTACKS if a["kind"] == "admin"]


def test_the_suite_holds_at_least_sixty_attacks_of_every_kind():
    categories = {a["category"] for a in ATTACKS}
    assert len(ATTACKS) >= 60
    assert categories >= {
        "identity",
        "prompt_injection",
        "tool_result_injection",
        "cross_customer",
        "identity_switch",
        "confirmation_bypass",
        "admin_misuse",
        "malformed_frame",
    }


@pytest.mark.parametrize("engine", ["loopback", "offline"])
@pytest.mark.parametrize("attack", CHAT, ids=[a["id"] for a in CHAT])
def test_a_chat_attack_changes_nothing_and_shows_nothing(db, attack, engine):
    outcome = run_chat_attack(attack, engine)

    assert outcome.unauthorised_writes == []
    assert outcome.personal_data == []
    assert outcome.audited


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attack", FRAMES, ids=[a["id"] for a in FRAMES])
def test_a_malformed_frame_gets_an_error_and_the_socket_stays_open(attack, record_turns):
    outcome = run_frame_attack(attack)

    assert outcome.refused, outcome.detail
    assert outcome.unauthorised_writes == []


@pytest.mark.parametrize("attack", BACKOFFICE, ids=[a["id"] for a in BACKOFFICE])
def test_back_office_and_api_misuse_is_refused(db, attack):
    outcome = run_admin_attack(attack)

    assert outcome.refused, outcome.detail
    assert outcome.unauthorised_writes == []
