"""A rule-based customer: no model, answers from the task's own data.

It states its first request, answers what the agent asks (who it is, which order, which items,
why, which payment method, which address, which variant), says yes when the agent sums up a
change, moves on to its next request once that is settled, and says goodbye when it has nothing
left to ask. The wording varies with the seed, so repeated trials are not identical chats.
"""

from __future__ import annotations

import random
import re

from .brief import CustomerBrief, Request
from .customer import CustomerUsage

_ANYTHING_ELSE = re.compile(
    r"anything else|something else|help (?:you )?with (?:anything|something) (?:else|more)"
    r"|else (?:i|we) can (?:help|do)|any other (?:requests?|questions?)",
    re.IGNORECASE,
)
_CONFIRM = re.compile(
    r"shall i|should i|do you want me to|would you like me to|want me to|can i go ahead|ok to proceed"
    r"|go ahead|proceed|confirm|\(yes/no\)|is (?:that|this) (?:right|correct|ok)|do you agree",
    re.IGNORECASE,
)
_ASKS = {
    "identity": re.compile(
        r"e-?mail|zip|postal|your (?:full )?name|verify|identif|authenticat|locate your account"
        r"|find your account|look (?:you|up your account)|who you are",
        re.IGNORECASE,
    ),
    "order": re.compile(r"order (?:id|number|#)|which order|what order|the order you", re.IGNORECASE),
    "items": re.compile(r"which (?:items?|products?|ones?)|what items?|name the items?", re.IGNORECASE),
    "reason": re.compile(r"reason|why", re.IGNORECASE),
    "payment": re.compile(
        r"payment method|refund (?:to|method|it)|which card|how would you like to (?:pay|be refunded)"
        r"|pay (?:for|with)|price difference|gift card|paypal",
        re.IGNORECASE,
    ),
    # An address to ship to, not the email address the agent asks for to identify the customer.
    "address": re.compile(r"(?<!email )(?<!e-mail )\baddress", re.IGNORECASE),
    "targets": re.compile(
        r"which (?:option|variant|version|colou?r|size|model)|what (?:option|colou?r|size)|new item"
        r"|replace it with|exchange (?:it|them) for|swap",
        re.IGNORECASE,
    ),
}
# The agent is asking for something (not just reporting back).
_QUESTION = re.compile(
    r"\?|please (?:provide|tell|give|share|send|confirm|let me know)|let me know|can you tell", re.IGNORECASE
)
# How many times the customer agrees to one request before it stops repeating itself.
MAX_YES = 3
_REASONS = {
    "ordered by mistake": ("I ordered it by mistake.", "I placed it by mistake."),
    "no longer needed": ("I no longer need it.", "I don't need it anymore."),
}


