"""Remote tools on PostgreSQL: the loyalty service on loopback, calls through `tool_execute`,
twin calls of one step on their own connections at the same moment."""

import pytest

from apps.accounts.principals import principal_for_customer
from apps.audit.services import audit_chain_breaks, conversation_stream
from apps.tools.executor import tool_execute
from apps.tools.models import ToolCall
from apps.toolsources.models import ToolSource
from tests.integration.live import demo_data_ensure
from tests.integration.test_concurrent_writes import run_at_once
from tests.toolsources.conftest import OLIVIA, OLIVIA_EMAIL, loyalty_import, loyalty_start

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loyalty(transactional_db, settings):
    demo_data_ensure()  # a transactional test before this one may have flushed it
    service = loyalty_start(settings)
    yield service
    service.stop()


@pytest.fixture
def loyalty_tools(loyalty):
    return loyalty_import(loyalty)


def test_a_read_and_a_write_on_postgresql(loyalty_tools, loyalty):
    olivia = principal_for_customer(OLIVIA, verified=True)

    read = tool_execute(olivia, "loyalty_getMember", {})
    write = tool_execute(
        olivia, "loyalty_redeemPoints", {"body": {"points": 40, "reason": None}}, conversation="pg1", step=1
    )

    assert read.ok, read.text
    assert read.data["points"] == 500
    assert write.ok, write.text
    assert loyalty.balances[OLIVIA_EMAIL] == 460
    assert ToolCall.objects.get(conversation_ref="pg1", step=1).ok


def test_twin_calls_of_one_step_reach_the_service_once(loyalty_tools, loyalty):
    arguments = {"body": {"points": 75, "reason": None}}

    def call():
        return tool_execute(
            principal_for_customer(OLIVIA, verified=True),
            "loyalty_redeemPoints",
            arguments,
            conversation="pg2",
            step=3,
        )

    first, second = run_at_once([call, call])

    assert first.ok
    assert second.ok
    assert sorted([first.replayed, second.replayed]) == [False, True]
    assert len(loyalty.writes()) == 1
    assert loyalty.balances[OLIVIA_EMAIL] == 425
    assert list(audit_chain_breaks(stream=conversation_stream("pg2"))) == []


def test_a_dropped_write_to_an_idempotent_service_changes_it_once(loyalty_tools, loyalty):
    ToolSource.objects.filter(pk=loyalty_tools.pk).update(writes_idempotent=True, retries=2)
    loyalty.drop_next_write = True

    observation = tool_execute(
        principal_for_customer(OLIVIA, verified=True),
        "loyalty_redeemPoints",
        {"body": {"points": 10, "reason": None}},
        conversation="pg3",
        step=1,
    )

    assert observation.ok, observation.text
    assert len(loyalty.writes()) == 2
    assert len(loyalty.redemptions) == 1
    assert loyalty.balances[OLIVIA_EMAIL] == 490
