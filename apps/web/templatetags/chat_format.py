from django import template

from apps.web.formatting import message_html

register = template.Library()


@register.filter(name="chat_format")
def chat_format(text: str):
    """A chat message with its lists and bold rendered, safely (see apps/web/formatting.py)."""
    return message_html(text)
