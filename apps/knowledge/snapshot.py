"""A frozen, in-memory picture of what the knowledge base says: policy facts and store prices.

Plain Python (no Django import), so the guardrails and the benchmark can use it without a
database; `selectors.knowledge_snapshot()` builds it from the tables and caches it until a
fact changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_-]*)(?::(within))?\}")

PRODUCT_SCOPE_PREFIX = "product:"
PRICE_KEY_PREFIX = "price-"


@dataclass(frozen=True)
class FactEntry:
    """One fact in force, as the guardrails read it."""

    key: str
    kind: str  # money | duration | percentage | date | text
    value: str
    unit: str
    statement: str
    scope: str = "store-policy"

    @property
    def number(self) -> Decimal | None:
        """The value as a number (the upper bound of a range such as '5-7'), or None."""
        text = self.value.replace(",", "").replace("$", "").strip()
        if "-" in text[1:]:
            text = text.rsplit("-", 1)[1]
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    @property
    def bounds(self) -> tuple[Decimal, Decimal] | None:
        """A numeric value as (low, high): '30' -> (30, 30), '5-7' -> (5, 7)."""
        text = self.value.replace(",", "").strip()
        parts = text.split("-", 1) if "-" in text[1:] else [text, text]
        try:
            return Decimal(parts[0].strip()), Decimal(parts[1].strip())
        except InvalidOperation:
            return None

    @property
    def figure(self) -> str:
        """The value as a customer reads it: '$5.99', '30 days', '5-7 business days'."""
        if self.kind == "money" and self.number is not None:
            return f"${self.number:,.2f}"
        if self.kind == "percentage":
            return f"{self.value}%"
        return f"{self.value} {self.unit}".strip()


@dataclass(frozen=True)
class VariantPrice:
    """The price of one buyable variant, mirrored as a fact from the store."""

    product_id: str
    product_name: str
    item_id: str
    price: Decimal
    options: Mapping[str, Any] = field(default_factory=dict)


# eq=False: snapshots compare and hash by identity, so caches can key on them cheaply.
@dataclass(frozen=True, eq=False)
class KnowledgeSnapshot:
    facts: Mapping[str, FactEntry]  # policy facts (every scope but products), by key
    prices: Mapping[str, tuple[VariantPrice, ...]]  # lowercased product name -> its variants
    signature: tuple[Any, ...] = ()

    @classmethod
    def build(
        cls,
        facts: Iterable[Mapping[str, Any]],
        variants: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        signature: tuple[Any, ...] = (),
    ) -> KnowledgeSnapshot:
        """From fact rows (key, kind, value, unit, statement, scope) and, for price facts,
        the variants they mirror by item id (product_id, product_name, options)."""
        policy: dict[str, FactEntry] = {}
        prices: dict[str, list[VariantPrice]] = {}
        variants = variants or {}
        for row in facts:
            scope = row.get("scope") or "store-policy"
            if scope.startswith(PRODUCT_SCOPE_PREFIX) and row["key"].startswith(PRICE_KEY_PREFIX):
                item_id = row["key"][len(PRICE_KEY_PREFIX) :]
                variant = variants.get(item_id)
                if variant is None:
                    continue
                try:
                    price = Decimal(str(row["value"]))
                except InvalidOperation:
                    continue
                name = str(variant["product_name"])
                prices.setdefault(name.lower(), []).append(
                    VariantPrice(
                        product_id=str(variant["product_id"]),
                        product_name=name,
                        item_id=item_id,
                        price=price,
                        options=dict(variant.get("options") or {}),
                    )
                )
                continue
            policy[row["key"]] = FactEntry(
                key=row["key"],
                kind=row["kind"],
                value=str(row["value"]),
                unit=row.get("unit") or "",
                statement=row.get("statement") or "",
                scope=scope,
            )
        # A statement may quote facts by key ("up to {return_window_days} after they arrive"),
        # its own value included: it reads as the facts say now.
        for key, entry in list(policy.items()):
            if "{" in entry.statement:
                policy[key] = replace(entry, statement=_quote(entry.statement, policy))
        return cls(
            facts=MappingProxyType(policy),
            prices=MappingProxyType({name: tuple(rows) for name, rows in prices.items()}),
            signature=signature,
        )

    @classmethod
    def from_files(cls, policy: Mapping[str, Any], products: Mapping[str, Any]) -> KnowledgeSnapshot:
        """From the seed file and the demo store's products.json (the benchmark's path, no DB)."""
        facts: list[dict[str, Any]] = list(policy.get("facts", []))
        variants: dict[str, dict[str, Any]] = {}
        for product in products.values():
            for item_id, variant in product["variants"].items():
                variants[item_id] = {
                    "product_id": product["product_id"],
                    "product_name": product["name"],
                    "options": variant["options"],
                }
                facts.append(
                    {
                        "key": f"{PRICE_KEY_PREFIX}{item_id}",
                        "kind": "money",
                        "value": f"{Decimal(str(variant['price'])):.2f}",
                        "unit": "USD",
                        "scope": f"{PRODUCT_SCOPE_PREFIX}{product['product_id']}",
                        "statement": "",
                    }
                )
        return cls.build(facts, variants)


def _quote(text: str, facts: Mapping[str, FactEntry]) -> str:
    """`text` with `{fact_key}` / `{fact_key:within}` filled from `facts`; unknown keys kept."""

    def fill(match: re.Match[str]) -> str:
        fact = facts.get(match.group(1)) or facts.get(match.group(1).replace("_", "-"))
        if fact is None:
            return match.group(0)
        within = match.group(2) and fact.kind == "duration"
        return f"within {fact.figure}" if within else fact.figure

    return _PLACEHOLDER.sub(fill, text)
