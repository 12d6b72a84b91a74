"""Writes to the knowledge base: seeding the store policy, and admins' edits (audited)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record
from apps.core.errors import InvalidRequest

from .models import Article, Fact

SEED_PATH = Path(__file__).resolve().parent / "seed" / "policy.json"
_FACT_FIELDS = ("kind", "value", "unit", "scope", "statement", "source", "effective_from", "effective_to")


@dataclass(frozen=True)
class SeedReport:
    facts_created: int
    articles_created: int
    kept: int  # rows already there, left as they are (an admin may have edited them)
    deleted: int  # rows removed by --reset


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
    with `reset`, every fact and article is deleted first and the file is loaded fresh.
    """
    facts, articles = _seed_read(path)
    deleted = 0
    if reset:
        deleted = Fact.objects.all().delete()[0] + Article.objects.all().delete()[0]
    known_keys = set(Fact.objects.values_list("key", flat=True))
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
            payload={"action": "knowledge_seed", "reset": reset, **report.__dict__},
        )
    return report


def _describe(row: Fact | Article) -> dict[str, Any]:
    if isinstance(row, Fact):
        return {"model": "knowledge.fact", "id": row.pk, "key": row.key, "value": row.value, "unit": row.unit}
    return {"model": "knowledge.article", "id": row.pk, "question": row.question, "active": row.active}


@transaction.atomic
def knowledge_row_save(*, row: Fact | Article, actor: str) -> Fact | Article:
    """Save an admin's new or edited fact or article, with its audit event."""
    action = "change" if row.pk else "add"
    row.full_clean()
    row.save()
    audit_record(kind=AuditEvent.Kind.ADMIN_CHANGE, actor=actor, payload={"action": action, **_describe(row)})
    return row


@transaction.atomic
def knowledge_row_delete(*, row: Fact | Article, actor: str) -> None:
    """Delete a fact or article, with its audit event."""
    payload = {"action": "delete", **_describe(row)}
    row.delete()
    audit_record(kind=AuditEvent.Kind.ADMIN_CHANGE, actor=actor, payload=payload)
