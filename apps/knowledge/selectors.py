"""Reads of the knowledge base: facts in force, article and fact search, the guardrails' snapshot.

Search has one interface, `knowledge_search`, and two backends chosen by the database: on
PostgreSQL its full-text search (weighted tsvector, ranked), elsewhere a small BM25 in
process and stdlib only (the knowledge base is a few dozen articles, so a tokeniser and a
dictionary beat running a search engine; bm25s would add numpy and scipy for no gain at this
size). Both apply the same synonyms and stopwords to the query. The BM25 index is rebuilt
whenever the articles change, so an admin's edit is searchable at once.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from apps.commerce.models import Product, Variant
from apps.core.snapshots import config_tokens, snapshot_cached

from .models import Article, Fact, GuardrailPolicy
from .quoting import PolicyTerms
from .snapshot import PRICE_KEY_PREFIX, PRODUCT_SCOPE_PREFIX, FactEntry, KnowledgeSnapshot

# BM25's usual constants; the knowledge base is too small to be worth tuning them.
_K1 = 1.5
_B = 0.75
# Below these a hit shares only a common word or two with the query: better to say "I don't know".
MIN_SCORE = 1.2
# The share of the query's weight (its terms' idf) that an article must match.
MIN_COVERAGE = 0.3
# The question and the tags say what an article is about; the answer says a lot of other things.
_QUESTION_WEIGHT = 3
_TAGS_WEIGHT = 2

_STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been before being but by can could
    did do does doing dont for from get got had has have having he her here hi his how i id im
    if in into is it its ive just me might more most much my no nor not now of off on once only
    or other our out over own please same she should so some such than that thats the their them
    then there these they this those through to too up us very was we were what whats when where
    which while who whom why will with would you your yours yes yeah ok okay sure thank thanks""".split()  # noqa: SIM905 - a word block reads best
)

# Everyday phrasings mapped onto the words the articles use. Applied to the query only.
_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\bsend (?:\w+ )?back\b", "return"),
    (r"\bmoney back\b", "refund"),
    (r"\breimburse\w*", "refund"),
    (r"\b(?:cost|costs|price|charge|charges)\b", "fee"),
    (r"\bpostage\b", "shipping fee"),
    (r"\bhow much\b", "fee"),
    (r"\bdeliver(?:y|ies)? (?:fee|cost|charge)\b", "shipping fee"),
    # "after a month?" asks about the return or exchange window; how long it is, is a fact.
    (r"\bmonth\b", "window days"),
    (r"\bswap\b", "exchange"),
    (r"\b(?:human|someone|somebody|representative|real person)\b", "person"),
    (r"\bcolor\b", "colour"),
)


def _stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'refunds', 'refunded' and 'refunding' as one."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    # "shipped" -> "shipp" -> "ship"; "cancelled" -> "cancel"
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeious":
        word = word[:-1]
    # "charge" and "charged" meet at "charg"
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Lowercased, stemmed words without stopwords."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("\u2019", ""))
    return [_stem(word) for word in words if word not in _STOPWORDS and len(word) > 1]


def _expand(query: str) -> str:
    lowered = query.lower()
    extra = [replacement for pattern, replacement in _SYNONYMS if re.search(pattern, lowered)]
    return " ".join([query, *extra])


@dataclass(frozen=True)
class ArticleHit:
    article_id: int
    question: str
    answer: str
    score: float


@dataclass(frozen=True)
class _Document:
    article_id: int
    question: str
    answer: str
    terms: Counter[str]
    length: int


@dataclass(frozen=True)
class _Index:
    documents: list[_Document]
    document_frequency: dict[str, int]
    average_length: float

    @classmethod
    def build(cls, articles: Iterable[Mapping[str, Any]]) -> _Index:
        documents = []
        for row in articles:
            tokens = (
                tokenize(row["question"]) * _QUESTION_WEIGHT
                + tokenize(row["tags"].replace(",", " ")) * _TAGS_WEIGHT
                + tokenize(row["answer"])
            )
            documents.append(
                _Document(row["id"], row["question"], row["answer"], Counter(tokens), len(tokens))
            )
        frequency: Counter[str] = Counter()
        for document in documents:
            frequency.update(document.terms.keys())
        average = sum(d.length for d in documents) / len(documents) if documents else 0.0
        return cls(documents, dict(frequency), average)

    def idf(self, term: str) -> float:
        # A word no article uses weighs the most: a query made of such words matches nothing.
        total, df = len(self.documents), self.document_frequency.get(term, 0)
        return math.log(1 + (total - df + 0.5) / (df + 0.5))

    def search(self, query: str, limit: int) -> list[ArticleHit]:
        weights = {term: self.idf(term) for term in set(tokenize(_expand(query)))}
        query_weight = sum(weights.values())
        hits = []
        for document in self.documents:
            score = matched = 0.0
            norm = _K1 * (1 - _B + _B * document.length / (self.average_length or 1))
            for term, idf in weights.items():
                count = document.terms.get(term, 0)
                if count:
                    matched += idf
                    score += idf * count * (_K1 + 1) / (count + norm)
            if score >= MIN_SCORE and matched >= MIN_COVERAGE * query_weight:
                hits.append(ArticleHit(document.article_id, document.question, document.answer, score))
        hits.sort(key=lambda hit: (-hit.score, hit.article_id))
        return hits[:limit]


