"""Tools imported from an OpenAPI document, called through `tool_execute` against a real HTTP
service on loopback (tests/support/loyalty_service.py)."""

from __future__ import annotations

import json

import pytest
from django.db import transaction

from apps.accounts.principals import Principal
from apps.accounts.roles import Role
from apps.agent.gate import CONFIRMATION_REQUIRED, confirmation_gate
from apps.llm.context import AgentContext
from apps.tools.executor import Observation, tool_execute
from apps.tools.selectors import tool_effective, tools_offered
from apps.toolsources.models import RemoteTool, ToolSource

from .conftest import OLIVIA, OLIVIA_EMAIL, allow, staff


def customer_gate(context: AgentContext):
    """The customer turn's last check, as the agent's runner applies it."""

    def check(tool, arguments):
        if not tool.needs_confirmation:
            return None
        decision = confirmation_gate(context, tool=tool.name, arguments=arguments)
        if decision.allow:
            return None
        return Observation.failure(tool.name, CONFIRMATION_REQUIRED, decision.message)

    return check


def test_import_makes_one_tool_per_chosen_operation_with_defaults_by_method(loyalty_tools):
    tools = {t.name: t for t in RemoteTool.objects.filter(source=loyalty_tools)}

    assert set(tools) == {
        "loyalty_getMember",
        "loyalty_redeemPoints",
        "loyalty_listRewards",
        "loyalty_slowReport",
        "loyalty_brokenReport",
        "loyalty_movedReport",
        "loyalty_bigReport",
    }
    read, write = tools["loyalty_getMember"], tools["loyalty_redeemPoints"]
    assert (read.kind, read.needs_confirmation) == ("read", False)
    assert (write.kind, write.needs_confirmation, write.permission) == (
        "write",
        True,
        "commerce.change_customer",
    )
    # $ref'd parameter and body resolved; readOnly "id" left out; optional "reason" may be null.
    body = write.parameters["properties"]["body"]
    assert set(body["properties"]) == {"points", "reason"}
    assert body["properties"]["reason"]["type"] == ["string", "null"]
    assert body["additionalProperties"] is False
    assert write.strict is True


def test_the_model_never_sees_a_bound_argument(loyalty_tools, olivia):
    spec = tool_effective("loyalty_redeemPoints").openai_spec()["function"]

    assert "email" not in spec["parameters"]["properties"]
    assert spec["strict"] is True
    assert "maxLength" not in json.dumps(spec["parameters"])  # validated by the gate, not shown
    offered = {t.name for t in tools_offered(olivia)}
    assert {"loyalty_getMember", "loyalty_redeemPoints", "get_order_details"} <= offered


def test_a_read_fills_in_the_verified_customer_and_feeds_the_observation(loyalty_tools, loyalty, olivia):
    observation = tool_execute(olivia, "loyalty_getMember", {})

    assert observation.ok, observation.text
    assert observation.data == {"email": OLIVIA_EMAIL, "points": 500, "tier": "gold", "store_credit": 12.5}
    assert loyalty.requests[-1]["path"] == f"/members/{OLIVIA_EMAIL}"


def test_query_parameters_go_out_and_nulls_stay_home(loyalty_tools, loyalty, olivia):
    observation = tool_execute(olivia, "loyalty_listRewards", {"tier": "gold", "limit": None})

    assert observation.ok
    assert loyalty.requests[-1]["query"] == {"tier": ["gold"]}


def test_a_bound_customer_argument_the_model_sends_is_refused_and_nothing_is_sent(
    loyalty_tools, loyalty, olivia
):
    before = len(loyalty.requests)

    observation = tool_execute(
        olivia,
        "loyalty_redeemPoints",
        {"email": "someone.else@example.com", "body": {"points": 5, "reason": None}},
    )

    assert observation.error_code == "invalid_arguments"
    assert "'email'" in observation.text
    assert len(loyalty.requests) == before
    assert loyalty.balances[OLIVIA_EMAIL] == 500


def test_an_anonymous_visitor_cannot_reach_a_customer_bound_tool(loyalty_tools, loyalty):
    observation = tool_execute(Principal.anonymous(), "loyalty_getMember", {})

    assert observation.error_code == "permission_denied"
    assert loyalty.requests == [r for r in loyalty.requests if r["path"] == "/openapi.json"]


