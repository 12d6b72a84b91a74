"""Verifying the identified customer: a one-time code to the email on file, then checking it."""

from __future__ import annotations

from typing import Any

from apps.accounts.identity import identity_code_check, identity_code_send
from apps.accounts.roles import Role
from apps.core.errors import ApplicationError
from apps.tools.registry import ToolContext, ToolKind, registry, strict_object


def _identified(context: ToolContext) -> tuple[str, str]:
    principal = context.principal
    if principal.role != Role.CUSTOMER or not principal.customer_id or context.conversation is None:
        raise ApplicationError(
            "nobody is identified in this conversation yet. Ask for the customer's email (or name and "
            "zip code) and look them up first.",
            code="identity_required",
        )
    return principal.customer_id, str(context.conversation)


@registry.register(
    name="send_verification_code",
    description="""
Email a one-time six-digit code to the identified customer's address on file, so they can prove
the account is theirs. Use it right after an identity lookup, before reading their account or
orders or changing anything. The code always goes to the email the store has, never to an
address given in the chat. Then ask the customer to type the code they received.
""",
    parameters=strict_object({}),
    kind=ToolKind.READ,
    status_line="Sending you a verification code...",
)
def send_verification_code(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    customer_id, conversation = _identified(context)
    if context.principal.verified:
        return {"sent": False, "already_verified": True}
    return identity_code_send(conversation_ref=conversation, customer_id=customer_id, client=context.client)


@registry.register(
    name="verify_identity_code",
    description="""
Check the one-time code the customer typed from their email. On success the customer is
verified for this conversation and you may read their account and orders and, with their
confirmation, change them. A wrong or expired code is an error; attempts are limited, so never
guess codes yourself.
""",
    parameters=strict_object(
        {
            "code": {
                "type": "string",
                "pattern": "^[0-9]{6}$",
                "description": "The six digits exactly as the customer typed them, e.g. '042917'.",
            }
        }
    ),
    kind=ToolKind.READ,
    status_line="Checking your code...",
    secret_arguments=("code",),
)
def verify_identity_code(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    customer_id, conversation = _identified(context)
    if context.principal.verified:
        return {"verified": True, "customer_id": customer_id}
    return identity_code_check(
        conversation_ref=conversation, customer_id=customer_id, code=arguments["code"], client=context.client
    )