class ScriptedCustomer:
    """Plays the customer of one task from its brief; deterministic for a given random source."""

    def __init__(self, brief: CustomerBrief, *, rng: random.Random) -> None:
        self.brief = brief
        self.usage = CustomerUsage()
        self._rng = rng
        self._position = 0
        self._yeses = 0
        self._identified = False
        self._identity_by_email = brief.identity.by_email
        self._finished = False
        self._gave_up = False
        self._last_agent: str | None = None
        self._last_reply: str | None = None

    @property
    def _request(self) -> Request | None:
        requests = self.brief.requests
        return requests[self._position] if self._position < len(requests) else None

    def opening(self) -> str:
        greeting = self._pick("Hi!", "Hello.", "Hi there.")
        request = self._request
        if request is None:
            self._identified = True
            return f"{greeting} {self._identity()} I have a question about my account."
        if self._rng.random() < 0.5:
            self._identified = True
            return f"{greeting} {self._identity()} {self._statement(request)}"
        return f"{greeting} {self._statement(request)}"

    def reply(self, agent_text: str) -> str | None:
        if self._gave_up and not self._finished:
            # We let the last request go; whatever the agent said to that, on to the next one.
            self._gave_up = False
            text: str | None = self._next()
        else:
            text = self._reply(agent_text)
        repeated = agent_text == self._last_agent and text == self._last_reply
        if repeated and text is not None and self._request is not None:
            # The same question again after the same answer: saying it a third time will not
            # help. A real customer lets this request go (and brings up the next one after).
            self._gave_up = True
            text = self._pick("Never mind that, then. Let's leave it as it is.", "Forget it, then; leave it.")
        self._last_agent, self._last_reply = agent_text, text
        return text

    def _reply(self, agent_text: str) -> str | None:
        if self._finished:
            return None
        request = self._request
        if request is None:
            return self._goodbye()
        if _ANYTHING_ELSE.search(agent_text):
            return self._next()
        asking = bool(_QUESTION.search(agent_text))
        if asking and not self._identified and _ASKS["identity"].search(agent_text):
            # "Could you confirm your email?" asks who we are, not for a yes.
            return " ".join(self._answers(agent_text, request))
        if asking and _CONFIRM.search(agent_text) and self._yeses < MAX_YES:
            self._yeses += 1
            return self._pick("Yes, please go ahead.", "Yes.", "Yes, that's right, go ahead.")
        answers = self._answers(agent_text, request) if asking else []
        if answers:
            return " ".join(answers)
        if self._yeses:
            # We agreed and the agent reported back: this request is settled, one way or another.
            return self._next()
        return f"{self._identity()} {self._statement(request)}"

    # -- what the customer says ---------------------------------------------------------------

    def _answers(self, agent_text: str, request: Request) -> list[str]:
        listed = _listed_choice(agent_text, request)
        if listed:
            return [listed]
        asked = [topic for topic, pattern in _ASKS.items() if pattern.search(agent_text)]
        answers = []
        if "identity" in asked:
            if self._identified:
                # Asked again: perhaps the other way of identifying works.
                self._identity_by_email = not self._identity_by_email
            self._identified = True
            answers.append(self._identity())
        if "order" in asked and request.order_id:
            answers.append(f"The order is {request.order_id}.")
        if "items" in asked and request.items:
            answers.append(f"The {_join(request.items)}.")
        if "reason" in asked and request.reason:
            answers.append(self._pick(*_REASONS.get(request.reason, (request.reason,))))
        if "payment" in asked and request.payment:
            answers.append(f"Please use {request.payment}.")
        if "address" in asked and request.address:
            answers.append(f"The address is {request.address}.")
        if "targets" in asked and request.targets:
            answers.append(_targets_words(request))
        return answers

    def _identity(self) -> str:
        who = self.brief.identity
        if self._identity_by_email:
            return f"My email is {who.email}."
        return f"My name is {who.first_name} {who.last_name} and my zip code is {who.zip_code}."

    def _statement(self, request: Request) -> str:
        order, items = request.order_id, _join(request.items)
        if request.kind == "cancel":
            reason = self._pick(*_REASONS.get(request.reason, (request.reason,)))
            return f"I'd like to cancel my order {order}. {reason}"
        if request.kind == "return":
            return f"I want to return the {items} from order {order}. Please refund {request.payment}."
        if request.kind == "exchange":
            return (
                f"I'd like to exchange items from my order {order}: {_targets_words(request)} "
                f"Any price difference can go through {request.payment}."
            )
        if request.kind == "modify_items":
            return (
                f"My order {order} hasn't shipped yet and I'd like to change some items: "
                f"{_targets_words(request)} Please use {request.payment} for any price difference."
            )
        if request.kind == "order_address":
            return f"Please change the shipping address of my order {order} to {request.address}."
        if request.kind == "order_payment":
            return f"I'd like to pay for my order {order} with {request.payment} instead."
        if request.kind == "user_address":
            return f"Please update my default address to {request.address}."
        return "I'd like to talk to a person, please."

    def _next(self) -> str:
        self._position += 1
        self._yeses = 0
        request = self._request
        if request is None:
            return self._goodbye()
        return (
            f"{self._pick('One more thing:', 'Also:', 'There is something else.')} {self._statement(request)}"
        )

    def _goodbye(self) -> str:
        self._finished = True
        return self._pick(
            "No, that's all. Thank you!", "That's everything, thanks. Bye!", "No, thanks. Goodbye!"
        )

    def _pick(self, *choices: str) -> str:
        return self._rng.choice(choices)


def _join(parts: tuple[str, ...]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _listed_choice(agent_text: str, request: Request) -> str:
    """The customer's pick from a list of variants the agent shows ("These are in stock: ..."):
    the line with every option of the variant they want, in their words; "" when none has."""
    lines = [line.lower() for line in agent_text.splitlines() if line.lstrip().startswith("-")]
    for item, wanted in zip(request.items, request.wanted, strict=False):
        pairs = [pair.lower() for pair in wanted.split(", ") if pair]
        if pairs and any(all(pair in line for pair in pairs) for line in lines):
            return f"For the {item}, the one with {wanted}."
    return ""


def _targets_words(request: Request) -> str:
    changes = [
        f"the {item} for the one with {target}"
        for item, target in zip(request.items, request.targets, strict=False)
    ]
    return f"I want to swap {_join(tuple(changes))}."
