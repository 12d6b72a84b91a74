"""What the rule-based customer knows: who they are and what they came for, from the task.

Identity comes from the instruction (an email, or a name and zip code) and the customer's own
record; each request comes from one of the task's reference write calls, described the way the
customer would (product names and options, not item ids). Read from the fresh store at the
start of a trial, so the customer describes their orders as they were before the chat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from apps.commerce.models import Variant
from apps.commerce.selectors import customer_state, order_state

from .tasks import EvalTask

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ZIP = re.compile(r"(?<![\d#])\b(\d{5})\b")

# The reference calls that change something, i.e. what the customer has to ask for.
REQUEST_KINDS = {
    "cancel_pending_order": "cancel",
    "return_delivered_order_items": "return",
    "exchange_delivered_order_items": "exchange",
    "modify_pending_order_items": "modify_items",
    "modify_pending_order_address": "order_address",
    "modify_pending_order_payment": "order_payment",
    "modify_user_address": "user_address",
    "transfer_to_human_agents": "person",
}


@dataclass(frozen=True)
class Identity:
    first_name: str
    last_name: str
    zip_code: str
    email: str
    by_email: bool  # the instruction gives an email rather than a name and zip code
    # Every address whose mail the customer reads: the account's and any the instruction names
    # (a customer who is unsure which address the account uses still owns all of them).
    mailboxes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Request:
    """One change the customer wants, in the customer's words."""

    kind: str  # a value of REQUEST_KINDS
    order_id: str = ""
    items: tuple[str, ...] = ()  # "Coffee Maker (color black, capacity 4 cups)"
    targets: tuple[str, ...] = ()  # per item, the variant wanted: "color white, type drip"
    # per item, every option of the variant wanted, to pick it from a list the agent shows
    wanted: tuple[str, ...] = ()
    reason: str = ""  # a cancellation's reason, as the store words it
    payment: str = ""  # "my PayPal account (paypal_1234567)"
    address: str = ""  # "12 Oak Street, Apt 3, Austin, TX 78701, USA"


@dataclass(frozen=True)
class CustomerBrief:
    identity: Identity
    requests: tuple[Request, ...]


def brief_for(task: EvalTask) -> CustomerBrief:
    """The customer's identity and requests for `task`, read from the current store."""
    customer = customer_state(customer_id=task.user_id)
    emails = _EMAIL.findall(task.instruction)
    email_match = _EMAIL.search(task.instruction)
    zip_match = _ZIP.search(task.instruction)
    identity = Identity(
        first_name=customer["name"]["first_name"],
        last_name=customer["name"]["last_name"],
        zip_code=zip_match.group(1) if zip_match else customer["address"]["zip"],
        email=email_match.group(0) if email_match else customer["email"],
        by_email=email_match is not None,
        mailboxes=tuple(dict.fromkeys([customer["email"], *emails])),
    )
    methods = customer["payment_methods"]
    requests = [
        _request(REQUEST_KINDS[action["name"]], action["kwargs"], methods)
        for action in task.actions
        if action["name"] in REQUEST_KINDS
    ]
    return CustomerBrief(identity=identity, requests=tuple(requests))


def _request(kind: str, arguments: dict[str, Any], methods: dict[str, Any]) -> Request:
    order_id = str(arguments.get("order_id", ""))
    items: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    wanted: tuple[str, ...] = ()
    if order_id and arguments.get("item_ids"):
        order_items = order_state(order_id=order_id)["items"]
        items = tuple(_item_words(order_items, item_id) for item_id in arguments["item_ids"])
        if arguments.get("new_item_ids"):
            targets, wanted = _targets(order_items, arguments["item_ids"], arguments["new_item_ids"])
    payment_id = arguments.get("payment_method_id")
    return Request(
        kind=kind,
        order_id=order_id,
        items=items,
        targets=targets,
        wanted=wanted,
        reason=str(arguments.get("reason", "")),
        payment=_payment_words(methods.get(payment_id), payment_id) if payment_id else "",
        address=_address_words(arguments) if "address1" in arguments else "",
    )


def _options_words(options: dict[str, Any]) -> str:
    return ", ".join(f"{name} {value}" for name, value in options.items())


def _item_words(order_items: list[dict[str, Any]], item_id: str) -> str:
    item = next((i for i in order_items if i["item_id"] == item_id), None)
    if item is None:
        return f"item {item_id}"
    namesakes = {i["item_id"] for i in order_items if i["name"] == item["name"]}
    if len(namesakes) > 1:
        # Two variants of one product in the order: only the options tell them apart.
        return f"{item['name']} ({_options_words(item['options'])})"
    return str(item["name"])


def _targets(
    order_items: list[dict[str, Any]], item_ids: list[str], new_item_ids: list[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Per item, the options of the variant wanted that differ from the one the customer has;
    and per item, all the options of the variant wanted."""
    current = {i["item_id"]: i["options"] for i in order_items}
    wanted = dict(Variant.objects.filter(item_id__in=new_item_ids).values_list("item_id", "options"))
    targets, full = [], []
    for old, new in zip(item_ids, new_item_ids, strict=False):
        options = wanted.get(new, {})
        changed = {k: v for k, v in options.items() if current.get(old, {}).get(k) != v}
        targets.append(_options_words(changed or options) or f"item {new}")
        full.append(_options_words(options))
    return tuple(targets), tuple(full)


def _payment_words(method: dict[str, Any] | None, payment_id: str) -> str:
    if method is None:
        return payment_id
    if method["source"] == "credit_card":
        return f"my {method['brand']} credit card ending in {method['last_four']} ({payment_id})"
    if method["source"] == "gift_card":
        return f"my gift card ({payment_id})"
    if method["source"] == "paypal":
        return f"my PayPal account ({payment_id})"
    return payment_id


def _address_words(arguments: dict[str, Any]) -> str:
    street = ", ".join(str(arguments[k]) for k in ("address1", "address2") if arguments.get(k))
    region = f"{arguments.get('state', '')} {arguments.get('zip', '')}".strip()
    parts = [street, str(arguments.get("city", "")), region, str(arguments.get("country", ""))]
    return ", ".join(part for part in parts if part)
