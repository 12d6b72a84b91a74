"""What the offline engine says: every customer-facing sentence lives here (order-specific
wording in order_replies.py). Figures are never written here: they are passed in, taken from
tool observations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from apps.offline import payments

ANYTHING_ELSE = "Is there anything else I can help with?"
CONFIRM = "Shall I go ahead? (yes/no)"


def money(value: Any) -> str:
    """'1234.5' -> '$1,234.50'."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


def method_label(method_id: str, methods: Mapping[str, Any]) -> str:
    """How a payment method reads in a sentence: 'your Visa ending 9182', never its id."""
    return f"your {payments.method_label(method_id, methods)}"


def join(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


# --- conversation ---------------------------------------------------------------------------


def greeting() -> str:
    return (
        "Hi! I can check on your orders, cancel a pending order, set up a return, change a shipping "
        "or default address, or answer questions about shipping, refunds and returns. "
        "What can I do for you?"
    )


def thanks() -> str:
    return f"You're welcome! {ANYTHING_ELSE}"


def goodbye() -> str:
    return "Glad I could help. Have a great day!"


def about_me() -> str:
    return (
        "I'm the store's automated support assistant. I can look after your orders, returns and "
        "address changes and answer policy questions, and whenever you'd rather talk to a person, "
        "just say so."
    )


def unclear() -> str:
    return (
        "Sorry, I didn't quite follow. I can check an order, cancel a pending order, set up a return, "
        "change an address, or answer questions about shipping, refunds and returns. "
        "What would you like to do?"
    )


def dont_know() -> str:
    return (
        "I'm not sure about that one, and I'd rather not guess. Would you like me to bring in a "
        "member of our team? (yes/no)"
    )


def article(answer: str, *, reminder: str = "") -> str:
    return f"{answer}\n\n{reminder}".strip()


def declined() -> str:
    return f"No problem, I've left everything as it was. {ANYTHING_ELSE}"


def anything_else() -> str:
    return f"All right. {ANYTHING_ELSE}"


def handed_over() -> str:
    return (
        "I've passed this conversation to a member of our support team, with a summary so you won't "
        "have to repeat yourself. They'll reply here shortly."
    )


def transfer_failed() -> str:
    return "Sorry, I couldn't reach our support team just now. Please ask for a person again in a moment."


def too_long() -> str:
    return (
        "Sorry, this is taking me longer than it should. Would you like me to bring in a member of "
        "our team? (yes/no)"
    )


# --- identity -------------------------------------------------------------------------------


def ask_identity(*, again: bool = False) -> str:
    lead = (
        "I still need to confirm who you are"
        if again
        else "I can help with that. First I need to confirm who you are"
    )
    return (
        f"{lead}: what's the email address on your account? "
        "(Or give me your first name, last name and zip code.)"
    )


def identity_not_found(*, by_email: bool) -> str:
    if by_email:
        return (
            "I couldn't find an account with that email address. Could you check it for typos, or give "
            "me your first name, last name and zip code instead?"
        )
    return (
        "I couldn't find an account matching that name and zip code. Could you check them, or give me "
        "the email address on your account instead?"
    )


def identified() -> str:
    return "Thanks, I've found your account. What can I help you with today?"


def already_identified() -> str:
    return (
        "You're already verified in this conversation, and I can only help with that one account. "
        "What can I do for you?"
    )


# --- results that went wrong ----------------------------------------------------------------


def action_failed() -> str:
    return (
        "Sorry, I couldn't complete that, and nothing was changed. Would you like me to bring in a "
        "member of our team? (yes/no)"
    )


def lookup_failed(order_id: str) -> str:
    return (
        f"Sorry, I couldn't read order {order_id} just now. Would you like me to bring in a member "
        "of our team? (yes/no)"
    )


def describe_proposal(tool: str, arguments: Mapping[str, Any]) -> str:
    order = arguments.get("order_id", "")
    return {
        "cancel_pending_order": f"cancelling order {order}",
        "return_delivered_order_items": f"the return from order {order}",
        "modify_pending_order_address": f"changing the shipping address of order {order}",
        "modify_user_address": "changing your default address",
        "exchange_delivered_order_items": f"the exchange on order {order}",
        "modify_pending_order_items": f"changing the items of order {order}",
        "modify_pending_order_payment": f"changing the payment method of order {order}",
    }.get(tool, "the change we discussed")


def confirm_again(tool: str, arguments: Mapping[str, Any]) -> str:
    return (
        f"Before I make this change I need a clear yes from you. Shall I go ahead with "
        f"{describe_proposal(tool, arguments)}? (yes/no)"
    )


def still_waiting(tool: str, arguments: Mapping[str, Any]) -> str:
    return (
        f"(I'm still holding {describe_proposal(tool, arguments)} for you: just say yes to go ahead, or no.)"
    )


def done_generic(tool: str, arguments: Mapping[str, Any]) -> str:
    return f"Done: I've completed {describe_proposal(tool, arguments)}. {ANYTHING_ELSE}"


# --- several requests, repeated greetings, holding a request -------------------------------------


def greeting_again() -> str:
    return "I'm here. What can I do for you?"


def next_request(answer: str) -> str:
    """The reply to one request when another from the same message comes next."""
    return answer.replace(ANYTHING_ELSE, "").rstrip()


def now_the_next() -> str:
    return "Now your other request:"


def holding(flow_label: str) -> str:
    return f"(We can carry on with {flow_label} whenever you're ready.)"


def ask_code() -> str:
    return (
        "Before I can look at your account I need to verify it's you: please enter the one-time code "
        "we've just emailed to you."
    )


def not_understood_order() -> str:
    return (
        "Sorry, I didn't quite follow. Is this about one of your orders? You can tell me what you'd like "
        "to do (cancel, return, exchange, change an address or payment method) and which order."
    )
