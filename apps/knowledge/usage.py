"""Where each fact is used, and which texts contradict it.

Articles quote facts by key (`{return_window_days}`, see quoting.py) and render the value in
force, so saving a fact updates every article, prompt, tool description and offline answer
that quotes it. Texts owned by higher layers (the agent's prompt, the tools' descriptions) are
listed through sources they register here; the answer checker, which sits above the knowledge
base, registers the function that finds contradictions (both in their AppConfig.ready), the
same way the store registers its price observer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .models import Article
from .quoting import QUOTED_TERMS, quoted_keys
from .selectors import policy_render

# label -> text, e.g. {"tool cancel_pending_order": "...{refund_time_paypal:within}..."}
UsageSource = Callable[[], Mapping[str, str]]
# (text as a customer would read it) -> the contradictions found, each a line an admin can read
ContradictionCheck = Callable[[str], list[str]]

_sources: dict[str, UsageSource] = {}
_checks: list[ContradictionCheck] = []


def fact_usage_source_register(name: str, source: UsageSource) -> None:
    """Let the admin see where a text owned elsewhere quotes facts (idempotent by name)."""
    _sources[name] = source


def contradiction_check_register(check: ContradictionCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def text_contradictions(text: str) -> list[str]:
    """What the registered checkers find wrong in a text (rendered with the facts in force)."""
    found: list[str] = []
    for check in _checks:
        found.extend(check(text))
    return found


@dataclass(frozen=True)
class FactUsage:
    key: str
    articles: list[str] = field(default_factory=list)  # questions of articles that quote it by key
    texts: list[str] = field(default_factory=list)  # other texts that quote it (prompt, tools)
    code: bool = False  # the code's own wording quotes it (offline answers, tool results)


def fact_usage(key: str, *, articles: Iterable[Article] | None = None) -> FactUsage:
    """Every text that quotes the fact `key` by placeholder."""
    rows = list(articles) if articles is not None else list(Article.objects.all())
    quoting = [a.question for a in rows if key in quoted_keys(a.answer) or key in quoted_keys(a.question)]
    texts: list[str] = []
    for source in list(_sources.values()):
        texts.extend(label for label, text in source().items() if key in quoted_keys(text))
    return FactUsage(key=key, articles=quoting, texts=sorted(texts), code=key in QUOTED_TERMS)


def articles_contradicting(*, articles: Iterable[Article] | None = None) -> dict[str, list[str]]:
    """Active articles whose rendered text contradicts a fact: question -> what is wrong."""
    rows = list(articles) if articles is not None else list(Article.objects.filter(active=True))
    found = {}
    for article in rows:
        problems = text_contradictions(policy_render(article.answer))
        if problems:
            found[article.question] = problems
    return found
