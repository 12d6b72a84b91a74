"""Read state and typing: how far each side has read a chat, and who is writing right now.

Read marks are stored (the customer sees "Read" under their messages after a reload, and a
supervisor's unread counts survive one); typing is ephemeral and only published.
"""

from __future__ import annotations

from django.db import transaction

from .events import read_publish_on_commit, typing_publish
from .models import Message, ReadMark


@transaction.atomic
def read_mark_advance(*, conversation_id: int, reader: str, upto: int) -> int:
    """Move `reader`'s mark forward to `upto` (never back, never past the last message); returns it.

    A change is published after commit so the other side can show it.
    """
    last = (
        Message.objects.filter(conversation_id=conversation_id)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )
    upto = max(0, min(int(upto), last))
    if upto == 0:
        return 0  # nothing to read (or no such conversation): no mark is stored
    mark, _ = ReadMark.objects.select_for_update().get_or_create(
        conversation_id=conversation_id, reader=reader
    )
    if upto <= mark.last_read_id:
        return mark.last_read_id
    mark.last_read_id = upto
    mark.save(update_fields=["last_read_id", "updated_at"])
    side = "customer" if reader == ReadMark.CUSTOMER else "supervisor"
    read_publish_on_commit(conversation_id, side, upto)
    return upto


def typing_announce(*, conversation_id: int, role: str, who: str = "", typing: bool = True) -> None:
    """Tell the chat's other side that someone is (or stopped) writing. Nothing is stored."""
    typing_publish(conversation_id, role=role, who=who, typing=typing)
