"""The agent uses a remote tool in whole turns: the real `openai` client against the loopback
OpenAI-compatible server, the turn service, the gate, and the loyalty service on loopback."""

from __future__ import annotations

import pytest

from apps.agent.models import AgentStep
from apps.agent.tiers import tier_get
from apps.toolsources.models import RemoteTool
from tests.support.openai_server import ScriptedOpenAIServer, text, tool_call

from .conftest import OLIVIA_EMAIL

THINK = {"content": "Thought: the loyalty service knows this."}


@pytest.fixture
def servers(db, monkeypatch):
    monkeypatch.setenv("CONTRACT_TEST_KEY", "sk-contract")
    with ScriptedOpenAIServer() as fast, ScriptedOpenAIServer() as reasoning:
        for name, server in (("fast", fast), ("reasoning", reasoning)):
            tier = tier_get(name)
            tier.base_url, tier.api_key_env = server.base_url, "CONTRACT_TEST_KEY"
            tier.timeout_seconds, tier.max_retries = 5, 0
            tier.save()
        yield {"fast": fast, "reasoning": reasoning}


def test_the_agent_reads_the_customers_points_from_the_remote_service(
    servers, loyalty_tools, loyalty, signed_in_conversation, say_to, route_as
):
    RemoteTool.objects.filter(name="loyalty_getMember").update(status_line="Checking your loyalty points...")
    route_as("lookup")
    servers["fast"].push(
        tool_call("loyalty_getMember", {}, **THINK),
        text("You have 500 points and $12.50 of store credit."),
    )

    _, report, statuses = say_to(signed_in_conversation, "how many loyalty points do I have?")

    assert report.replies[0].text == "You have 500 points and $12.50 of store credit."
    assert "Checking your loyalty points..." in statuses
    assert loyalty.requests[-1]["path"] == f"/members/{OLIVIA_EMAIL}"
    offered = {t["function"]["name"]: t["function"] for t in servers["fast"].requests[0]["tools"]}
    assert offered["loyalty_getMember"]["parameters"]["properties"] == {}
    assert "loyalty_redeemPoints" not in offered  # the fast tier sees reads only
    (step,) = AgentStep.objects.filter(conversation=signed_in_conversation)
    assert step.ok
    assert step.data["result"]["points"] == 500


def test_the_agent_redeems_points_only_after_the_customers_yes(
    servers, loyalty_tools, loyalty, signed_in_conversation, say_to, route_as
):
    route_as("transaction")
    arguments = {"body": {"points": 150, "reason": "coffee voucher"}}
    servers["reasoning"].push(
        tool_call("loyalty_redeemPoints", arguments, **THINK),
        text("I can redeem 150 points for a coffee voucher. Shall I go ahead?"),
        tool_call("loyalty_redeemPoints", arguments, **THINK),
        text("Done: your voucher is V0001."),
    )

    say_to(signed_in_conversation, "please redeem 150 points for a coffee voucher")
    assert loyalty.writes() == []
    _, report, _ = say_to(signed_in_conversation, "yes")

    assert report.replies[0].text == "Done: your voucher is V0001."
    assert loyalty.balances[OLIVIA_EMAIL] == 350
    assert len(loyalty.writes()) == 1


def test_a_model_naming_another_customer_gets_an_observation_and_nothing_is_sent(
    servers, loyalty_tools, loyalty, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    servers["fast"].push(
        tool_call("loyalty_getMember", {"email": "someone.else@example.com"}, **THINK),
        text("I can only look up your own account."),
    )

    say_to(signed_in_conversation, "how many points does someone.else@example.com have?")

    second = servers["fast"].requests[1]["messages"][-1]
    assert second["role"] == "tool"
    assert "unexpected field(s) 'email'" in second["content"]
    assert not [r for r in loyalty.requests if r["path"].startswith("/members/")]
