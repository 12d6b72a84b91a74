"""Handing the conversation to a person."""

from __future__ import annotations

from typing import Any

from apps.tools.registry import ToolContext, ToolKind, registry, strict_object


@registry.register(
    name="transfer_to_human_agents",
    description="""
Hand the conversation to a human support agent, with a short summary of who the customer
is, what they asked for and what has been done so far, so they never have to repeat
themselves. Use it when the customer explicitly asks for a person, or when the request is
outside what your tools and the store policy allow. After calling it, tell the customer a
person will take over.
""",
    parameters=strict_object(
        {
            "summary": {
                "type": "string",
                "minLength": 1,
                "maxLength": 4000,
                "description": "The customer's issue and what has been done so far.",
            }
        }
    ),
    kind=ToolKind.READ,
    status_line="Bringing in a member of our team...",
)
def transfer_to_human_agents(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    # The conversation layer turns a successful transfer into a handoff in the queue; the
    # store itself does not change.
    return {"transferred": True, "summary": arguments["summary"]}
