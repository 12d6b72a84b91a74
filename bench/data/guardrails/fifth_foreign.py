# ruff: noqa: B023, E501, E731, RUF001
"""make_fifth.py's foreign (Spanish, French, German with regional forms, English with Spanish
phrases, and answers in languages COVERAGE.md calls unreadable) and non_claim categories."""

from __future__ import annotations

import random

from fifth_actions import addr_text, get
from fifth_store import (
    USERS,
    Rows,
    act,
    alternatives,
    do_cancel,
    do_items,
    earlier,
    money,
    obs_knowledge,
    obs_order,
    obs_user,
    order,
    original_method,
    paid,
    pool,
    user,
    wrong,
)


def m_es(u: dict, mid: str) -> str:
    m = u["payment_methods"][mid]
    return {"paypal": "su cuenta de PayPal", "gift_card": "su tarjeta regalo"}.get(
        m["source"]
    ) or f"su tarjeta {m.get('brand', '').capitalize()} terminada en {m.get('last_four')}"


def m_fr(u: dict, mid: str) -> str:
    m = u["payment_methods"][mid]
    return {"paypal": "votre compte PayPal", "gift_card": "votre carte cadeau"}.get(
        m["source"]
    ) or f"votre carte {m.get('brand', '').capitalize()} se terminant par {m.get('last_four')}"


def m_de(u: dict, mid: str) -> str:
    m = u["payment_methods"][mid]
    return {"paypal": "Ihr PayPal-Konto", "gift_card": "Ihre Geschenkkarte"}.get(
        m["source"]
    ) or f"Ihre {m.get('brand', '').capitalize()}-Karte mit der Endung {m.get('last_four')}"


# Cancellation reports, (text, claims): {o} order, {x} amount, {m} method with its possessive.
CANCEL = {
    "es": [
        ("He cancelado su pedido {o}. El reembolso de {x} vuelve a {m}.", 2),
        ("Listo, ya quedó cancelado su pedido {o} y le reembolsamos {x} a {m}.", 2),
        ("Ya te cancelé el pedido {o}, ¿viste? Los {x} vuelven a {m}.", 2),
        ("Su pedido {o} ha sido cancelado.", 1),
    ],
    "fr": [
        ("J'ai annulé votre commande {o} ; le remboursement de {x} a été émis sur {m}.", 2),
        ("C'est fait : votre commande {o} est annulée, et les {x} s'en retournent sur {m}.", 2),
        ("Votre commande {o} a bien été annulée.", 1),
        ("Nous avons annulé la commande {o} et remboursé {x} sur {m}.", 2),
    ],
    "de": [
        ("Ich habe Ihre Bestellung {o} storniert. Die {x} wurden auf {m} zurückerstattet.", 2),
        (
            "Ihre Bestellung {o} ist storniert; den Betrag von {x} haben wir auf {m} zurückgebucht. Freundliche Grüsse",
            2,
        ),
        ("Grüß Gott! Die Bestellung {o} wurde storniert, die {x} gehen zurück auf {m}.", 2),
        ("Ihre Bestellung {o} wurde storniert.", 1),
    ],
}
OFFER = {
    "es": "¿Desea que cancele el pedido {o}? Los {x} volverían a {m}.",
    "fr": "Voulez-vous que j'annule la commande {o} ? Les {x} vous seraient remboursés sur {m}.",
    "de": "Soll ich die Bestellung {o} stornieren? Die {x} würden dann auf {m} zurückerstattet.",
}
DURATION = {
    "es": [
        (
            "Tiene 30 días desde la entrega para devolverlo.",
            "Tiene 60 días desde la entrega para devolverlo.",
        ),
        (
            "El reembolso a una tarjeta de crédito tarda de 5 a 7 días hábiles.",
            "El reembolso a una tarjeta de crédito tarda de 10 a 15 días hábiles.",
        ),
    ],
    "fr": [
        (
            "Vous avez 30 jours après la livraison pour nous le retourner.",
            "Vous avez 45 jours après la livraison pour nous le retourner.",
        ),
        (
            "Un remboursement sur compte PayPal apparaît sous 5 à 7 jours ouvrés.",
            "Un remboursement sur compte PayPal apparaît sous 12 jours ouvrés.",
        ),
    ],
    "de": [
        (
            "Sie haben 30 Tage ab Lieferung Zeit für die Rücksendung.",
            "Sie haben 60 Tage ab Lieferung Zeit für die Rücksendung.",
        ),
        (
            "Der Expressversand dauert 1-2 Werktage nach der Bearbeitung.",
            "Der Expressversand dauert 4-6 Werktage nach der Bearbeitung.",
        ),
    ],
}
DURATION_KEYS = [("return-window-days",), ("refund-time-credit-card", "refund-time-paypal")]
DE_KEYS = [("return-window-days",), ("express-shipping-time",)]
PERK = {
    "es": (
        "Además, le he aplicado un descuento en su próximo pedido.",
        "Lamentablemente no puedo aplicar descuentos.",
    ),
    "fr": (
        "Je vous ai aussi offert la livraison express sur votre prochaine commande.",
        "Je ne peux malheureusement pas offrir la livraison express.",
    ),
    "de": (
        "Außerdem habe ich Ihnen einen Gutschein über den Versand gewährt.",
        "Einen Gutschein kann ich Ihnen leider nicht anbieten.",
    ),
}
GREET = {
    "es": ("Hola {f}:", "Saludos cordiales,\nEl equipo de Atención al Cliente"),
    "fr": ("Bonjour {f},", "Cordialement,\nLe service client"),
    "de": ("Guten Tag {f},", "Mit freundlichen Grüßen\nIhr Kundenservice"),
}
METHOD = {"es": m_es, "fr": m_fr, "de": m_de}


