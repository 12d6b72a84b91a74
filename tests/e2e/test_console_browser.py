"""The supervisor console in headless Chromium on the production topology: a customer asks for a
person on the chat page, a supervisor claims the chat in the console and replies, and the
customer's page shows the reply. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

from apps.conversations.models import Handoff
from tests.e2e.test_chat_browser import ARTIFACTS, browser, outside_the_event_loop  # noqa: F401
from tests.integration.live import live, live_services  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REPLY = "Hi Olivia, I'm Sam from the support team. I can see your orders; how can I help?"


def sign_in(page, base_url: str, username: str, password: str, next_path: str) -> None:
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def test_a_supervisor_claims_an_escalated_chat_and_the_customer_sees_the_reply(live, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)

    # Given a signed-in customer who asks for a person.
    customer_context = browser.new_context(viewport={"width": 1000, "height": 800})
    customer = customer_context.new_page()
    customer.set_default_timeout(20_000)
    sign_in(customer, live.http_url, "olivia_ito_3591", "demo-customer", "/chat/")
    customer.locator("#connection[data-state=open]").wait_for()
    customer.get_by_role("button", name="Talk to a person").click()
    customer.get_by_role("log").get_by_text("Someone from our team will join").wait_for()
    handoff = outside_the_event_loop(lambda: Handoff.objects.select_related("conversation").get())
    conversation_id = handoff.conversation_id

    # When an L2 supervisor opens the console, claims the chat and replies.
    staff_context = browser.new_context(viewport={"width": 1440, "height": 900})
    console = staff_context.new_page()
    console.set_default_timeout(20_000)
    sign_in(console, live.http_url, "supervisor2", "demo-supervisor2", "/console/")
    console.get_by_role("status").filter(has_text="Live").wait_for()
    queue = console.get_by_role("list", name="Chats waiting for a person")
    queue.get_by_text(f"Chat {conversation_id}").wait_for()
    console.screenshot(path=str(ARTIFACTS / "console-queue.png"))
    console.get_by_role("button", name=f"Claim chat {conversation_id}").click()

    console.get_by_role("heading", name=f"Chat {conversation_id}").wait_for()
    console.get_by_text("claimed by supervisor2").first.wait_for()
    entities = console.locator("#entities")
    assert "olivia_ito_3591" in entities.inner_text()
    reply_box = console.get_by_label("Reply to the customer")
    reply_box.fill(REPLY)
    console.get_by_role("button", name="Send reply").click()
    console.get_by_role("log", name="Conversation history").get_by_text(REPLY).wait_for()
    console.screenshot(path=str(ARTIFACTS / "console-claimed-reply.png"))

    # Then the customer's page shows the reply, from the supervisor.
    customer.get_by_role("log").get_by_text(REPLY).wait_for()
    customer.screenshot(path=str(ARTIFACTS / "chat-supervisor-reply.png"))
    stored = outside_the_event_loop(lambda: Handoff.objects.select_related("claimed_by").get(pk=handoff.pk))
    assert (stored.status, stored.claimed_by.username) == ("claimed", "supervisor2")

    # A second supervisor who tries to claim the same chat is told who has it.
    other_context = browser.new_context(viewport={"width": 1280, "height": 800})
    other = other_context.new_page()
    other.set_default_timeout(20_000)
    sign_in(other, live.http_url, "supervisor1", "demo-supervisor1", "/console/")
    other.get_by_text("claimed by supervisor2").wait_for()
    assert other.get_by_role("button", name=f"Claim chat {conversation_id}").count() == 0

    # Closing the chat removes it from the queue.
    console.once("dialog", lambda dialog: dialog.accept())
    console.get_by_role("button", name="Close").click()
    console.locator("#queue-empty").wait_for(state="visible")
    console.screenshot(path=str(ARTIFACTS / "console-closed.png"))
    for context in (customer_context, staff_context, other_context):
        context.close()


def test_the_consoles_scripts_run_together_without_errors(live, browser):  # noqa: F811
    # Given a supervisor's console, its scripts loaded as separate files in the template's order
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live.http_url, "supervisor1", "demo-supervisor1", "/console/")
    page.get_by_role("status").filter(has_text="Live").wait_for()

    # When the shortcut for the closed chats is used and a search goes out over the socket
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.id") == "history-query"
    page.locator("#history-query").fill("nobody-has-this-name")
    page.locator("#history-query").press("Enter")
    page.locator("#history-empty").wait_for(state="visible")
    # and the queue tab is shown again
    page.get_by_role("tab", name="Queue").click()
    page.locator("#queue-panel").wait_for(state="visible")

    # Then every part answered (shortcuts, tabs, socket, history) and no script failed
    assert page.get_by_role("tab", name="Queue").get_attribute("aria-selected") == "true"
    assert errors == []
