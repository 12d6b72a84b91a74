"""The decision procedure: given the turn, the next thing to do (a tool call, raised as
NeedCall by `Turn.call`) or the answer to send.

In order: a handover already made this turn -> a message holding several requests is cut, the
later ones queued -> a pending proposal (yes runs it; no drops it; a correction or another
request replaces it) -> an offered person -> who the customer is (look them up when they say)
-> what they want: a person, a general question (answered from an article, or an honest "I
don't know"), or an account request, which becomes the open "flow" kept in the slots until it
is done or abandoned. When a request is done and another from the same message waits, the
engine goes straight on to it.

`respond` is where every answer the customer reads is produced.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from apps.offline import wording as replies
from apps.offline.address import merge_address, parse_address
from apps.offline.common import customer_label, transfer
from apps.offline.flow_table import FLOWS
from apps.offline.fuzzy import correct_typos
from apps.offline.intents import (
    ACTIONS,
    Intent,
    asks_about_assistant,
    detect_intent,
    is_chatter,
    is_farewell,
    unsupported_topic,
)
from apps.offline.knowledge import answering_article
from apps.offline.listing import ordinal_reference
from apps.offline.outcomes import carry_out
from apps.offline.requests import one_order_each, split_requests
from apps.offline.slots import Reading, is_yes, read
from apps.offline.turn import Finished, OutOfSteps, Turn
from apps.offline.verification import code_check, code_in

_IT = re.compile(
    r"\b(?:it|this one|that one|this order|that order|the order|same order|instead|rather)\b", re.IGNORECASE
)
# Failed identity lookups before a person takes over.
MAX_IDENTITY_TRIES = 3
# Requests from one message waiting their turn, at most.
MAX_QUEUE = 4
# Intents whose details accumulate in flow["said"] (items, variants, payment methods).
_SAYING = frozenset({Intent.CHANGE_ITEMS, Intent.CHANGE_PAYMENT})


def respond(turn: Turn) -> str:
    """The answer for the customer (raises NeedCall when a tool must run first)."""
    answers = [_answer(turn)]
    while _next_queued(turn):
        answers[-1] = replies.next_request(answers[-1])
        answers.append(_answer(turn))
    if len(answers) > 1:
        return f"\n\n{replies.now_the_next()} ".join(answers)
    return answers[0]


def _answer(turn: Turn) -> str:
    try:
        return _respond(turn)
    except Finished as finished:
        return finished.text
    except OutOfSteps:
        turn.slots["offer_human"] = True
        return replies.too_long()


def _next_queued(turn: Turn) -> bool:
    """Start on the next waiting request, if the one before is settled and nothing else waits."""
    slots = turn.slots
    queue = slots.get("queue") or []
    if not queue or turn.transferred or turn.flow or slots.get("proposal") or slots.get("offer_human"):
        return False
    turn.message = str(queue.pop(0))
    if not queue:
        slots.pop("queue", None)
    turn.from_queue = True
    return True


def _proposal(turn: Turn) -> dict[str, Any] | None:
    """The change waiting for the customer's yes. Our own slots know best; a conversation the
    engine has not served before (a model tier answered until now) falls back to the gate's."""
    if turn.context.slots.get("v"):
        proposal = turn.slots.get("proposal")
        return proposal if isinstance(proposal, dict) else None
    pending = turn.context.pending_action
    return {"tool": pending.tool, "arguments": dict(pending.arguments)} if pending else None


def _take_first_request(turn: Turn, text: str) -> str:
    """Keep the first request of the message for now and queue the others."""
    parts = split_requests(text)
    first, later = parts[0], parts[1:]
    intent = detect_intent(correct_typos(first))
    each = one_order_each(first, intent)
    first, later = each[0], each[1:] + later
    if later:
        queue = [*(turn.slots.get("queue") or []), *later]
        turn.slots["queue"] = queue[:MAX_QUEUE]
    return first


