# ruff: noqa: E501, E731, RUF003
"""Voices and mess for make_fifth.py: the frames an answer sits in (an email with the customer's
words quoted, a support macro with filled slots, a long step-by-step LLM answer with a Summary
block, terse chat, a hedging agent) and the noise real text carries. A frame adds no claim of
its own: its greeting, quote and sign-off state nothing about orders, money or policy."""

from __future__ import annotations

import random

AGENTS = ["Priya", "Tomás", "Lena", "Marcus", "Aiko", "Grace", "Olu", "Benedikt"]
ZW = ["\u200b", "\u00ad", "\u2060"]  # zero width space, soft hyphen, word joiner
# Look-alike letters: Cyrillic а е о р с inside Latin filler words.
LOOKALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441"}
TYPOS = {
    "Thanks": ["Thansk", "Thnaks", "Thanks"],
    "regards": ["regrads", "regards"],
    "anything": ["anythign", "anything"],
    "message": ["mesage", "message"],
    "reaching": ["reachign", "reaching"],
    "there": ["tehre", "there"],
    "know": ["konw", "know"],
}


def noisy(word: str, rng: random.Random) -> str:
    """A filler word with a typo, a look-alike letter or an invisible character, or as it is."""
    roll = rng.random()
    if roll < 0.3 and word in TYPOS:
        return rng.choice(TYPOS[word])
    if roll < 0.55:
        letters = [i for i, ch in enumerate(word) if ch in LOOKALIKE and i > 0]
        if letters:
            i = rng.choice(letters)
            return word[:i] + LOOKALIKE[word[i]] + word[i + 1 :]
    if roll < 0.75 and len(word) > 3:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + rng.choice(ZW) + word[i:]
    return word


def frame(kind: str, rng: random.Random, first: str, ask: str, body: str, ticket: int) -> str:
    """Wrap `body` (the claims) in a voice; `ask` is the customer's request, figure-free."""
    agent = rng.choice(AGENTS)
    n = lambda w: noisy(w, rng)
    if kind == "email":
        greet = rng.choice([f"Hi {first},", f"Dear {first},", f"Hello {first},", f"Good morning {first},"])
        close = rng.choice([f"Best {n('regards')},", "Kind regards,", "Warmly,", "All the best,"])
        return f"{greet}\n\n{n('Thanks')} for your {n('message')}. You wrote:\n> {ask}\n\n{body}\n\nIf {n('anything')} else comes up, just reply to this email.\n\n{close}\n{agent}\nCustomer Care"
    if kind == "macro":
        return (
            f"[Macro #{ticket % 97 + 3}: order update]\n"
            f"Hello {first},\n"
            f"**Ticket:** {ticket}\n"
            f"**Request:** {ask}\n"
            f"**Update:** {body}\n"
            f"**Agent:** {agent}\n"
            f"-- {n('Thanks')}, the Support Team"
        )
    if kind == "llm":
        return (
            f"{n('Thanks')} for {n('reaching')} out, {first}! Here's a step-by-step rundown of your request.\n\n"
            f'1. **What you asked**\n   - "{ask}"\n'
            f"2. **What I checked**\n   - The records your question needed\n     - (read-only lookups)\n"
            f"3. **Outcome**\n   - {body}\n\n"
            f"---\n### Summary\n{body}\n\nLet me {n('know')} if {n('there')}'s {n('anything')} else!"
        )
    if kind == "chat":
        return rng.choice(
            [
                f"{body}",
                f"hey {first.lower()} - {body}",
                f"{body} lmk if u need {n('anything')} else",
                f"ok! {body}",
            ]
        )
    if kind == "hedge":
        return rng.choice(
            [
                f"Hi {first} — according to our records, here's where things stand. {body} Please let me {n('know')} if this doesn't match what you see on your side.",
                f"{first}, I've had a look. {body} I hope that helps; feel free to write back.",
                f"Hello {first}! From what I can see in the system: {body} Hope this clears it up 🙂",
            ]
        )
    if kind == "plain":
        return body
    raise ValueError(kind)


VOICES = ["email", "macro", "llm", "chat", "hedge", "plain"]


def pick_voice(rng: random.Random) -> str:
    return rng.choice(VOICES)
