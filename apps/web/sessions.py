"""Staff sessions end everywhere: signing out, or losing active staff status, closes the
account's open console sockets at once (each console action also re-checks the account)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from apps.conversations.events import user_sockets_close


def sockets_close_on_logout(*, user: Any = None, **kwargs: Any) -> None:
    if user is not None and user.pk is not None:
        user_sockets_close(user.pk)


def sockets_close_on_deactivation(*, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if created or (instance.is_active and instance.is_staff):
        return
    user_id = instance.pk
    transaction.on_commit(lambda: user_sockets_close(user_id))
