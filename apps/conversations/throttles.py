"""How fast customers may write and start chats, whatever socket or API call they use.

Counted in the shared throttle store (apps/core/throttles.py): per conversation, per session
and per client address, so a reconnect, a second tab or the REST API earns no fresh allowance.
A refused message is never stored.
"""

from __future__ import annotations

from apps.core.errors import InvalidRequest
from apps.core.throttles import throttle_hit_all


class RateLimited(InvalidRequest):
    code = "rate_limited"


def customer_message_admit(*, conversation_id: int, session_key: str | None, client: str | None) -> None:
    """Count one customer message; RateLimited (nothing to store) once any allowance is spent."""
    result = throttle_hit_all(
        [
            ("chat:conversation", conversation_id),
            ("chat:session", session_key or ""),
            ("chat:client", client or ""),
        ]
    )
    if not result.allowed:
        raise RateLimited(
            f"You are sending messages very fast. Please wait {result.retry_after} seconds and try again."
        )


def conversation_start_admit(*, client: str | None) -> None:
    """Count one new conversation for this client address; RateLimited past the allowance."""
    result = throttle_hit_all([("conversation_start:client", client or "")])
    if not result.allowed:
        raise RateLimited(
            f"Too many new chats from your address. Please try again in {result.retry_after} seconds."
        )
