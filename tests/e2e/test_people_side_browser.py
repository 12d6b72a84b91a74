"""The people's side in headless Chromium on the production topology (daphne, a Celery worker,
PostgreSQL, Redis): two supervisors and a customer on screen at once, the console's alerts,
shortcuts, saved replies, notes and history, the customer's queue place, typing and read state,
safe formatting, the embedded chat in a sample shop, and the dashboard.

Screenshots go to test-artifacts/ (git-ignored). The time from a hand-off to the supervisor's
alert and to the customer's queue place is measured and printed, never asserted."""

from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path

import pytest

from apps.conversations.models import CannedReply, Conversation, EmbedSite, Handoff
from tests.e2e.test_chat_browser import ARTIFACTS, browser, outside_the_event_loop, say  # noqa: F401
from tests.e2e.test_console_browser import sign_in
from tests.integration.live import live, live_services  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TIMEOUT = 20_000


def until(page, expression: str, timeout: float = 15.0) -> bool:
    """Whether `expression` became truthy in the page within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def new_page(browser, width: int, height: int, **options):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    return context, page


def staff_console(browser, live, username: str, width: int = 1280, height: int = 800):  # noqa: F811
    context, page = new_page(browser, width, height)
    context.grant_permissions(["notifications"], origin=live.http_url)
    sign_in(page, live.http_url, username, f"demo-{username}", "/console/")
    page.get_by_role("status").filter(has_text="Live").wait_for()
    page.mouse.click(5, 300)  # a first interaction, so the page may play its alert sound
    return context, page


def customer_chat(browser, live, width: int = 1000, height: int = 800):  # noqa: F811
    context, page = new_page(browser, width, height)
    sign_in(page, live.http_url, "olivia_ito_3591", "demo-customer", "/chat/")
    page.locator("#connection[data-state=open]").wait_for()
    return context, page


def name_the_staff() -> None:
    """Customers see support staff by first name: give the demo supervisors one."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    outside_the_event_loop(lambda: users.filter(username="supervisor1").update(first_name="Sam"))
    outside_the_event_loop(lambda: users.filter(username="supervisor2").update(first_name="Alex"))


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_two_supervisors_and_a_customer_at_once(live, browser, capsys):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    name_the_staff()
    customer_context, customer = customer_chat(browser, live)
    sam_context, sam = staff_console(browser, live, "supervisor1", 1280, 800)
    # The second supervisor works on a tablet held sideways.
    alex_context, alex = staff_console(browser, live, "supervisor2", 1024, 768)
    for page in (sam, alex):
        assert page.get_by_role("button", name="Desktop alerts on").is_disabled()

    # Given a customer who writes, then asks for a person.
    # Written so that only the button asks for a person: a message that asks for one itself may
    # be handed over by its own turn first, and the press would then find the chat queued.
    say(customer, "my patio umbrella arrived broken", ".")
    started = customer.evaluate(
        "() => { const t = Date.now(); document.getElementById('person').click(); return t; }"
    )

    # Then both consoles alert and the customer sees their place in the queue.
    banner = customer.get_by_role("status").filter(has_text="in the queue for a person")
    banner.wait_for()
    for page in (sam, alex):
        # Polled from here: Playwright's wait_for_function evaluates a string in the page, which
        # the console's CSP (no 'unsafe-eval') refuses once it has to poll more than once.
        assert until(page, "window.__consoleMarks.alerts.length > 0"), "no alert on a console"
    queue_at = customer.evaluate("window.__chatMarks.queue")
    alerts = [page.evaluate("window.__consoleMarks.alerts[0]") for page in (sam, alex)]
    with capsys.disabled():
        print(
            "\n[people-side timing] hand-off -> supervisor alert: "
            f"{alerts[0]['at'] - started} ms (L1 console), {alerts[1]['at'] - started} ms (L2 console); "
            f"hand-off -> customer's queue place: {queue_at - started} ms"
        )
    assert "You're number 1 in the queue" in banner.inner_text()
    assert customer.locator("#promise").inner_text() == "Waiting for a person"
    handoff = outside_the_event_loop(lambda: Handoff.objects.get())
    assert {a["handoff"] for a in alerts} == {handoff.pk}
    assert all(a["sound"] for a in alerts)
    assert sam.title().startswith("(1) ")

    # The card names the customer, quotes them, says why and how urgent; never a username.
    card = sam.locator(f'.queue__item[data-handoff="{handoff.pk}"]')
    card.get_by_text("Olivia Ito").wait_for()
    assert "umbrella arrived broken" in card.inner_text()
    assert "pressed 'Talk to a person'" in card.inner_text()
    assert re.search(r"P[123]", card.locator(".prio").inner_text())
    assert "olivia_ito_3591" not in card.inner_text()

    # A second "Talk to a person" gets a plain answer.
    customer.get_by_role("button", name="Talk to a person").click()
    customer.get_by_text("You're already in the queue for a person").wait_for()
    for name, page in (("customer", customer), ("sam", sam), ("alex", alex)):
        page.screenshot(path=str(ARTIFACTS / f"three-at-once-1-queued-{name}.png"))

    # When the L2 supervisor claims it with the keyboard (C claims the most urgent chat).
    alex.keyboard.press("c")
    alex.get_by_role("heading", name=re.compile(f"Olivia Ito · Chat {handoff.conversation_id}")).wait_for()
    customer.get_by_role("log").get_by_text("Alex from our support team joined the chat.").wait_for()
    assert customer.locator("#chat-title").inner_text() == "Chatting with Alex"
    assert customer.locator("#queue-banner").is_hidden()
    sam.get_by_text("claimed by Alex").wait_for()
    assert sam.get_by_role("button", name=f"Claim chat {handoff.conversation_id}").count() == 0

    # Typing shows both ways; R focuses the reply box.
    alex.keyboard.press("r")
    assert alex.evaluate("document.activeElement.id") == "reply-text"
    alex.keyboard.type("Sorry to hear that")
    customer.get_by_text("Alex is typing…").wait_for()
    customer.get_by_role("textbox", name="Message").press_sequentially("It has a bent rib", delay=20)
    alex.get_by_text("Olivia Ito is typing…").wait_for()
    customer.get_by_role("textbox", name="Message").press("Enter")
    alex.get_by_role("log", name="Conversation history").get_by_text("It has a bent rib").wait_for()
    # Alex has the chat open, so the customer's message is read at once and marked so.
    customer.locator(".msg--customer", has_text="It has a bent rib").get_by_text("Read").wait_for()
    # Sam does not have it open: his card counts it as unread.
    sam.locator(f'.queue__item[data-handoff="{handoff.pk}"] .unread').wait_for()

    alex.get_by_label("Reply to the customer").fill(
        "Sorry to hear that! Here is what I can do:\n- **replace** it\n- refund it"
    )
    alex.get_by_label("Reply to the customer").press("Enter")
    reply = customer.get_by_role("log").locator(".msg--supervisor").last
    reply.locator("li strong", has_text="replace").wait_for()
    assert reply.locator("li").count() == 2
    assert "Alex" in reply.locator(".msg__who").inner_text()
    alex.get_by_text("seen by customer").last.wait_for()
    for name, page in (("customer", customer), ("sam", sam), ("alex", alex)):
        page.screenshot(path=str(ARTIFACTS / f"three-at-once-2-talking-{name}.png"))
        assert no_sideways_scroll(page), name

    # Handing back (B) tells the customer the assistant answers again.
    alex.keyboard.press("Escape")
    alex.keyboard.press("b")
    customer.get_by_role("log").get_by_text("Alex handed this chat back to our assistant").wait_for()
    customer.get_by_text("Our assistant answers in seconds").wait_for()
    customer.screenshot(path=str(ARTIFACTS / "three-at-once-3-handed-back-customer.png"))
    for context in (customer_context, sam_context, alex_context):
        context.close()