_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], _Index] | None = None


def _table_signature(*models: type[Model]) -> tuple[Any, ...]:
    """Changes whenever one of the tables is written, by anyone (`.update()` and raw SQL
    included): their generation tokens, which a trigger replaces on every write. Inside a turn's
    configuration snapshot it costs no query, outside it one."""
    tokens = config_tokens(*models)
    if tokens is None:
        # No token (no trigger on this database, or its row was just flushed): a signature no
        # other call shares, so nothing is cached against it beyond the current snapshot.
        tables = tuple(model._meta.db_table for model in models)
        return (snapshot_cached(("knowledge:unversioned", tables), object),)
    return tokens


def _signature() -> tuple[Any, ...]:
    return _table_signature(Article)


def _index() -> _Index:
    global _cached
    signature = _signature()
    with _lock:
        if _cached is not None and _cached[0] == signature:
            return _cached[1]
    rows = list(Article.objects.filter(active=True).values("id", "question", "answer", "tags"))
    index = _Index.build(rows)
    with _lock:
        _cached = (signature, index)
    return index


def article_search(query: str, *, limit: int = 3) -> list[ArticleHit]:
    """The active articles that best answer `query`, best first; [] when none is a fair match."""
    if not query.strip() or limit <= 0:
        return []
    return _rendered(_index().search(query, limit))


def policy_render(text: str) -> str:
    """`text` with every fact it quotes by key (`{return_window_days}`) as the fact says now."""
    if "{" not in text:
        return text
    return PolicyTerms(facts=knowledge_snapshot().facts).render(text)


def _rendered(hits: list[ArticleHit]) -> list[ArticleHit]:
    # Articles quote facts by key: every reader gets the values in force, never a stale copy.
    return [
        ArticleHit(hit.article_id, policy_render(hit.question), policy_render(hit.answer), hit.score)
        for hit in hits
    ]


def facts_in_force(*, on: date | None = None) -> QuerySet[Fact]:
    """Facts whose effective period includes `on` (today by default)."""
    day = on or timezone.localdate()
    return Fact.objects.filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=day),
        Q(effective_to__isnull=True) | Q(effective_to__gte=day),
    )


def fact_values(*keys: str, on: date | None = None) -> dict[str, Fact]:
    """The facts in force with these keys, keyed by key (missing keys are simply absent)."""
    return {fact.key: fact for fact in facts_in_force(on=on).filter(key__in=keys)}


# --- one search interface, two backends -----------------------------------------------------

# PostgreSQL's ts_rank with weights A (question) > B (tags) > D (answer), normalised by
# rank/(rank+1) (flag 32). Below this a hit shares only a common word with the query (measured on
# the seeded articles: right answers rank 0.22-0.42, unrelated queries at most 0.02).
PG_MIN_RANK = 0.1
# Hits far below the best one are noise next to it.
PG_RELATIVE_RANK = 0.5


def _query_terms(query: str) -> list[str]:
    """The query's words for PostgreSQL: synonyms added, stopwords dropped, only [a-z0-9]."""
    words = re.findall(r"[a-z0-9]+", _expand(query).lower().replace("'", "").replace("\u2019", ""))
    return sorted({word for word in words if word not in _STOPWORDS and len(word) > 1})


# The weighted document of an article, as django.contrib.postgres' SearchVector("question",
# weight="A") + SearchVector("tags", weight="B") + SearchVector("answer", weight="D") builds it
# (config "english"), so ranks are the same as they were through the ORM.
_PG_ARTICLE_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(question, '')), 'A') "
    "|| setweight(to_tsvector('english'::regconfig, COALESCE(tags, '')), 'B') "
    "|| setweight(to_tsvector('english'::regconfig, COALESCE(answer, '')), 'D')"
)


