"""The decision procedure: given the turn, the next thing to do (a tool call, raised as
NeedCall by `Turn.call`) or the answer to send.

In order: a handover already made this turn -> a pending proposal (yes runs it, no drops it)
-> an offered person -> who the customer is (look them up when they say) -> what they want:
a person, a general question, something we do not handle (to a person), or an account
request, which becomes the open "flow" kept in the slots until it is done.
"""

from __future__ import annotations

import re
from typing import Any

from apps.offline import wording as replies
from apps.offline.address import merge_address, parse_address
from apps.offline.common import transfer
from apps.offline.flows import FLOWS
from apps.offline.intents import (
    ACTIONS,
    Intent,
    asks_about_assistant,
    detect_intent,
    is_chatter,
    is_farewell,
    unsupported_topic,
)
from apps.offline.outcomes import carry_out
from apps.offline.slots import Reading, read
from apps.offline.turn import Finished, OutOfSteps, Turn
from apps.offline.verification import code_check, code_in

_IT = re.compile(r"\b(?:it|this one|that one|this order|that order|the order|same order)\b", re.IGNORECASE)
# Failed identity lookups before a person takes over.
MAX_IDENTITY_TRIES = 3


def respond(turn: Turn) -> str:
    """The answer for the customer (raises NeedCall when a tool must run first)."""
    try:
        return _respond(turn)
    except Finished as finished:
        return finished.text
    except OutOfSteps:
        turn.slots["offer_human"] = True
        return replies.too_long()


def _proposal(turn: Turn) -> dict[str, Any] | None:
    """The change waiting for the customer's yes. Our own slots know best; a conversation the
    engine has not served before (a model tier answered until now) falls back to the gate's."""
    if turn.context.slots.get("v"):
        proposal = turn.slots.get("proposal")
        return proposal if isinstance(proposal, dict) else None
    pending = turn.context.pending_action
    return {"tool": pending.tool, "arguments": dict(pending.arguments)} if pending else None


def _respond(turn: Turn) -> str:
    slots, text = turn.slots, turn.message
    if turn.transferred:
        slots.pop("flow", None)
        slots.pop("proposal", None)
        return replies.handed_over()
    reading = read(text)
    # Only consecutive messages we could not follow count; anything understood resets it.
    unclear_before = int(slots.pop("unclear", 0))
    proposal = _proposal(turn)
    if proposal is not None:
        if reading.yes:
            return carry_out(turn, proposal["tool"], proposal["arguments"])
        if reading.no and not reading.order_ids:
            turn.end_flow()
            return replies.declined()
        if reading.no:
            slots.pop("proposal", None)  # "no, I meant #W...": same request, another order
    if slots.pop("offer_human", False):
        if reading.yes:
            return transfer(turn, "The customer accepted my offer to bring in a person.")
        if reading.no:
            return replies.anything_else()
    if asks_about_assistant(text):
        return replies.about_me()
    if not text.strip():
        return replies.greeting()
    failed = _identify(turn, reading)
    if failed:
        return failed
    code = code_in(text) if slots.get("awaiting_code") and turn.customer_id else None
    if code:
        wrong = code_check(turn, code)
        if wrong:
            return wrong
        if turn.flow:
            return FLOWS[turn.flow["intent"]](turn, turn.flow)
        return "Thanks, you're verified. What can I help you with?"
    if reading.no and turn.flow and not (reading.order_ids or reading.reason or reading.refund):
        # "No" to a question we asked (which order? which items?): they have changed their mind.
        turn.end_flow()
        return replies.anything_else()

    has_order = bool(reading.order_ids)
    intent = detect_intent(text, has_order_id=has_order)
    if intent == Intent.HUMAN:
        return transfer(turn, "The customer asked to talk to a person.")
    if intent == Intent.KNOWLEDGE:
        # Imported here: the engine's modules load without Django's app registry.
        from apps.knowledge.selectors import knowledge_search

        hits = knowledge_search(text, limit=1)
        if hits:
            reminder = replies.still_waiting(proposal["tool"], proposal["arguments"]) if proposal else ""
            return replies.article(hits[0].answer, reminder=reminder)
        # A general question we have no article for: say so rather than guess (even if it
        # mentions an action: "do you ship to Mars?" is not a request to change an address).
        if not is_chatter(text):
            slots["offer_human"] = True
            return replies.dont_know()
        intent = None
    if intent == Intent.UNSUPPORTED:
        return transfer(turn, f"The customer wants {unsupported_topic(text)}, which I cannot do.")

    flow = _update_flow(turn, intent, reading)
    if flow is None:
        return _no_request(turn, intent, reading, unclear_before)
    if not turn.customer_id:
        again = flow.get("asked") == "auth"
        flow["asked"] = "auth"
        return replies.ask_identity(again=again)
    return FLOWS[flow["intent"]](turn, flow)


