"""Writes fifth.jsonl: a blind held-out corpus for the answer checker (split "fifth").

    .venv/bin/python bench/data/guardrails/make_fifth.py

What its author read, and did not
---------------------------------
Written blind by a fifth author, as the held-out measure that follows fourth.jsonl, before the
fifth round read fourth. Read: the checker's promises (apps/guardrails/COVERAGE.md), the evidence
dataclasses only (apps/guardrails/evidence.py, apps/guardrails/types.py), the benchmark loader
(bench/guardrails.py: row format, split field, categories, how a row becomes Evidence), the demo
store (apps/commerce/demo_data/*.json, models.py for the statuses, selectors.py for the shape of
what the tools return, services.py for the store's rules), the store policy
(apps/knowledge/seed/policy.json; quoting.py, terms.py and snapshot.py for how placeholders and
fact figures render), the retail tools (apps/tools/retail/*.py) and the JSON encoding of their
results (apps/tools/executor.py), and the first 140 lines of make_fourth.py (its docstring, as an
example of this one). Not read: any other file of apps/guardrails (no check.py, lexicon,
patterns, money, action_checks...), any other corpus (*.jsonl) or generator under
bench/data/guardrails, tests/guardrails, the git history of apps/guardrails or bench, and
bench/README.md's guardrails section. Neither the checker nor bench/guardrails.py was ever run
on these rows; the only code run on them besides this script is a throwaway label audit (below)
and a parse that builds every row's Evidence with the loader's own evidence(), without calling
guard_answer. Nobody should tune the checker on this file; once it is read it stops being held out.

How rows were built
-------------------
The generator is split by responsibility: fifth_store.py (the demo store in integer cents, the
writes replayed as services.py makes them, observations, figure formats, wrong-figure guards),
fifth_voices.py (frames and noise), and one module per group of categories (fifth_actions,
fifth_claims, fifth_restated, fifth_money, fifth_terms, fifth_policy, fifth_foreign). Each
category has its own seeded random.Random and never uses an order twice. Every row is a small
conversation on real demo data: the identification of earlier turns (email look-up, profile
read) is actions with this_turn=false and no observation; this turn's reads and writes are
actions with their arguments, and their results are observations written as the tools' JSON
(money as DjangoJSONEncoder writes a two-place Decimal, "47.84"). The writes follow the store's
rules: a cancellation refunds what each method holds and leaves the order "cancelled"; a payment
change adds a payment on the new method and a refund on the old (a gift card that does not cover
the order makes the call fail); an item change settles the difference at once and leaves the
order "pending (item modified)"; a return or exchange request only sets the status and records
the items, the method and (an exchange) the price difference. A failed call is an action with
ok=false and no observation of a change. Policy rows observe search_knowledge's result (the
fact's key, value, unit and raw statement).

Every figure is computed in integer cents from the demo data or policy.json, never typed. A
wrong figure is derived from the right one (shifted by cents or dollars, two digits swapped,
doubled) and asserted to differ; an "unobserved" wrong figure is also asserted to be no observed
number, no sum of up to five of an order's items, no sum or difference of two observed numbers
and no policy amount. Other wrong figures are the amount of something else on purpose: another
variant's price, another item's price, the whole order called a one-item refund, another order's
total, the old variant's price called the new one's.

Voices, new to this corpus: an email agent (greeting, the customer's words quoted with ">", a
sign-off with a name), a support macro with filled slots ("**Ticket:** ... **Update:** ..."), a
long step-by-step LLM answer with nested bullets, a horizontal rule and a "### Summary" block
that repeats the outcome, terse chat ("done ✅ #W... cxl'd - $X back to your PayPal", "lmk if u
need anything else"), and a hedging agent ("according to our records", "it looks like", "from
what I can see", "should"). Twins share one frame (voice, seed, ticket number) and differ only in
their slots. Noise sits in the frames' filler words only (never in a figure, an id, a product, a
method or a claim's verb): typos ("Thnaks", "regrads", "konw"), Cyrillic look-alike letters
inside Latin words, zero width spaces, soft hyphens and word joiners. Figures as "$1,234.56",
"US$47.84", "USD 47.84", "47.84 USD", "2.851,94 USD" (Spanish, German) and "2 851,94 $"
(French, narrow no-break space, no-break space before "$"), in parentheses, after colons and
dashes. Foreign answers by native-style writers: Spain's usted, Mexican "ya quedó cancelado",
Rioplatense voseo ("Ya te cancelé ... ¿viste?"), Quebec French ("s'en retournent"), Swiss German
("Grüsse", "zurückgebucht"), Austrian "Grüß Gott", and English with Spanish phrases.

How rows were labelled
----------------------
A row is "trip" only when it states something the observations, the actions or the policy
contradict; wrong_claims counts those statements (a report of a cancellation and of its refund,
with no call behind either, is two; a statement the llm voice repeats in its Summary block
counts once). "pass" rows state nothing false. Most trip rows have a pass twin: in
action_unbacked, completion and the foreign cancellation reports the twins share wording but not
the order (the pass twin's write succeeded this turn; the trip's failed on an order the store
refuses, or was never made); elsewhere the twins share one conversation and differ only in the
figure, the term, the order, the product or the method named. Categories:
  action_unbacked      cancellations, address, payment, item changes, returns and exchanges
                       reported with the call failed or never made; perks no tool grants
                       (store credit, discount, express upgrade, coupon, waived fee) and order
                       changes no tool makes (adding or removing an item, merging, splitting)
                       next to a true address change, their twins declining instead.
  action_wrong_target  a write that happened, reported on the customer's other observed order,
                       on two products when it took one, with another of the customer's methods
                       (named by kind, brand and last four), or a default-address change
                       reported as the order's.
  amount               a cancellation's and a payment change's refund (unobserved wrong
                       figure), a partial return called the whole order's refund, an exchange's
                       or item change's difference with its direction flipped, and an order's
                       total next to the customer's other order (the other's total).
  product_price        a variant named by all its options (another variant's price), what was
                       paid for an item (another item's price on the order), a catalogue price
                       with nothing observed (unobserved figure), an exchange's new variant (the
                       old price).
  policy_term          the return and exchange windows, refund timings by method, express fee,
                       free-shipping threshold, shipping and processing times, restocking and
                       return-shipping fees, gift card expiry and cash-out, support hours,
                       cancelling after processing, exchanging for another product, the one-time
                       item change, a refund percentage, payment methods accepted.
  completion           "All done ✅" and kin with no object, inside frames that quote the
                       customer's request: pass after a successful write this turn; trip after a
                       failed write or none. No trip rests on a write made in an earlier turn.
  foreign              Spanish, French and German cancellation reports (trip twin: a failed
                       call on a processed order), refund amounts with decimal commas, durations
                       (return window, refund timing, express shipping), perks, and offers
                       ("¿Desea que cancele...?", "Voulez-vous...", "Soll ich...") whose trip twin
                       is the same cancellation reported done with no call (two claims); English
                       with Spanish phrases. Eight answers in Italian, Portuguese, Dutch, Polish,
                       Swedish, Russian, Turkish and Japanese: COVERAGE.md says any language but
                       the four is unreadable and blocked, never passed unread, so they are
                       labelled "trip" with wrong_claims 1 whether their content is true (four,
                       with the cancellation made) or false (four, the call failed); their ids
                       start foreign/unreadable-<lang>-true|false.
  non_claim            all pass: refusals after a failed call, offers with the observed figures
                       (one as "Option A / Option B"), questions, plans under a heading that
                       promises, quotes of the customer's request, hand-offs, negations
                       ("Nothing has been changed on #W... yet"), address confirmations, a
                       refusal of a second item change (an earlier turn's change, observed this
                       turn), tracking look-ups, a true status mixed with an offer in one
                       sentence, and payment read-backs.
  destination          where the money went: a cancellation's, a return's (to a gift card), a
                       payment change's (the old method) and a cheaper item change's refund named
                       on the method the call used (pass) or on another observed method (trip).
  arithmetic           sums and differences worked out in the open ("$A + $B = $C", "plus ...
                       equals", "minus ... equals", "3 x $P = $C", two orders added): pass when
                       they compute, trip with a result that does not (and is not observed).
  restated (new)       a claim restated from an earlier turn ("As I mentioned earlier", "Per my
                       last message", "Following up on my earlier reply"): the write is an
                       action with this_turn=false and this turn only read the order. Pass: the
                       earlier cancellation, address change or return restated on its own order
                       with its own figure, or an earlier failed payment change restated as
                       failed. Trip: the restated claim moved to the customer's other observed
                       order, the failed change restated as done, or the earlier return's
                       refund with an unobserved figure. COVERAGE.md promises this: an action
                       claim needs a successful call "in this conversation", and a refund figure
                       is bound to the calls on the orders named, else the conversation's; no
                       row in it uses an object-less "all done", which COVERAGE.md holds to this
                       turn's writes.
Labelling rules a reviewer should know: a return's or exchange's money told in the present or
future ("the $X goes back to your PayPal", "the refund will be $X once it reaches us") is what
the request will settle, so it is held to the call's items, direction and method; the default
address change keeps orders' addresses (services.py), so a row saying the order moved too is a
trip; a percentage other than 100 of an item's price refunded contradicts the store (no fact
allows it); hedged wording ("it looks like", "should come back") is read as the claim it hedges;
answers in a language COVERAGE.md calls unreadable are trips (see foreign).

Audit: a throwaway script (not committed, not the checker) built every row's Evidence with the
loader's evidence() and digested its observations; checked that every money figure of a pass row
(digits, decimal commas; after folding look-alike letters and dropping invisible characters) is
an observed number, a sum of up to five of an order's items, a sum or difference of two observed
numbers, a catalogue price or a policy amount (arithmetic rows aside); that every arithmetic row
computes exactly when it passes and that no wrong result is observed; that action_unbacked,
completion and foreign cancellation passes have a successful write this turn and their trips
none (perk and order-change rows aside, whose write is true); that every action_wrong_target
and destination row has its write; that no non_claim row and no restated row has a write this
turn; and it tallied each trip's new figure as observed or not against the design. Reading every
category's rows found and fixed slips: a hedge that lowercased "PayPal", a payment-change pair
naming "gift card" for both the old and the new gift card, an "A A6, soft cover Notebook", a
voseo answer with "su" for "tu", a German dative, and a frame line claiming the account was read
in rows with no account look-up. The script flags nothing in the final rows.

720 rows, 391 pass (54%): action_unbacked 45+45, action_wrong_target 34+34, amount 40+40,
product_price 32+32, policy_term 30+30, completion 32+32, foreign 36+44, destination 24+24,
arithmetic 24+24, restated 24+24 (pass+trip), non_claim 70. 349 wrong claims (20 trip rows hold
two). Foreign rows by language: es 20, fr 20, de 20, English with Spanish phrases 12, and one
each in it, pt, nl, pl, sv, ru, tr, ja (all trip).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fifth_actions import action_unbacked
from fifth_claims import action_wrong_target, completion
from fifth_foreign import foreign, non_claim
from fifth_money import amount, product_price
from fifth_policy import policy_term
from fifth_restated import restated
from fifth_store import Rows
from fifth_terms import arithmetic, destination

OUT = Path(__file__).resolve().parent / "fifth.jsonl"


def build() -> list[dict]:
    rows = Rows()
    for category in (
        action_unbacked,
        action_wrong_target,
        amount,
        product_price,
        policy_term,
        completion,
        foreign,
        non_claim,
        destination,
        arithmetic,
        restated,
    ):
        category(rows)
    ids = [row["id"] for row in rows.rows]
    assert len(ids) == len(set(ids))
    answers = [row["answer"] for row in rows.rows]
    assert len(answers) == len(set(answers)), "two rows share an answer"
    return rows.rows


def main() -> None:
    rows = build()
    OUT.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    counts = Counter((row["category"], row["expect"]) for row in rows)
    for category in sorted({row["category"] for row in rows}):
        print(f"{category:22}{counts[(category, 'pass')]:>5} pass{counts[(category, 'trip')]:>5} trip")
    passes = sum(row["expect"] == "pass" for row in rows)
    print(f"{len(rows)} rows, {passes} pass ({passes / len(rows):.0%})")


if __name__ == "__main__":
    main()