def test_assist_notes_saved_replies_closing_and_history(live, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    name_the_staff()
    outside_the_event_loop(
        lambda: CannedReply.objects.create(
            title="Refund timing",
            shortcut="refund",
            text="Hi {first_name}, a refund takes 5 to 7 business days.",
        )
    )
    customer_context, customer = customer_chat(browser, live)
    customer.get_by_role("button", name="Talk to a person").click()
    customer.get_by_role("status").filter(has_text="in the queue for a person").wait_for()
    sam_context, sam = staff_console(browser, live, "supervisor1")
    sam.get_by_role("button", name=re.compile(r"Claim chat \d+")).click()
    sam.get_by_role("heading", name=re.compile("Olivia Ito")).wait_for()

    # An L1 supervisor asks the agent for something only L2 may do: the refusal stays in the thread.
    sam.get_by_label("Ask the agent to act").fill("cancel #W5442520, ordered by mistake")
    sam.get_by_role("button", name="Ask agent").click()
    note = sam.locator(".msg--note.msg--refused")
    note.get_by_text("Not done").wait_for()
    sam.wait_for_timeout(1500)  # the refresh that follows the outcome must not wipe it
    assert note.is_visible()
    assert "staff only" in note.inner_text()
    sam.reload()
    sam.get_by_role("status").filter(has_text="Live").wait_for()
    sam.get_by_role("button", name=re.compile(r"Open chat \d+")).click()
    sam.locator(".msg--note.msg--refused").get_by_text("Not done").wait_for()
    assert customer.get_by_role("log").get_by_text("Not done").count() == 0

    # A saved reply from the back office: /refund then Tab, the customer's first name filled in.
    box = sam.get_by_label("Reply to the customer")
    box.fill("/refund")
    box.press("Tab")
    assert box.input_value() == "Hi Olivia, a refund takes 5 to 7 business days."
    box.press("Enter")
    customer.get_by_role("log").get_by_text("a refund takes 5 to 7 business days").wait_for()
    sam.screenshot(path=str(ARTIFACTS / "console-1280-note-and-saved-reply.png"))

    # E closes the chat (after a confirmation); it leaves the queue and is found in history.
    sam.keyboard.press("Escape")
    sam.once("dialog", lambda dialog: dialog.accept())
    sam.keyboard.press("e")
    sam.locator("#queue-empty").wait_for(state="visible")
    customer.get_by_text("This chat has ended").first.wait_for()
    sam.get_by_role("tab", name="Closed chats").click()
    sam.get_by_label("Search closed chats").fill("refund")
    sam.get_by_label("Search closed chats").press("Enter")
    sam.get_by_role("list", name="Closed chats").get_by_text("Olivia Ito").wait_for()
    sam.get_by_role("button", name=re.compile(r"Read closed chat \d+")).click()
    sam.get_by_text("Closed · handled by Sam").wait_for()
    assert sam.get_by_label("Reply to the customer").is_disabled()
    sam.screenshot(path=str(ARTIFACTS / "console-1280-history.png"))

    # The same console on a tablet held upright: no sideways scrolling, the reply box in reach.
    tablet_context, tablet = new_page(browser, 820, 1180, has_touch=True)
    tablet_context.add_cookies(sam_context.cookies())
    tablet.goto(f"{live.http_url}/console/")
    tablet.get_by_role("status").filter(has_text="Live").wait_for()
    tablet.get_by_role("tab", name="Closed chats").click()
    tablet.get_by_role("button", name=re.compile(r"Read closed chat \d+")).click()
    tablet.get_by_role("log", name="Conversation history").wait_for()
    tablet.screenshot(path=str(ARTIFACTS / "console-tablet-portrait.png"), full_page=True)
    assert no_sideways_scroll(tablet)
    assert no_sideways_scroll(sam)
    for context in (customer_context, sam_context, tablet_context):
        context.close()


def test_chats_of_one_customer_are_grouped_and_html_stays_text(live, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    first_context, first = customer_chat(browser, live)
    second_context, second = customer_chat(browser, live)  # the same customer in another browser
    for page in (first, second):
        page.get_by_role("button", name="Talk to a person").click()
        page.get_by_role("status").filter(has_text="in the queue for a person").wait_for()
    assert "number 2" in second.locator("#queue-banner").inner_text()

    alex_context, alex = staff_console(browser, live, "supervisor2")
    group = alex.get_by_role("list", name="Chats of Olivia Ito")
    group.wait_for()
    assert group.locator(".queue__item").count() == 2
    assert alex.get_by_text("Olivia Ito · 2 chats").is_visible()
    alex.screenshot(path=str(ARTIFACTS / "console-grouped-customer.png"))

    # A hostile reply is shown as text on the customer's page and runs nothing.
    alex.get_by_role("button", name=re.compile(r"Claim chat \d+")).first.click()
    alex.get_by_role("heading", name=re.compile("Olivia Ito")).wait_for()
    hostile = '<img src=x onerror="window.__pwned=1"> **still bold**'
    alex.get_by_label("Reply to the customer").fill(hostile)
    alex.get_by_label("Reply to the customer").press("Enter")
    page = first if first.get_by_text("joined the chat").count() else second
    page.get_by_role("log").get_by_text('<img src=x onerror="window.__pwned=1">').wait_for()
    assert page.evaluate("window.__pwned === undefined")
    assert page.get_by_role("log").locator(".msg--supervisor strong", has_text="still bold").count() == 1
    assert page.get_by_role("log").locator("img").count() == 0
    for context in (first_context, second_context, alex_context):
        context.close()


def test_the_chat_embedded_in_a_sample_shop(live, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    from django.core.management import call_command

    outside_the_event_loop(lambda: call_command("create_demo_site", origin=[live.http_url]))
    context, shop = new_page(browser, 1280, 860)

    # A visitor signed in on the shop opens the chat from its one script tag.
    shop.goto(f"{live.http_url}/embed/demo/?signed=1")
    shop.get_by_role("button", name="Questions? Chat with us").click()
    frame = shop.frame_locator("iframe[title='Support chat']")
    frame.locator("#connection[data-state=open]").wait_for()
    send = frame.get_by_role("button", name="Send")
    assert send.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(47, 79, 58)"
    frame.get_by_role("textbox", name="Message").fill("where is my order #W5442520?")
    frame.get_by_role("textbox", name="Message").press("Enter")
    frame.get_by_role("log").locator(".msg--agent .msg__text").filter(has_text="W5442520").last.wait_for()
    shop.screenshot(path=str(ARTIFACTS / "embed-demo-shop.png"))
    # The shop vouched for Olivia: the chat is hers, verified, without asking who she is.
    conversation = outside_the_event_loop(
        lambda: Conversation.objects.select_related("customer", "embed_site").get()
    )
    assert conversation.customer.customer_id == "olivia_ito_3591"
    assert conversation.embed_site.key == "demo-shop"
    assert conversation.state["signed_in"] is True
    # Only the allowed origin may frame the chat.
    site = outside_the_event_loop(lambda: EmbedSite.objects.get(key="demo-shop"))
    response = shop.request.get(f"{live.http_url}/embed/frame/?site={site.key}")
    assert response.headers["content-security-policy"] == f"frame-ancestors {live.http_url}"

    # A page on an origin the site did not allow gets no chat in its frame: the same shop page
    # reached as localhost, an origin the site does not list.
    other = context.new_page()
    other.set_default_timeout(TIMEOUT)
    other.goto(f"http://localhost:{live.port}/embed/demo/")
    # Chromium refuses to show the frame and says why on the page's console.
    with other.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=TIMEOUT):
        other.get_by_role("button", name="Questions? Chat with us").click()
    assert (
        other.frame_locator("iframe[title='Support chat']").get_by_role("textbox", name="Message").count()
        == 0
    )
    other.screenshot(path=str(ARTIFACTS / "embed-refused-origin.png"))
    context.close()


def test_the_dashboard_charts_and_exports_and_customers_meet_a_friendly_console(live, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    customer_context, customer = customer_chat(browser, live)
    say(customer, "what is your return policy?", ".")
    customer.goto(f"{live.http_url}/console/")
    customer.get_by_role("heading", name="This page is for our support team").wait_for()
    customer.get_by_role("link", name="Go to the chat").wait_for()
    customer.screenshot(path=str(ARTIFACTS / "console-as-customer.png"))

    context, admin = new_page(browser, 1280, 900, accept_downloads=True)
    sign_in(admin, live.http_url, "admin", "demo-admin", "/admin/")
    assert admin.locator("link[rel=icon]").count() == 1
    admin.get_by_role("link", name="Agent dashboard").click()
    admin.wait_for_url(re.compile(r"/admin/dashboard/$"))
    admin.locator('.chart[data-series="routing"][data-drawn] svg rect').first.wait_for()
    assert admin.locator(".chart[data-drawn]").count() == 6
    admin.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    with admin.expect_download() as download_info:
        admin.get_by_role("link", name="Export CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text())))
    assert rows[0] == ["period", "figure", "key", "value"]
    assert any(row[1] == "routing" for row in rows[1:])
    for context_ in (customer_context, context):
        context_.close()
