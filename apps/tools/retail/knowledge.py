"""The knowledge tool: the store's help articles and policy facts, for questions about policy."""

from __future__ import annotations

from typing import Any

from apps.knowledge.selectors import fact_search, knowledge_search
from apps.tools.registry import ToolContext, ToolKind, registry, strict_object


@registry.register(
    name="search_knowledge",
    description="""
Search the store's help articles and policy facts: return and exchange windows, refund
timing per payment method, gift card rules, what can be changed in which order status,
shipping options and fees. Use it before answering any question about policy, and quote the
figures it returns exactly; never guess a fee, window or timing. Returns up to three articles
(question and answer) and the most relevant facts; an empty list means we have no article on
it, so say so or offer a person.
""",
    parameters=strict_object(
        {
            "query": {
                "type": "string",
                "minLength": 2,
                "maxLength": 300,
                "description": "The customer's question in a few words, e.g. 'refund time paypal'.",
            }
        }
    ),
    kind=ToolKind.READ,
    status_line="Searching our help articles...",
)
def search_knowledge(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    query = arguments["query"]
    return {
        "articles": [
            {"question": hit.question, "answer": hit.answer} for hit in knowledge_search(query, limit=3)
        ],
        "facts": [
            {"key": fact.key, "value": fact.value, "unit": fact.unit, "statement": fact.statement}
            for fact in fact_search(query, limit=3)
        ],
    }
