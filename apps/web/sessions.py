"""Sessions end everywhere: signing out closes the account's open sockets at once, console and
chat; losing active staff status closes its consoles (each console action also re-checks the
account), and a deactivated account loses its chats too."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from apps.conversations.events import console_sockets_close, user_sockets_close


def sockets_close_on_logout(*, user: Any = None, **kwargs: Any) -> None:
    if user is not None and user.pk is not None:
        user_sockets_close(user.pk)


def sockets_close_on_deactivation(*, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if created or (instance.is_active and instance.is_staff):
        return
    user_id = instance.pk
    # Any save of a customer's account lands here (a sign-in updates last_login): only an
    # inactive one loses its chats; an active customer never had a console to lose.
    close = user_sockets_close if not instance.is_active else console_sockets_close
    transaction.on_commit(lambda: close(user_id))