def _pg_article_search(query: str, limit: int) -> list[ArticleHit]:
    terms = _query_terms(query)
    if not terms:
        return []
    # An OR of the words (each safe: letters and digits only); the rank rewards matching more.
    # Hand-written: building the same query through the ORM's search expressions cost about as
    # much CPU as the rest of a search tool call (apps/knowledge; bench/turn_cost.py).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, question, answer, rank FROM ("  # noqa: S608 (the model's table)
            f"SELECT id, question, answer, ts_rank({_PG_ARTICLE_VECTOR}, "
            "to_tsquery('english'::regconfig, %s), 32) AS rank "
            f"FROM {Article._meta.db_table} WHERE active) AS ranked "
            "WHERE rank >= %s ORDER BY rank DESC, id ASC LIMIT %s",
            [" | ".join(terms), PG_MIN_RANK, limit],
        )
        rows = cursor.fetchall()
    hits = [ArticleHit(id_, question, answer, float(rank)) for id_, question, answer, rank in rows]
    return [hit for hit in hits if hit.score >= PG_RELATIVE_RANK * hits[0].score]


def knowledge_search(query: str, *, limit: int = 3) -> list[ArticleHit]:
    """The active articles that best answer `query`, best first; [] when none is a fair match.

    PostgreSQL full-text search on PostgreSQL, the in-process BM25 elsewhere.
    """
    if not query.strip() or limit <= 0:
        return []
    if connection.vendor == "postgresql":
        return _rendered(_pg_article_search(query, limit))
    return _rendered(_index().search(query, limit))


_fact_lock = threading.Lock()
_fact_cached: tuple[tuple[Any, ...], _Index, dict[int, FactEntry]] | None = None


def _fact_index() -> tuple[_Index, dict[int, FactEntry]]:
    global _fact_cached
    signature = fact_signature()
    with _fact_lock:
        if _fact_cached is not None and _fact_cached[0] == signature:
            return _fact_cached[1], _fact_cached[2]
    rows = list(
        facts_in_force()
        .exclude(scope__startswith=PRODUCT_SCOPE_PREFIX)
        .values("id", "key", "kind", "value", "unit", "statement", "scope")
    )
    entries = {row["id"]: _entry(row) for row in rows}
    index = _Index.build(
        {"id": row["id"], "question": row["statement"], "answer": "", "tags": row["key"].replace("-", " ")}
        for row in rows
    )
    with _fact_lock:
        _fact_cached = (signature, index, entries)
    return index, entries


def fact_search(query: str, *, limit: int = 3) -> list[FactEntry]:
    """The store-policy facts in force most relevant to `query`, best first (prices excluded)."""
    if not query.strip() or limit <= 0:
        return []
    index, entries = _fact_index()
    return [entries[hit.article_id] for hit in index.search(query, limit)]


# --- the guardrails' snapshot ------------------------------------------------------------------


def fact_signature(*also: type[Model]) -> tuple[Any, ...]:
    """Changes whenever a fact (or a row of `also`'s tables) is written (see `_table_signature`)
    or the day changes."""
    # The day is not in the token: a process keeps its snapshot across midnight.
    return (*_table_signature(Fact, *also), timezone.localdate())


def _entry(row: Mapping[str, Any]) -> FactEntry:
    return FactEntry(
        key=row["key"],
        kind=row["kind"],
        value=row["value"],
        unit=row["unit"],
        statement=row["statement"],
        scope=row["scope"],
    )


_snapshot_lock = threading.Lock()
_snapshot_cached: KnowledgeSnapshot | None = None


def knowledge_snapshot() -> KnowledgeSnapshot:
    """Every fact in force (policy terms, and product prices mirrored from the store), frozen.

    Cached until a fact, a product or a variant changes (or the day does, for effective dates),
    so building evidence for an answer costs one aggregate query; an admin's edit is seen by the
    next answer.
    """
    global _snapshot_cached
    # The catalogue's tables too: a product renamed or a variant's options edited (in the admin,
    # by `.update()` or by SQL) changes which product an answer's words name.
    signature = fact_signature(Product, Variant)
    with _snapshot_lock:
        if _snapshot_cached is not None and _snapshot_cached.signature == signature:
            return _snapshot_cached
    rows = list(facts_in_force().values("key", "kind", "value", "unit", "statement", "scope"))
    variants = {
        row["item_id"]: {
            "product_id": row["product__product_id"],
            "product_name": row["product__name"],
            "options": row["options"],
        }
        for row in Variant.objects.values("item_id", "product__product_id", "product__name", "options")
    }
    snapshot = KnowledgeSnapshot.build(rows, variants, signature=signature)
    with _snapshot_lock:
        _snapshot_cached = snapshot
    return snapshot


def price_fact_key(item_id: str) -> str:
    return f"{PRICE_KEY_PREFIX}{item_id}"


def guardrail_policy() -> GuardrailPolicy:
    """The admins' guardrail settings (the defaults when nobody has saved them)."""
    return snapshot_cached(
        "knowledge:guardrail_policy",
        lambda: (
            GuardrailPolicy.objects.filter(pk=GuardrailPolicy.SINGLETON_PK).first()
            or GuardrailPolicy(pk=GuardrailPolicy.SINGLETON_PK)
        ),
        tables=(GuardrailPolicy,),
    )
