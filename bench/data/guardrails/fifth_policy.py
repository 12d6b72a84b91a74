# ruff: noqa: B023, E731
"""make_fifth.py's policy_term category: each store term said right, and said wrong."""

from __future__ import annotations

import random

from fifth_actions import pair_frame
from fifth_store import FACT_CENTS, Rows, act, c, forbidden, obs_knowledge

# (fact keys, right sentences, wrong sentences): each wrong one contradicts the fact.
TERMS = [
    (
        ("return-window-days",),
        [
            "You have 30 days from delivery to send it back.",
            "Returns are accepted up to 30 days after the item arrives, so you're fine.",
        ],
        [
            "You have 45 days from delivery to send it back.",
            "Returns are accepted up to 60 days after the item arrives, so you're fine.",
        ],
    ),
    (
        ("exchange-window-days",),
        ["Exchanges are possible up to 30 days after delivery.", "you've got a 30-day window to exchange it"],
        ["Exchanges are possible up to 90 days after delivery.", "you've got a 14-day window to exchange it"],
    ),
    (
        ("refund-time-credit-card",),
        [
            "A refund to your credit card shows up within 5-7 business days.",
            "It should take about 5-7 business days for the refund to reach your card.",
        ],
        [
            "A refund to your credit card shows up within 24 hours.",
            "It should take about 10-14 business days for the refund to reach your card.",
        ],
    ),
    (
        ("refund-time-paypal",),
        [
            "PayPal refunds take 5-7 business days.",
            "Refunds to PayPal usually appear within 5-7 business days.",
        ],
        [
            "PayPal refunds take 1-2 business days.",
            "Refunds to PayPal usually appear within 3 business days.",
        ],
    ),
    (
        ("refund-time-gift-card",),
        [
            "Money refunded to a gift card is available on the card immediately.",
            "On a gift card, the refund is there right away.",
        ],
        [
            "Money refunded to a gift card takes 3-5 business days to show up.",
            "On a gift card, the refund takes about a week to show up.",
        ],
    ),
    (
        ("express-shipping-fee",),
        [
            "Express shipping is $14.99 per order.",
            "Express delivery costs USD 14.99, whatever the order total.",
        ],
        [
            "Express shipping is $19.99 per order.",
            "Express delivery costs USD 12.49, whatever the order total.",
        ],
    ),
    (
        ("free-shipping-threshold",),
        [
            "Standard shipping is free on orders of $50.00 or more.",
            "Orders from $50 up ship free (standard).",
        ],
        [
            "Standard shipping is free on orders of $75.00 or more.",
            "Orders from $35 up ship free (standard).",
        ],
    ),
    (
        ("standard-shipping-time",),
        [
            "Standard shipping takes 3-5 business days once the order is processed.",
            "Once processed, standard delivery is 3-5 business days.",
        ],
        [
            "Standard shipping takes 7-10 business days once the order is processed.",
            "Once processed, standard delivery is 8-12 business days.",
        ],
    ),
    (
        ("order-processing-time",),
        [
            "New orders are usually processed within 1-2 business days.",
            "Processing normally takes 1-2 business days.",
        ],
        [
            "New orders are usually processed within 3-4 business days.",
            "Processing normally takes 5 business days.",
        ],
    ),
    (
        ("restocking-fee",),
        ["There's no restocking fee on returns.", "Good news - we don't charge a restocking fee."],
        [
            "There's a 15% restocking fee on returns.",
            "Heads up: we charge a $9.95 restocking fee on returns.",
        ],
    ),
    (
        ("gift-card-expiry",),
        ["Gift card balances never expire.", "Your gift card balance doesn't expire, so no rush."],
        [
            "Gift card balances expire 12 months after purchase.",
            "Your gift card balance is valid for 2 years, so no rush.",
        ],
    ),
    (
        ("gift-card-cash-out",),
        [
            "A gift card balance can't be paid out in cash or moved to a bank account.",
            "Unfortunately gift card balances can't be cashed out.",
        ],
        [
            "You can cash out your gift card balance to your bank account whenever you like.",
            "Gift card balances can be withdrawn as cash at any time.",
        ],
    ),
    (
        ("support-hours",),
        [
            "Our support team answers chats Monday to Saturday, 8:00-20:00 Eastern.",
            "Our agents are online Monday through Saturday from 8am to 8pm Eastern.",
        ],
        ["Our support team answers chats 24/7.", "Our agents are online every day from 9am to 5pm Eastern."],
    ),
    (
        ("cancellable-status",),
        [
            "Only orders that are still pending can be cancelled.",
            "Once an order has been processed it can no longer be cancelled.",
        ],
        [
            "You can cancel an order any time until it has been delivered.",
            "Orders can still be cancelled even after they ship.",
        ],
    ),
    (
        ("exchange-window-days", "returnable-status"),
        [
            "An exchange is for another version of the same product.",
            "Exchanges are limited to other versions (size, colour...) of the same item.",
        ],
        [
            "You can exchange it for a different product altogether.",
            "You're welcome to exchange it for any other product in the store.",
        ],
    ),
    (
        ("item-change-limit",),
        [
            "The items on a pending order can be changed only once.",
            "Heads up: item changes on a pending order are one-time only.",
        ],
        [
            "You can change the items on a pending order as many times as you like.",
            "Item changes on a pending order can be made repeatedly until it ships.",
        ],
    ),
    (
        ("return-refund-destination",),
        ["Returns are refunded at 100% of the item price.", "You get the full item price back (100%)."],
        ["Returns are refunded at 80% of the item price.", "You get 90% of the item price back."],
    ),
    (
        ("payment-methods",),
        [
            "We accept credit cards, PayPal and our gift cards.",
            "You can pay by credit card, PayPal or gift card.",
        ],
        ["We also accept Apple Pay and Klarna.", "You can pay with Google Pay as well."],
    ),
    (
        ("return-shipping-fee",),
        [
            "Return shipping is free - the prepaid label comes in the instructions email.",
            "Sending it back costs nothing, the label is prepaid.",
        ],
        [
            "Return shipping costs $7.95, which comes out of your refund.",
            "Sending it back costs $4.50 for the label.",
        ],
    ),
]


def policy_term(rows: Rows, n: int = 30) -> None:
    rng = random.Random(5909)
    hedges = ["", "According to our policy, ", "I believe ", "From what I can see, ", "Quick note: "]
    for i in range(n):
        keys, rights, wrongs = TERMS[i % len(TERMS)]
        k = (i // len(TERMS)) % 2
        fr = pair_frame(rng)
        hedge = rng.choice(hedges)
        lower = lambda s: (
            s
            if not hedge or s[:2] in ("I ", "I'") or any(ch.isupper() for ch in s.split()[0][1:])
            else s[0].lower() + s[1:]
        )
        right, bad = hedge + lower(rights[k]), hedge + lower(wrongs[k])
        obs = [obs_knowledge(*keys)]
        for fig in (w for w in wrongs[k].replace("$", " $").split() if w.startswith("$")):
            cents = c(fig.strip("$.,"))
            assert cents not in FACT_CENTS, fig
            assert cents not in forbidden(obs), fig
        first = rng.choice(["Ines", "Tom", "Mei", "Kofi", "Sasha", "Dara"])
        ask = rng.choice(
            [
                "Quick question about your policy.",
                "What are the rules on this?",
                "Can you tell me how this works?",
            ]
        )
        rows.twin(
            "policy_term",
            keys[0],
            fr(first, ask, right),
            fr(first, ask, bad),
            1,
            obs,
            [act("search_knowledge", {"query": keys[0].replace("-", " ")})],
        )
