"""Writes to the knowledge base: seeding the store policy, mirroring store prices as facts,
and admins' edits (all audited)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record
from apps.commerce.models import Variant
from apps.core.errors import InvalidRequest

from .models import Article, Fact, GuardrailPolicy
from .snapshot import PRICE_KEY_PREFIX, PRODUCT_SCOPE_PREFIX
from .usage import articles_contradicting

SEED_PATH = Path(__file__).resolve().parent / "seed" / "policy.json"
_FACT_FIELDS = ("kind", "value", "unit", "scope", "statement", "source", "effective_from", "effective_to")


@dataclass(frozen=True)
class SeedReport:
    facts_created: int
    articles_created: int
    kept: int  # rows already there, left as they are (an admin may have edited them)
    deleted: int  # rows removed by --reset
    prices: PriceSyncReport | None = None


def _seed_read(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidRequest(f"cannot read the knowledge seed {path}: {exc}") from exc
    facts, articles = data.get("facts", []), data.get("articles", [])
    for fact in facts:
        if not {"key", "kind", "value", "statement"} <= fact.keys() or fact["kind"] not in Fact.Kind.values:
            raise InvalidRequest(f"fact {fact.get('key')!r} needs key, a valid kind, value and statement")
    for article in articles:
        if not article.get("question") or not article.get("answer"):
            raise InvalidRequest("every article needs a question and an answer")
    return facts, articles


@transaction.atomic
def knowledge_seed(*, reset: bool = False, path: Path = SEED_PATH, actor: str = "system") -> SeedReport:
    """Load the store's policy facts and articles; idempotent, keyed by fact key and question.

    Rows that already exist are kept as they are, so re-running never undoes an admin's edit;
    with `reset`, every policy fact and article is deleted first and the file is loaded fresh.
    Then the product price facts are synced with the store (`product_price_facts_sync`).
    """
    facts, articles = _seed_read(path)
    deleted = 0
    if reset:
        # The price mirror is derived from the store, not from the file: the sync below keeps it.
        policy_facts = Fact.objects.exclude(scope__startswith=PRODUCT_SCOPE_PREFIX)
        deleted = policy_facts.delete()[0] + Article.objects.all().delete()[0]
    known_keys = set(
        Fact.objects.exclude(scope__startswith=PRODUCT_SCOPE_PREFIX).values_list("key", flat=True)
    )
    known_questions = set(Article.objects.values_list("question", flat=True))
    new_facts = [
        Fact(key=row["key"], **{f: row[f] for f in _FACT_FIELDS if f in row})
        for row in facts
        if row["key"] not in known_keys
    ]
    new_articles = [
        Article(question=row["question"], answer=row["answer"], tags=row.get("tags", ""))
        for row in articles
        if row["question"] not in known_questions
    ]
    Fact.objects.bulk_create(new_facts)
    Article.objects.bulk_create(new_articles)
    report = SeedReport(
        facts_created=len(new_facts),
        articles_created=len(new_articles),
        kept=len(facts) + len(articles) - len(new_facts) - len(new_articles),
        deleted=deleted,
    )
    if new_facts or new_articles or deleted:
        audit_record(
            kind=AuditEvent.Kind.ADMIN_CHANGE,
            actor=actor,
            payload={
                "action": "knowledge_seed",
                "reset": reset,
                "facts_created": report.facts_created,
                "articles_created": report.articles_created,
                "kept": report.kept,
                "deleted": report.deleted,
            },
        )
    return dataclasses.replace(report, prices=product_price_facts_sync(actor=actor))


@dataclass(frozen=True)
class PriceSyncReport:
    created: int
    updated: int
    deleted: int


def _money(value: Any) -> str:
    return f"{Decimal(str(value)):.2f}"


def _price_facts_wanted() -> dict[str, dict[str, Any]]:
    """The price facts the store implies now: one per variant, keyed by fact key."""
    return {
        f"{PRICE_KEY_PREFIX}{variant.item_id}": _price_facts_wanted_for(variant)
        for variant in Variant.objects.select_related("product").only(
            "item_id", "price", "options", "product__product_id", "product__name"
        )
    }


@transaction.atomic
def product_price_facts_sync(*, actor: str = "system") -> PriceSyncReport:
    """Mirror every variant's price as a fact (scope product:<id>, key price-<item id>).

    Idempotent: creates, updates and deletes price facts until they match the store, and
    records one audit event when anything changed. The store's Variant rows stay the source
    of truth; the facts are what the guardrails and admins read.
    """
    wanted = _price_facts_wanted()
    existing = {
        fact.key: fact
        for fact in Fact.objects.select_for_update().filter(scope__startswith=PRODUCT_SCOPE_PREFIX)
    }
    now = timezone.now()
    created = [Fact(key=key, **fields) for key, fields in wanted.items() if key not in existing]
    changed = []
    for key, fact in existing.items():
        fields = wanted.get(key)
        if fields is None:
            continue
        if any(getattr(fact, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(fact, name, value)
            fact.updated_at = now  # bulk_update skips auto_now; the snapshot cache keys on it
            changed.append(fact)
    stale = [fact.pk for key, fact in existing.items() if key not in wanted]
    Fact.objects.bulk_create(created)
    Fact.objects.bulk_update(changed, ["kind", "value", "unit", "scope", "statement", "source", "updated_at"])
    Fact.objects.filter(pk__in=stale).delete()
    report = PriceSyncReport(created=len(created), updated=len(changed), deleted=len(stale))
    if created or changed or stale:
        audit_record(
            kind=AuditEvent.Kind.ADMIN_CHANGE,
            actor=actor,
            payload={
                "action": "product_price_facts_sync",
                **report.__dict__,
                "updated_keys": [fact.key for fact in changed][:50],
            },
        )
    return report


def price_fact_mirror(variant: Any) -> Fact:
    """Bring one variant's price fact in line with the store (commerce calls this inside its
    price change's transaction; registered in KnowledgeConfig.ready)."""
    fact, _ = Fact.objects.update_or_create(
        key=f"{PRICE_KEY_PREFIX}{variant.item_id}", defaults=_price_facts_wanted_for(variant)
    )
    return fact