def _respond(turn: Turn) -> str:
    slots = turn.slots
    if turn.transferred:
        slots.pop("flow", None)
        slots.pop("proposal", None)
        slots.pop("queue", None)
        return replies.handed_over()
    text = turn.message if turn.from_queue else _take_first_request(turn, turn.message)
    plain = correct_typos(text)
    reading = read(text, plain)
    # Only consecutive messages we could not follow count; anything understood resets it.
    unclear_before = int(slots.pop("unclear", 0))
    intent = detect_intent(plain, has_order_id=bool(reading.order_ids))
    proposal = _proposal(turn)
    # The offer of a person is the last question we asked: a yes or no answers it first.
    if slots.pop("offer_human", False):
        if reading.yes:
            return transfer(turn, "The customer accepted my offer to bring in a person.")
        if reading.no and intent not in ACTIONS:
            reminder = _reminder(turn)
            return f"{replies.anything_else()}\n\n{reminder}".strip() if reminder else replies.anything_else()
    if proposal is not None:
        held = _answer_to_proposal(turn, proposal, reading, intent)
        if held is not None:
            return held
    if asks_about_assistant(plain):
        return replies.about_me()
    if not text.strip():
        return _greet(turn)
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
    flow = turn.flow
    if reading.no and flow and intent not in ACTIONS and not _adds_detail(flow, reading):
        # "No" to a question we asked (which order? which items?): they have changed their mind.
        turn.end_flow()
        slots.pop("queue", None)
        return replies.anything_else()

    if intent == Intent.HUMAN:
        return transfer(turn, "The customer asked to talk to a person.")
    if intent is None and turn.context.intent == "faq" and not flow:
        intent = Intent.KNOWLEDGE  # the router's label: a question, though our rules missed it
    if intent == Intent.KNOWLEDGE:
        article = answering_article(plain)
        reminder = _reminder(turn)
        if article is not None:
            return replies.article(article, reminder=reminder)
        # A general question we have no article for: say so rather than guess (even if it
        # mentions an action: "do you ship to Mars?" is not a request to change an address).
        if not is_chatter(plain):
            slots["offer_human"] = True
            return replies.article(replies.dont_know(), reminder=reminder)
        intent = None
    if intent == Intent.UNSUPPORTED:
        return transfer(turn, f"The customer wants {unsupported_topic(plain)}, which I cannot do.")

    flow = _update_flow(turn, intent, reading)
    if flow is None:
        return _no_request(turn, intent, reading, unclear_before)
    if not turn.customer_id and flow["intent"] != Intent.KEEP_AND_REFUND:
        again = flow.get("asked") == "auth"
        flow["asked"] = "auth"
        return replies.ask_identity(again=again)
    return FLOWS[flow["intent"]](turn, flow)


def _answer_to_proposal(
    turn: Turn, proposal: dict[str, Any], reading: Reading, intent: Intent | None
) -> str | None:
    """The reply to a message that arrives while a change waits for yes; None to carry on."""
    slots, flow = turn.slots, turn.flow
    if reading.yes:
        return carry_out(turn, proposal["tool"], proposal["arguments"])
    switching = intent in ACTIONS and (flow is None or intent != flow.get("intent"))
    if switching:
        slots.pop("proposal", None)  # another request replaces this one (handled below)
        return None
    if flow is not None and _adds_detail(flow, reading):
        slots.pop("proposal", None)  # a correction: the request is proposed again with it
        return None
    if reading.no:
        turn.end_flow()
        slots.pop("queue", None)
        return replies.declined()
    if intent in (Intent.KNOWLEDGE, Intent.HUMAN, Intent.THANKS, Intent.GREETING) or asks_about_assistant(
        reading.plain
    ):
        return None  # answered below, with a reminder of what is waiting
    _reminder(turn)  # proposed to the gate again, for the yes that should follow
    return replies.confirm_again(proposal["tool"], proposal["arguments"])


def _reminder(turn: Turn) -> str:
    """A line about the request still open, to end an answer about something else. A change
    waiting for yes is proposed to the gate again, so the customer's next yes is to this turn."""
    proposal = turn.slots.get("proposal")
    if isinstance(proposal, dict):
        if not is_yes(turn.message):
            turn.call(
                proposal["tool"],
                proposal["arguments"],
                "Thought: the customer has not answered my proposal yet; I will keep it ready for their yes.",
            )
        return replies.still_waiting(proposal["tool"], proposal["arguments"])
    flow = turn.flow
    if flow and flow.get("intent") not in (Intent.ORDER_STATUS, Intent.LIST_ORDERS):
        return replies.holding(customer_label(flow))
    return ""


def _greet(turn: Turn) -> str:
    if turn.slots.get("greeted"):
        return replies.greeting_again()
    turn.slots["greeted"] = True
    return replies.greeting()


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


def _new_flow(
    turn: Turn, intent: Intent, reading: Reading, previous: dict[str, Any] | None
) -> dict[str, Any]:
    slots = turn.slots
    slots.pop("proposal", None)  # a new request replaces the old one, and whatever it waited for
    flow: dict[str, Any] = {"intent": str(intent), "request": reading.text.strip()[:300]}
    if not reading.order_ids and _IT.search(reading.plain):
        # "Change the address instead", "cancel it": the order we were just talking about.
        earlier = (previous or {}).get("order_id") or slots.get("last_order")
        if earlier:
            flow["order_id"] = earlier
    slots["flow"] = flow
    return flow