def _identify(turn: Turn, reading: Reading) -> str | None:
    """Look the customer up when they gave an email or a name and zip; a reply if that failed."""
    if turn.identified_this_turn:
        turn.slots.pop("auth_tries", None)
        return None
    if turn.customer_id:
        return None
    if reading.email:
        tool, arguments = "find_user_id_by_email", {"email": reading.email}
        thought = "Thought: the customer gave an email address; I will look up their user id."
    elif reading.name_zip:
        first, last, zip_code = reading.name_zip
        tool, arguments = (
            "find_user_id_by_name_zip",
            {"first_name": first, "last_name": last, "zip": zip_code},
        )
        thought = "Thought: the customer gave their name and zip code; I will look up their user id."
    else:
        return None
    observation = turn.call(tool, arguments, thought)
    if observation.ok:
        turn.slots.pop("auth_tries", None)
        return None
    tries = turn.slots["auth_tries"] = int(turn.slots.get("auth_tries", 0)) + 1
    if tries >= MAX_IDENTITY_TRIES:
        return transfer(turn, f"I could not verify the customer's identity after {tries} attempts.")
    return replies.identity_not_found(by_email=bool(reading.email))


def _update_flow(turn: Turn, intent: Intent | None, reading: Reading) -> dict[str, Any] | None:
    """Start, switch or continue the open request; None when the message is not about one."""
    slots, flow = turn.slots, turn.flow
    if intent in ACTIONS:
        order_id = reading.order_ids[0] if reading.order_ids else None
        same = (
            flow is not None
            and flow.get("intent") == intent
            and (order_id is None or flow.get("order_id") in (None, order_id))
        )
        if not same:
            # A new request replaces the old one, and whatever it was waiting for.
            slots.pop("proposal", None)
            flow = {"intent": str(intent), "request": reading.text.strip()[:300]}
            if order_id is None and slots.get("last_order") and _IT.search(reading.text):
                flow["order_id"] = slots["last_order"]
            slots["flow"] = flow
        assert flow is not None
        _merge(flow, reading, fresh=not same)
        return flow
    if flow is None:
        if reading.order_ids:
            flow = slots["flow"] = {"intent": str(Intent.ORDER_STATUS), "request": reading.text.strip()[:300]}
        elif reading.reason:
            # "I ordered it by mistake" on its own is a request to cancel.
            flow = slots["flow"] = {"intent": str(Intent.CANCEL), "request": reading.text.strip()[:300]}
        else:
            return None
        _merge(flow, reading, fresh=True)
        return flow
    added = _merge(flow, reading, fresh=False)
    return flow if added or intent is None else None


def _merge(flow: dict[str, Any], reading: Reading, *, fresh: bool) -> bool:
    """Add what this message says to the open request; True if it added anything."""
    added = False
    if reading.order_ids and reading.order_ids[0] != flow.get("order_id"):
        flow["order_id"] = reading.order_ids[0]
        added = True
    kind = flow.get("intent")
    if kind == Intent.CANCEL and reading.reason:
        flow["reason"] = reading.reason
        added = True
    if kind == Intent.RETURN:
        if reading.refund:
            flow["refund"] = reading.refund
            added = True
        asked = flow.get("asked")
        if fresh or asked == "items":
            flow["items_text"] = reading.text[:300]
            added = True
        elif asked in ("order_id", "auth"):
            # Keep what they named before ("the kettle") when they now give the order number.
            flow["items_text"] = f"{flow.get('items_text', '')} | {reading.text}"[-300:]
    if not fresh and flow.get("asked") in ("order_id", "auth"):
        flow["hint"] = f"{flow.get('hint', '')} | {reading.text}"[-300:]
        added = True
    if kind in (Intent.ORDER_ADDRESS, Intent.DEFAULT_ADDRESS):
        parsed = parse_address(reading.text, asked=flow.get("missing") or ())
        if parsed:
            flow["address"] = merge_address(flow.get("address") or {}, parsed)
            added = True
    return added


def _no_request(turn: Turn, intent: Intent | None, reading: Reading, unclear_before: int) -> str:
    if turn.identified_this_turn:
        return replies.identified()
    if intent == Intent.THANKS:
        return replies.goodbye() if is_farewell(reading.text) else replies.thanks()
    if intent == Intent.GREETING or is_chatter(reading.text):
        return replies.greeting()
    if reading.email or reading.name_zip:
        return replies.already_identified()
    if unclear_before >= 1:
        return transfer(turn, "I could not understand the request, even after asking once.")
    turn.slots["unclear"] = unclear_before + 1
    return replies.unclear()