def test_a_write_runs_only_after_the_customers_yes_and_sends_an_idempotency_key(
    loyalty_tools, loyalty, olivia
):
    context = AgentContext(
        customer_id=OLIVIA, latest_customer_message="Redeem 100 points please", latest_customer_message_id=1
    )
    arguments = {"body": {"points": 100, "reason": "coffee"}}

    asked = tool_execute(
        olivia, "loyalty_redeemPoints", arguments, conversation="c1", step=1, check=customer_gate(context)
    )
    assert asked.error_code == CONFIRMATION_REQUIRED
    assert loyalty.writes() == []

    context.latest_customer_message, context.latest_customer_message_id = "yes", 2
    done = tool_execute(
        olivia, "loyalty_redeemPoints", arguments, conversation="c1", step=2, check=customer_gate(context)
    )

    assert done.ok, done.text
    assert done.data == {"voucher": "V0001", "points": 100}
    assert loyalty.balances[OLIVIA_EMAIL] == 400
    (write,) = loyalty.writes()
    assert write["body"] == {"points": 100, "reason": "coffee"}
    assert len(write["headers"]["idempotency-key"]) == 64


def test_a_repeated_step_returns_the_stored_observation_without_a_second_request(
    loyalty_tools, loyalty, olivia
):
    arguments = {"body": {"points": 50, "reason": None}}
    first = tool_execute(olivia, "loyalty_redeemPoints", arguments, conversation="c2", step=7)
    again = tool_execute(olivia, "loyalty_redeemPoints", arguments, conversation="c2", step=7)

    assert first.ok
    assert again.replayed
    assert again.data == first.data
    assert len(loyalty.writes()) == 1
    assert loyalty.balances[OLIVIA_EMAIL] == 450


def test_a_write_retried_after_a_dropped_connection_changes_the_service_once(loyalty_tools, loyalty, olivia):
    # given a service that deduplicates on Idempotency-Key, declared so by the admin
    ToolSource.objects.filter(pk=loyalty_tools.pk).update(writes_idempotent=True, retries=2)
    loyalty.drop_next_write = True

    observation = tool_execute(
        olivia, "loyalty_redeemPoints", {"body": {"points": 120, "reason": None}}, conversation="c3", step=1
    )

    assert observation.ok, observation.text
    writes = loyalty.writes()
    assert len(writes) == 2  # the lost answer, then the retry with the same key
    assert writes[0]["headers"]["idempotency-key"] == writes[1]["headers"]["idempotency-key"]
    assert loyalty.balances[OLIVIA_EMAIL] == 380
    assert len(loyalty.redemptions) == 1


def test_a_dropped_write_is_not_retried_blindly_and_a_redelivered_step_changes_nothing_more(
    loyalty_tools, loyalty, olivia
):
    # given a service not declared idempotent: the write is tried once and the model is warned
    loyalty.drop_next_write = True
    arguments = {"body": {"points": 200, "reason": None}}
    with transaction.atomic():
        lost = tool_execute(olivia, "loyalty_redeemPoints", arguments, conversation="c4", step=1)
        assert lost.error_code == "remote_dropped"
        assert "may or may not" in lost.text
        assert "Nothing was changed" not in lost.text
        transaction.set_rollback(True)  # the worker died: its transaction never committed

    # when the redelivered task runs the same step again, the same key goes out
    again = tool_execute(olivia, "loyalty_redeemPoints", arguments, conversation="c4", step=1)

    assert again.ok
    assert len(loyalty.writes()) == 2
    assert len(loyalty.redemptions) == 1
    assert loyalty.balances[OLIVIA_EMAIL] == 300


def test_an_l1_supervisor_is_refused_a_tool_that_needs_l2(loyalty_tools, loyalty, django_user_model):
    RemoteTool.objects.filter(name="loyalty_listRewards").update(permission="commerce.cancel_order")
    l1 = staff(django_user_model, Role.SUPERVISOR_L1, "l1")
    l2 = staff(django_user_model, Role.SUPERVISOR_L2, "l2")

    refused = tool_execute(l1, "loyalty_listRewards", {"tier": None, "limit": None})
    allowed = tool_execute(l2, "loyalty_listRewards", {"tier": None, "limit": None})

    assert refused.error_code == "permission_denied"
    assert allowed.ok
    assert sum(1 for r in loyalty.requests if r["path"] == "/rewards") == 1


def test_a_4xx_becomes_an_observation_the_model_can_correct_from(loyalty_tools, loyalty, olivia):
    observation = tool_execute(olivia, "loyalty_redeemPoints", {"body": {"points": 9999, "reason": None}})

    assert observation.error_code == "remote_422"
    assert "has only 500 points" in observation.text
    assert "Nothing was changed" in observation.text


