"""The chat page in headless Chromium on the production topology: a signed-in customer cancels
an order with the offline engine, confirming with "yes". Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections

from apps.commerce.models import Order

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        message = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Never let Playwright download a browser: the system's chromium is the one we test.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def outside_the_event_loop(read):
    """Run an ORM read in a thread of its own: Playwright's sync API keeps an event loop running here."""

    def run():
        try:
            return read()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def say(page, text: str, expect: str, timeout: float = 20_000) -> None:
    """Type a message as a customer would, send it with Enter, wait for the reply containing `expect`."""
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")
    log = page.get_by_role("log")
    reply = log.locator(".msg--agent .msg__text").filter(has_text=re.compile(expect, re.I)).last
    try:
        reply.wait_for(timeout=timeout)
    except Exception as exc:
        page.screenshot(path=str(ARTIFACTS / "chat-failure.png"))
        raise AssertionError(f"no reply matching {expect!r}; the log reads:\n{log.inner_text()}") from exc


def test_a_signed_in_customer_cancels_an_order_on_the_offline_engine(live, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(20_000)

    # Sign in from the chat page's link.
    page.goto(f"{live.http_url}/chat/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("olivia_ito_3591")
    page.get_by_label("Password").fill("demo-customer")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/chat/$"))
    page.locator("#connection[data-state=open]").wait_for()
    page.screenshot(path=str(ARTIFACTS / "chat-desktop-start.png"))

    say(page, "I want to cancel order #W5442520", "why")
    say(page, "I ordered it by mistake", r"\$663\.85")
    proposal = page.get_by_role("log").locator(".msg--agent .msg__text").last.inner_text()
    say(page, "yes", "cancelled")
    page.screenshot(path=str(ARTIFACTS / "chat-desktop-cancelled.png"))

    assert "663.85" in proposal
    assert page.locator("#offline-notice").is_visible()
    assert outside_the_event_loop(lambda: Order.objects.get(order_id="#W5442520").status) == "cancelled"
    # Keyboard only: the composer keeps focus after sending, Tab reaches Send then the person button.
    box = page.get_by_role("textbox", name="Message")
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Send"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Talk to a person"

    # The same conversation on a phone: the history is there, the composer is docked.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    phone.add_cookies(context.cookies())
    mobile = phone.new_page()
    mobile.goto(f"{live.http_url}/chat/")
    mobile.get_by_role("log").get_by_text(re.compile("cancelled", re.I)).last.wait_for()
    mobile.locator("#connection[data-state=open]").wait_for()
    mobile.screenshot(path=str(ARTIFACTS / "chat-phone.png"))
    assert mobile.get_by_role("button", name="Talk to a person").is_visible()
    assert mobile.get_by_role("button", name="Send").is_visible()

    # Asking for a person queues the chat and says so in the log.
    mobile.get_by_role("button", name="Talk to a person").click()
    mobile.get_by_role("log").get_by_text("Someone from our team will join").wait_for()
    mobile.screenshot(path=str(ARTIFACTS / "chat-phone-person.png"))
    phone.close()
    context.close()
