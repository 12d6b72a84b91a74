"""Running one remote tool call: bound arguments filled in, the request made, the answer read.

Called by `tool_execute` (as the tool's handler) after the schema, permission, confirmation and
idempotency checks; what it raises becomes the observation.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote

from apps.tools.executor import idempotency_key
from apps.tools.registry import ToolContext

from .errors import OUTCOME_UNKNOWN, RemoteError, SourceMisconfigured
from .identity import acting_customer
from .mcp_client import mcp_call
from .models import ArgumentBinding, RemoteTool, ToolSource
from .net import HttpReply, Limits, http_request, secret_value
from .openapi import default_server


def limits_for(source: ToolSource) -> Limits:
    return Limits(
        timeout=float(source.timeout_seconds),
        retries=int(source.retries),
        max_bytes=int(source.max_response_bytes),
    )


def auth_headers(source: ToolSource) -> dict[str, str]:
    if not source.secret_env:
        return {}
    value = secret_value(source.secret_env)
    scheme = source.auth_scheme.strip()
    return {source.auth_header or "Authorization": f"{scheme} {value}" if scheme else value}


def bound_values(
    bindings: list[ArgumentBinding], context: ToolContext, schema: dict[str, Any]
) -> dict[str, Any]:
    """argument path -> value, for every bound argument. Customer bindings need a customer."""
    values: dict[str, Any] = {}
    for binding in bindings:
        if binding.source == ArgumentBinding.Source.CONSTANT:
            values[binding.argument] = _typed(binding.value, _schema_at(schema, binding.argument))
            continue
        customer = acting_customer(context.principal, context.conversation)
        if customer is None:
            raise RemoteError(
                "this tool acts on the customer's own account, and no customer is verified in this "
                "conversation yet. Authenticate the customer first.",
                code="not_authenticated",
            )
        values[binding.argument] = (
            customer.customer_id if binding.source == ArgumentBinding.Source.CUSTOMER_ID else customer.email
        )
    return values


def _schema_at(schema: dict[str, Any], path: str) -> dict[str, Any]:
    node = schema
    for part in path.split("."):
        node = node.get("properties", {}).get(part, {})
    return node


def _typed(value: str, schema: dict[str, Any]) -> Any:
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    if kinds & {"integer", "number", "boolean", "array", "object"}:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def with_bound(arguments: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    filled = json.loads(json.dumps(arguments))
    for path, value in values.items():
        node = filled
        parts = path.split(".")
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[parts[-1]] = value
    return filled


def _without_nulls(value: Any) -> Any:
    # Strict schemas spell "leave this out" as null; the service expects the field absent.
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def request_key(tool: RemoteTool, arguments: dict[str, Any], context: ToolContext) -> str:
    """The Idempotency-Key of a write: the gate's key for this conversation step, so a repeated
    step (a redelivered task) sends the same key; a fresh one for a call outside a conversation."""
    if context.conversation is not None and context.step is not None:
        return idempotency_key(context.conversation, context.step, tool.name, arguments)
    return uuid.uuid4().hex


def openapi_call(
    tool: RemoteTool, source: ToolSource, arguments: dict[str, Any], bound: dict[str, Any], key: str
) -> Any:
    filled = _without_nulls(with_bound(arguments, bound))
    wire = tool.wire
    base = (source.base_url or default_server(source.document)).rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise SourceMisconfigured("the source has no base URL for its calls. Nothing was sent.")
    path = str(wire.get("path", tool.path))
    params: dict[str, Any] = {}
    headers: dict[str, str] = {"Accept": "application/json"}
    for parameter in wire.get("parameters", []):
        if parameter["argument"] not in filled:
            continue
        value = filled[parameter["argument"]]
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", quote(str(value), safe=""))
        elif parameter["in"] == "query":
            params[parameter["name"]] = json.dumps(value) if isinstance(value, dict) else value
        elif parameter["in"] == "header":
            headers[parameter["name"]] = str(value)
    write = tool.kind == RemoteTool.Kind.WRITE
    if write:
        headers["Idempotency-Key"] = key
    headers.update(auth_headers(source))
    body_name = wire.get("body")
    reply = http_request(
        str(wire.get("method", tool.method)),
        base + path,
        limits=limits_for(source),
        write=write,
        retry=not write or source.writes_idempotent,
        params=params,
        headers=headers,
        json_body=filled.get(body_name) if body_name else None,
        send_body=bool(body_name) and filled.get(body_name) is not None,
    )
    return _answer(reply, write=write)


def _answer(reply: HttpReply, *, write: bool) -> Any:
    if 200 <= reply.status < 300:
        data = reply.data()
        return data if data != "" else {"status": reply.status}
    detail = reply.excerpt()
    if 400 <= reply.status < 500:
        raise RemoteError(
            f"the service refused the request (HTTP {reply.status}): {detail or 'no details'}. "
            "Correct the arguments or ask the customer.",
            code=f"remote_{reply.status}",
        )
    if reply.status >= 500:
        message = f"the service failed (HTTP {reply.status}): {detail or 'no details'}."
        if write:
            raise RemoteError(f"{message} {OUTCOME_UNKNOWN}", code="remote_5xx", nothing_changed=False)
        raise RemoteError(f"{message} Try again later or hand over to a person.", code="remote_5xx")
    raise RemoteError(
        f"the service answered with HTTP {reply.status}; it was not followed.", code="remote_3xx"
    )


def remote_call(tool: RemoteTool, arguments: dict[str, Any], context: ToolContext) -> Any:
    """The handler of every remote tool."""
    source = tool.source
    if not source.enabled:
        raise SourceMisconfigured(f"the source {source.name} is disabled. Nothing was sent.")
    bindings = list(tool.bindings.all())
    bound = bound_values(bindings, context, tool.parameters)
    key = request_key(tool, arguments, context)
    if source.kind == ToolSource.Kind.OPENAPI:
        return openapi_call(tool, source, arguments, bound, key)
    filled = _without_nulls(with_bound(arguments, bound))
    write = tool.kind == RemoteTool.Kind.WRITE
    headers = auth_headers(source) if source.kind == ToolSource.Kind.MCP_HTTP else {}
    return mcp_call(
        source,
        tool.operation,
        filled,
        limits=limits_for(source),
        headers=headers | ({"Idempotency-Key": key} if write else {}),
        write=write,
        retry=not write or source.writes_idempotent or tool.wire.get("idempotent") is True,
    )
