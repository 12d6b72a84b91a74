"""The simulated customer's mailbox: the one-time codes the agent emails them.

During a run, mail goes to Django's in-memory outbox instead of out of the machine; the
customer reads their own new mail and types the code, as a real customer would.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from unittest import mock

from django.core import mail
from django.test.utils import override_settings

_CODE = re.compile(r"\b(\d{6})\b")


@contextmanager
def mail_captured() -> Iterator[None]:
    """Every email sent inside the block lands in `mail.outbox` (nothing leaves the machine)."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        previous = getattr(mail, "outbox", None)
        mail.outbox = []
        try:
            yield
        finally:
            if previous is not None:
                mail.outbox = previous


class Inbox:
    """New mail to the customer's addresses since the last look."""

    def __init__(self, addresses: Iterable[str]) -> None:
        self.addresses = frozenset(address.lower() for address in addresses)
        self._seen = len(getattr(mail, "outbox", []))

    def new_code(self) -> str | None:
        outbox = getattr(mail, "outbox", [])
        fresh, self._seen = outbox[self._seen :], len(outbox)
        for message in reversed(fresh):
            if self.addresses & {to.lower() for to in message.to}:
                found = _CODE.search(message.body)
                if found:
                    return found.group(1)
        return None


@contextmanager
def codes_seeded(seed: str) -> Iterator[None]:
    """Identity codes drawn from the trial's own seed, so a trial replays the same chat in any
    process (the codes still expire, work once and are checked like any other)."""
    rng = random.Random(f"codes:{seed}")  # noqa: S311 - a replayable evaluation, not a secret

    def draw() -> str:
        return f"{rng.randrange(10**6):06d}"

    with mock.patch("apps.accounts.identity._new_code", side_effect=draw):
        yield
