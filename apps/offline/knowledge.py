"""Answers to general questions from the knowledge base, only when an article really answers.

The search ranks articles by shared words, so "do you ship internationally?" finds the article
on shipping costs, which says nothing about other countries. An article answers a question
only when it speaks of what the question is about: most of the question's specific words (not
the words every shipping or order question shares) appear in the article. Otherwise the
engine says it does not know, rather than answering another question.
"""

from __future__ import annotations

import re

# Words that say what kind of question it is, not what it is about.
_COMMON = frozenset(
    """
    about after again also always anything are back been before being can cannot could does doing done
    each even ever every from have having here how into just know like long make many much must need
    order orders item items product products store shop ship shipping shipped please really should
    some tell than that their them then there these they thing things this those through time what
    when where which while will with would your yours you want wanted get got give take policy
    happen happens work works mean means able allowed possible still sure okay thanks thank hello
    """.split()  # noqa: SIM905 - a word block reads best
)
_WORD = re.compile(r"[a-z]+")


def _stem(word: str) -> str:
    for suffix in ("ationally", "ational", "ally", "ings", "ing", "ies", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _specific_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in _COMMON}


def _covers(question: str, article_text: str) -> bool:
    wanted = _specific_words(question)
    if not wanted:
        return True
    words = {_stem(w) for w in _WORD.findall(article_text.lower())}
    found = {
        w
        for w in wanted
        if w in words or any(a.startswith(w) or w.startswith(a) for a in words if len(a) >= 5)
    }
    return len(found) * 2 >= len(wanted)


def answering_article(question: str) -> str | None:
    """The answer of the article that answers this question, or None when none does."""
    # Imported here: the engine's modules load without Django's app registry.
    from apps.knowledge.selectors import knowledge_search

    for hit in knowledge_search(question, limit=3):
        if _covers(question, f"{hit.question} {hit.answer}"):
            return hit.answer
    return None