def _price_facts_wanted_for(variant: Any) -> dict[str, Any]:
    options = ", ".join(f"{name}: {value}" for name, value in (variant.options or {}).items())
    price = _money(variant.price)
    return {
        "kind": Fact.Kind.MONEY,
        "value": price,
        "unit": "USD",
        "scope": f"{PRODUCT_SCOPE_PREFIX}{variant.product.product_id}",
        "statement": f"{variant.product.name} ({options}) costs ${price}.",
        "source": f"store catalogue: variant {variant.item_id}",
    }


@transaction.atomic
def guardrail_policy_save(*, handoff_on_block: bool, actor: str) -> GuardrailPolicy:
    """Save the admins' guardrail settings (one row), audited."""
    policy, _ = GuardrailPolicy.objects.update_or_create(
        pk=GuardrailPolicy.SINGLETON_PK, defaults={"handoff_on_block": handoff_on_block}
    )
    audit_record(
        kind=AuditEvent.Kind.ADMIN_CHANGE,
        actor=actor,
        payload={
            "action": "change",
            "model": "knowledge.guardrailpolicy",
            "handoff_on_block": handoff_on_block,
        },
    )
    return policy


def _describe(row: Fact | Article) -> dict[str, Any]:
    if isinstance(row, Fact):
        return {
            "model": "knowledge.fact",
            "id": row.pk,
            "key": row.key,
            "kind": row.kind,
            "value": row.value,
            "unit": row.unit,
            "scope": row.scope,
            "statement": row.statement,
            "effective_from": row.effective_from,
            "effective_to": row.effective_to,
        }
    return {
        "model": "knowledge.article",
        "id": row.pk,
        "question": row.question,
        "answer": row.answer,
        "tags": row.tags,
        "active": row.active,
    }


@transaction.atomic
def knowledge_row_save(*, row: Fact | Article, actor: str) -> Fact | Article:
    """Save an admin's new or edited fact or article, with its audit event.

    Texts that quote a fact by key render its new value at once (nothing to update). What the
    save leaves contradicting the facts (an article's own figures, or articles that still
    spell out a fact's old value) is listed in `knowledge_save_warnings` and in the audit event.
    """
    action = "change" if row.pk else "add"
    row.full_clean()
    before = type(row).objects.filter(pk=row.pk).first() if row.pk else None
    row.save()
    payload = {"action": action, **_describe(row)}
    if before is not None:
        # The change history: what each edited field was before, next to what it is now.
        old, new = _describe(before), payload
        payload["before"] = {name: value for name, value in old.items() if new.get(name) != value}
    warnings = knowledge_save_warnings(row=row)
    if warnings:
        payload["warnings"] = warnings[:20]
    audit_record(kind=AuditEvent.Kind.ADMIN_CHANGE, actor=actor, payload=payload)
    return row


def knowledge_save_warnings(*, row: Fact | Article) -> list[str]:
    """What an admin should hear after saving this row: the contradictions it leaves."""
    if isinstance(row, Article):
        if not row.active:
            return []
        found = articles_contradicting(articles=[row])
        return [f"This article contradicts a fact: {problem}" for problem in found.get(row.question, [])]
    if row.scope.startswith(PRODUCT_SCOPE_PREFIX):
        return []
    return [
        f"The article {question!r} now contradicts the facts: {'; '.join(problems)}"
        for question, problems in articles_contradicting().items()
    ]


@transaction.atomic
def knowledge_row_delete(*, row: Fact | Article, actor: str) -> None:
    """Delete a fact or article, with its audit event."""
    payload = {"action": "delete", **_describe(row)}
    row.delete()
    audit_record(kind=AuditEvent.Kind.ADMIN_CHANGE, actor=actor, payload=payload)