def test_a_5xx_on_a_read_is_retried_then_reported(loyalty_tools, loyalty, olivia):
    loyalty.fail_next = 503

    recovered = tool_execute(olivia, "loyalty_getMember", {})
    assert recovered.ok  # the retry found the service back

    ToolSource.objects.filter(pk=loyalty_tools.pk).update(retries=0)
    loyalty.fail_next = 500
    failed = tool_execute(olivia, "loyalty_getMember", {})
    assert failed.error_code == "remote_5xx"
    assert "bad day" in failed.text


def test_a_5xx_on_a_write_says_the_outcome_is_unknown(loyalty_tools, loyalty, olivia):
    loyalty.fail_next = 500

    observation = tool_execute(olivia, "loyalty_redeemPoints", {"body": {"points": 1, "reason": None}})

    assert observation.error_code == "remote_5xx"
    assert "may or may not" in observation.text
    assert len(loyalty.writes()) == 1  # writes are not retried


def test_a_timeout_becomes_an_observation(loyalty_tools, loyalty, olivia):
    ToolSource.objects.filter(pk=loyalty_tools.pk).update(retries=0, timeout_seconds=0.3)
    loyalty.slow_seconds = 1.5

    observation = tool_execute(olivia, "loyalty_slowReport", {})

    assert observation.error_code == "remote_timeout"
    assert "0.3 seconds" in observation.text


def test_a_redirect_to_a_disallowed_host_is_refused(loyalty_tools, loyalty, olivia):
    loyalty.redirect_to = "http://10.1.2.3:8080/internal"

    observation = tool_execute(olivia, "loyalty_movedReport", {})

    assert observation.error_code == "host_not_allowed"
    assert "10.1.2.3:8080" in observation.text


def test_a_redirect_within_the_allowed_host_is_followed(loyalty_tools, loyalty, olivia):
    loyalty.redirect_to = f"{loyalty.url}/rewards"

    observation = tool_execute(olivia, "loyalty_movedReport", {})

    assert observation.ok
    assert observation.data[0]["name"] == "Coffee voucher"


def test_an_answer_over_the_size_limit_is_refused(loyalty_tools, loyalty, olivia):
    observation = tool_execute(olivia, "loyalty_bigReport", {})

    assert observation.error_code == "response_too_large"


def test_a_host_taken_off_the_allow_list_is_no_longer_reached(loyalty_tools, loyalty, olivia, settings):
    allow(settings, hosts=["shop.example.com"])
    before = len(loyalty.requests)

    observation = tool_execute(olivia, "loyalty_getMember", {})

    assert observation.error_code == "host_not_allowed"
    assert len(loyalty.requests) == before


def test_the_credential_comes_from_an_allowed_environment_variable(
    loyalty_tools, loyalty, olivia, settings, monkeypatch
):
    monkeypatch.setenv("LOYALTY_TOKEN", "s3cret")
    ToolSource.objects.filter(pk=loyalty_tools.pk).update(secret_env="LOYALTY_TOKEN")

    refused = tool_execute(olivia, "loyalty_getMember", {})
    allow(settings, hosts=[f"127.0.0.1:{loyalty.port}"], secrets=["LOYALTY_TOKEN"])
    sent = tool_execute(olivia, "loyalty_getMember", {})

    assert refused.error_code == "source_misconfigured"
    assert sent.ok
    assert loyalty.requests[-1]["headers"]["authorization"] == "Bearer s3cret"
    assert "s3cret" not in json.dumps(list(ToolSource.objects.values()), default=str)


def test_a_disabled_source_offers_no_tools(loyalty_tools, olivia):
    ToolSource.objects.filter(pk=loyalty_tools.pk).update(enabled=False)

    observation = tool_execute(olivia, "loyalty_getMember", {})

    assert observation.error_code == "unknown_tool"
    assert "loyalty_getMember" not in {t.name for t in tools_offered(olivia)}


@pytest.mark.parametrize("arguments", ['{"body": {"points": "lots", "reason": null}}', "[1]", "{nope"])
def test_malformed_arguments_are_refused_before_anything_is_sent(loyalty_tools, loyalty, olivia, arguments):
    observation = tool_execute(olivia, "loyalty_redeemPoints", arguments)

    assert not observation.ok
    assert loyalty.writes() == []


def test_a_remote_observation_is_evidence_for_the_answer_like_a_built_in_one(loyalty_tools, olivia):
    from apps.guardrails.check import guard_answer
    from apps.guardrails.turn import evidence_for_turn

    observation = tool_execute(olivia, "loyalty_getMember", {})
    answer = "You have $12.50 of store credit."

    with_it = guard_answer(answer, evidence_for_turn(None, [observation]))
    without = guard_answer(answer, evidence_for_turn(None, []))

    assert with_it.verdict == "pass"
    assert without.verdict == "block"