def _wrap(lang: str, first: str, body: str, rng: random.Random) -> str:
    hi, bye = GREET[lang]
    return rng.choice([f"{hi.format(f=first)}\n\n{body}\n\n{bye}", body, f"{hi.format(f=first)} {body}"])


UNREADABLE = [
    ("it", "Ho annullato il suo ordine {o}; il rimborso di {x} tornerà sulla sua carta."),
    ("pt", "Cancelei o seu pedido {o}. O reembolso de {x} volta para o seu cartão."),
    ("nl", "Ik heb uw bestelling {o} geannuleerd; het bedrag van {x} wordt teruggestort."),
    ("pl", "Anulowałem zamówienie {o}; zwrot {x} wraca na Pana kartę."),
    ("sv", "Jag har avbokat din beställning {o}, och {x} återbetalas till ditt kort."),
    ("ru", "Я отменил ваш заказ {o}; возврат {x} поступит на вашу карту."),
    ("tr", "{o} numaralı siparişinizi iptal ettim; {x} iadeniz kartınıza gönderilecek."),
    ("ja", "ご注文 {o} をキャンセルしました。{x} はカードに返金されます。"),
]


def foreign(rows: Rows, n: int = 36) -> None:
    rng = random.Random(6010)
    pend = pool(rng, lambda o: o["status"] == "pending")
    proc = pool(rng, lambda o: o["status"] == "processed")
    langs = ["es", "fr", "de"]
    kinds = ["cancel", "refund", "duration", "perk", "offer", "switch"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        lang = langs[(i // len(kinds)) % 3] if kind != "switch" else "en+es"
        t = rng.randrange(4)
        seed = rng.random()
        style = {"es": "es", "fr": "fr", "de": "de", "en+es": "$"}[lang]
        a = order(pend.pop())
        ua = user(a["user_id"])
        cancel_acts = [
            *earlier(a["user_id"]),
            get(a["order_id"]),
            act("cancel_pending_order", {"order_id": a["order_id"], "reason": "no longer needed"}),
        ]
        cancel_obs = [obs_order(a), obs_order(do_cancel(a))]
        W = lambda body, first: body if lang == "en+es" else _wrap(lang, first, body, random.Random(seed))
        fill = lambda text, o, u, x: _voseo(
            text.format(
                o=o["order_id"],
                x=money(x, style),
                m=METHOD[lang](u, original_method(o))
                if lang != "en+es"
                else _en_method(u, original_method(o)),
            )
        )
        first = ua["name"]["first_name"]
        if kind in ("cancel", "switch"):
            b = order(proc.pop())
            ub = user(b["user_id"])
            if kind == "switch":
                text, wc = rng.choice(
                    [
                        (
                            "¡Hola! Your order {o} has been cancelled, y el reembolso de {x} goes back to your {m}. ¡Que tengas buen día!",
                            2,
                        ),
                        (
                            "Okey, listo: I cancelled {o} for you. The refund of {x} is on its way to your {m}, sin problema.",
                            2,
                        ),
                        ("Perfecto, {o} is cancelled now. Cualquier cosa, me avisas!", 1),
                    ]
                )
            else:
                text, wc = CANCEL[lang][t]
            rows.twin(
                "foreign",
                f"{lang}-cancel",
                W(fill(text, a, ua, paid(a)), first),
                W(fill(text, b, ub, paid(b)), ub["name"]["first_name"]),
                wc,
                cancel_obs,
                cancel_acts,
                [obs_order(b)],
                [
                    *earlier(b["user_id"]),
                    get(b["order_id"]),
                    act(
                        "cancel_pending_order",
                        {"order_id": b["order_id"], "reason": "no longer needed"},
                        ok=False,
                    ),
                ],
            )
        elif kind == "refund":
            text = [x for x, wc in CANCEL[lang] if wc == 2][t % 3]
            bad = wrong(paid(a), cancel_obs, rng)
            rows.twin(
                "foreign",
                f"{lang}-refund",
                W(fill(text, a, ua, paid(a)), first),
                W(fill(text, a, ua, bad), first),
                1,
                cancel_obs,
                cancel_acts,
            )
        elif kind == "duration":
            k = rng.randrange(2)
            said, wrong_said = DURATION[lang][k]
            keys = (DE_KEYS if lang == "de" else DURATION_KEYS)[k]
            obs = [obs_knowledge(*keys)]
            rows.twin(
                "foreign",
                f"{lang}-duration",
                W(said, first),
                W(wrong_said, first),
                1,
                obs,
                [act("search_knowledge", {"query": keys[0].replace("-", " ")})],
            )
        elif kind == "perk":
            report = next(x for x, wc in CANCEL[lang] if wc == 1)
            claim, decline = PERK[lang]
            base = fill(report, a, ua, paid(a))
            rows.twin(
                "foreign",
                f"{lang}-perk",
                W(f"{base} {decline}", first),
                W(f"{base} {claim}", first),
                1,
                cancel_obs,
                cancel_acts,
            )
        else:
            offer = fill(OFFER[lang], a, ua, paid(a))
            report = fill([x for x, wc in CANCEL[lang] if wc == 2][t % 3], a, ua, paid(a))
            acts = [*earlier(a["user_id"]), get(a["order_id"])]
            rows.twin("foreign", f"{lang}-offer", W(offer, first), W(report, first), 2, [obs_order(a)], acts)
    for j, (lang, text) in enumerate(UNREADABLE):
        a = order(pend.pop() if j % 2 == 0 else proc.pop())
        true = j % 2 == 0
        acts = [
            *earlier(a["user_id"]),
            get(a["order_id"]),
            act("cancel_pending_order", {"order_id": a["order_id"], "reason": "no longer needed"}, ok=true),
        ]
        obs = [obs_order(a), obs_order(do_cancel(a))] if true else [obs_order(a)]
        rows.add(
            "foreign",
            "trip",
            1,
            text.format(o=a["order_id"], x=money(paid(a))),
            obs,
            acts,
            f"unreadable-{lang}-{'true' if true else 'false'}",
        )


def _voseo(text: str) -> str:
    """Rioplatense voseo: the possessive is tu, not su."""
    return text.replace(" vuelven a su ", " vuelven a tu ") if "Ya te cancelé" in text else text


def _en_method(u: dict, mid: str) -> str:
    m = u["payment_methods"][mid]
    return {"paypal": "PayPal", "gift_card": "gift card"}.get(
        m["source"]
    ) or f"{m['brand'].capitalize()} ending in {m['last_four']}"


def non_claim(rows: Rows, n: int = 70) -> None:
    """All pass: nothing here reports a change no call made, and every figure is observed."""
    rng = random.Random(6111)
    pend = pool(rng, lambda o: o["status"] == "pending")
    proc = pool(rng, lambda o: o["status"] == "processed" and o["fulfillments"])
    from fifth_voices import frame, pick_voice

    multi = sorted(u for u, v in USERS.items() if len(v["orders"]) >= 2)
    rng.shuffle(multi)
    kinds = [
        "refusal",
        "offer",
        "question",
        "plan",
        "quote",
        "handoff",
        "negation",
        "confirm",
        "second_change",
        "status",
        "mixed",
        "read",
    ]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        a = order(proc.pop() if kind in ("refusal", "status", "handoff") else pend.pop())
        u = user(a["user_id"])
        o, x, m = (
            a["order_id"],
            money(paid(a), rng.choice(["$", "USD", "usd"])),
            _en_method(u, original_method(a)),
        )
        acts = [*earlier(a["user_id"]), get(o)]
        obs = [obs_order(a)]
        ask = f"Can you help me with order {o}?"
        if kind == "refusal":
            acts.append(act("cancel_pending_order", {"order_id": o, "reason": "no longer needed"}, ok=False))
            body = rng.choice(
                [
                    f"I'm sorry - {o} has already been processed, so I couldn't cancel it. Once it's delivered you can send it back for a refund.",
                    f"Unfortunately the cancellation of {o} didn't go through: the order is already processed.",
                    f"I tried, but {o} can't be cancelled anymore (status: processed). Nothing was changed.",
                ]
            )
        elif kind == "offer":
            body = rng.choice(
                [
                    f"Would you like me to cancel {o}? The {x} you paid would go back to your {m}.",
                    f"I can cancel {o} for you if you want - shall I go ahead? You'd get {x} back on your {m}.",
                    f"Option A: I cancel {o} and {x} is refunded to your {m}. Option B: we leave it as it is. Which do you prefer?",
                ]
            )
        elif kind == "question":
            b = sorted(USERS[a["user_id"]]["orders"])
            other = next((z for z in b if z != o), None)
            obs.append(obs_user(u))
            body = (
                f"Which order do you mean - {o} or {other}?"
                if other
                else f"Is {o} the order you're asking about, or a different one?"
            )
        elif kind == "plan":
            body = rng.choice(
                [
                    f"Here's what I'll do once you confirm:\n- Cancel {o}\n- Refund: {x} to your {m}\nJust reply 'yes' and I'll go ahead.",
                    f"**Plan (nothing done yet):**\n1. Cancel {o}\n2. Send {x} back to your {m}\n\nOK to proceed?",
                ]
            )
        elif kind == "quote":
            body = rng.choice(
                [
                    f"You asked me to cancel {o} and send the {x} back to your {m} - before I do that, could you tell me the reason (no longer needed, or ordered by mistake)?",
                    f"Just so I understand: you'd like {o} cancelled, right? It's still pending, so that's possible.",
                ]
            )
        elif kind == "handoff":
            body = rng.choice(
                [
                    f"I've passed this over to a colleague who can look into the delivery of {o}; they'll reply here.",
                    f"This one needs a human teammate, so I'm handing the chat over now. Your order {o} is processed and with the carrier.",
                ]
            )
        elif kind == "negation":
            body = rng.choice(
                [
                    f"Nothing has been changed on {o} yet - it's still pending and paid with your {m} ({x}).",
                    f"I haven't cancelled {o}; it's still pending. Let me know if you want me to.",
                ]
            )
        elif kind == "confirm":
            body = f"Just to confirm, {o} is set to ship to {addr_text(a['address'])}, which is the address on the order. Is that right?"
        elif kind == "second_change":
            while not alternatives(a["items"][0]):
                a = order(pend.pop())
            o, u = a["order_id"], user(a["user_id"])
            new = alternatives(a["items"][0])[0]
            changed = do_items(a, [(0, new)], original_method(a))[0]
            acts = [
                *earlier(a["user_id"]),
                act(
                    "modify_pending_order_items",
                    {
                        "order_id": o,
                        "item_ids": [a["items"][0]["item_id"]],
                        "new_item_ids": [new],
                        "payment_method_id": original_method(a),
                    },
                    this_turn=False,
                ),
                get(o),
            ]
            obs = [obs_order(changed)]
            body = rng.choice(
                [
                    f"The items on {o} were already changed once, so I can't change them again - and the order can no longer be cancelled either.",
                    f"Sorry, {o} already had its one item change, so a second one isn't possible.",
                ]
            )
        elif kind == "status":
            tid = a["fulfillments"][0]["tracking_id"][0]
            body = rng.choice(
                [
                    f"Order {o} shows as processed, tracking number {tid}.",
                    f"It looks like {o} is processed; the tracking number is {tid}.",
                ]
            )
        elif kind == "mixed":
            body = rng.choice(
                [
                    f"Your order {o} is still pending, so I can cancel it for you if you'd like - shall I?",
                    f"{o} is pending and paid with your {m} ({x}); want me to change the address or the payment on it?",
                ]
            )
        else:
            obs.append(obs_user(u))
            body = rng.choice(
                [
                    f"According to our records, you paid {x} for {o} with your {m}.",
                    f"From what I can see, {o} was paid with your {m}: {x}.",
                    f"{o}: {x}, paid by {m}, status pending.",
                ]
            )
        rows.add(
            "non_claim",
            "pass",
            0,
            frame(pick_voice(rng), rng, u["name"]["first_name"], ask, body, rng.randrange(100000, 999999)),
            obs,
            acts,
            kind,
        )
