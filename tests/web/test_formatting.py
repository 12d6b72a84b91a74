"""Light formatting of chat messages: lists and bold render; nothing a message says becomes markup."""

from __future__ import annotations

import pytest

from apps.web.formatting import message_html


def test_lists_bold_and_paragraphs_render():
    html = message_html(
        "Your payment methods:\n- **Visa** ending 9182\n- gift card ending 8843\n\n1. first\n2. second"
    )

    assert html == (
        "<p>Your payment methods:</p>"
        "<ul><li><strong>Visa</strong> ending 9182</li><li>gift card ending 8843</li></ul>"
        "<ol><li>first</li><li>second</li></ol>"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "- <img src=x onerror=alert(1)>",
        '**<a href="javascript:alert(1)">x</a>**',
        "1. </li></ol><iframe src=//evil>",
    ],
)
def test_html_in_a_message_is_shown_as_text(hostile):
    html = message_html(hostile)

    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "<iframe" not in html
    assert "&lt;" in html


def test_stars_that_are_not_bold_stay_as_written():
    assert message_html("2 * 3 = 6 and ** alone") == "<p>2 * 3 = 6 and ** alone</p>"


@pytest.mark.django_db
def test_the_chat_page_renders_an_agent_answer_formatted(client):
    from apps.conversations.models import Conversation, Message
    from apps.conversations.services import message_post
    from apps.conversations.visitors import SESSION_KEY

    client.get("/chat/")
    conversation = Conversation.objects.get(pk=client.session[SESSION_KEY])
    message_post(
        conversation=conversation, role=Message.Role.AGENT, text="Options:\n- **red**\n- <b>blue</b>"
    )

    page = client.get("/chat/").content.decode()

    assert "<ul><li><strong>red</strong></li><li>&lt;b&gt;blue&lt;/b&gt;</li></ul>" in page