def _update_flow(turn: Turn, intent: Intent | None, reading: Reading) -> dict[str, Any] | None:
    """Start, switch or continue the open request; None when the message is not about one."""
    slots, flow = turn.slots, turn.flow
    if intent in ACTIONS:
        assert intent is not None
        order_id = reading.order_ids[0] if reading.order_ids else None
        same = (
            flow is not None
            and flow.get("intent") == intent
            and (order_id is None or flow.get("order_id") in (None, order_id))
        )
        if not same:
            flow = _new_flow(turn, intent, reading, flow)
        assert flow is not None
        _merge(flow, reading, fresh=not same)
        return flow
    if flow is None:
        if reading.order_ids or (ordinal_reference(reading.plain) is not None and slots.get("listed")):
            flow = _new_flow(turn, Intent.ORDER_STATUS, reading, None)
        elif reading.reason:
            # "I ordered it by mistake" on its own is a request to cancel.
            flow = _new_flow(turn, Intent.CANCEL, reading, None)
        else:
            return None
        _merge(flow, reading, fresh=True)
        return flow
    added = _merge(flow, reading, fresh=False)
    return flow if added or intent is None else None


def _adds_detail(flow: dict[str, Any], reading: Reading) -> bool:
    """Would this message add something to the open request? (Tried on a copy.)"""
    trial = copy.deepcopy(flow)
    trial["asked"] = trial.get("asked") if trial.get("asked") != "confirm" else "correction"
    return _merge(trial, reading, fresh=False)


def _merge(flow: dict[str, Any], reading: Reading, *, fresh: bool) -> bool:
    """Add what this message says to the open request; True if it added anything."""
    added = False
    if reading.order_ids and reading.order_ids[0] != flow.get("order_id"):
        flow["order_id"] = reading.order_ids[0]
        flow.pop("ref", None)
        added = True
    reference = ordinal_reference(reading.plain)
    if reference is not None and not reading.order_ids and (fresh or flow.get("asked") == "order_id"):
        flow.pop("order_id", None)
        flow["ref"] = reference
        added = True
    kind = flow.get("intent")
    asked = flow.get("asked")
    if kind == Intent.CANCEL and reading.reason and reading.reason != flow.get("reason"):
        flow["reason"] = reading.reason
        added = True
    if kind == Intent.RETURN:
        if reading.refund and reading.refund != flow.get("refund"):
            flow["refund"] = reading.refund
            added = True
        if fresh or asked == "items":
            flow["items_text"] = reading.text[:300]
            added = True
        elif asked in ("order_id", "auth", "verify"):
            # Keep what they named before ("the kettle") when they now give the order number.
            flow["items_text"] = f"{flow.get('items_text', '')} | {reading.text}"[-300:]
    saying = kind in _SAYING and not (reading.yes or (reading.no and not reading.order_ids))
    if saying and reading.text.strip():
        flow["said"] = [*(flow.get("said") or []), reading.text[:400]][-6:]
        added = added or not fresh
    if not fresh and asked in ("order_id", "auth", "verify"):
        flow["hint"] = f"{flow.get('hint', '')} | {reading.text}"[-300:]
        added = True
    if kind in (Intent.ORDER_ADDRESS, Intent.DEFAULT_ADDRESS):
        parsed = parse_address(reading.text, asked=flow.get("missing") or ())
        if asked == "auth" and (reading.name_zip or reading.email) and not parsed.get("address1"):
            # "My name is Noah Sanchez and my zip code is 20056", the answer to who they are:
            # its zip code and words are not a city and a zip for the new address.
            parsed = {}
        if parsed:
            flow["address"] = merge_address(flow.get("address") or {}, parsed)
            added = True
    return added


def _no_request(turn: Turn, intent: Intent | None, reading: Reading, unclear_before: int) -> str:
    if turn.identified_this_turn:
        return replies.identified()
    if intent == Intent.THANKS:
        return replies.goodbye() if is_farewell(reading.plain) else replies.thanks()
    if intent == Intent.GREETING or is_chatter(reading.plain):
        return _greet(turn)
    if reading.email or reading.name_zip:
        return replies.already_identified()
    if turn.context.intent == "faq":
        article = answering_article(reading.plain)
        if article is not None:
            return replies.article(article, reminder=_reminder(turn))
    if unclear_before >= 1:
        return transfer(turn, "I could not understand the request, even after asking once.")
    turn.slots["unclear"] = unclear_before + 1
    if turn.context.intent in ("transaction", "lookup"):
        return replies.not_understood_order()  # the router heard an order request we could not place
    return replies.unclear()
