"""Talking to MCP servers through the official `mcp` SDK: listing tools and calling one.

A session is opened per call (streamable HTTP, or a local command over stdio), so every call
carries its own headers (the Idempotency-Key of a write) and nothing is shared between threads.
"""

from __future__ import annotations

import json
import shlex
import time
from typing import Any

import anyio
import httpx2
from asgiref.sync import async_to_sync
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from apps.core.conf import product_setting

from .errors import OUTCOME_UNKNOWN, RemoteError, SourceMisconfigured
from .models import ToolSource
from .net import Limits, _remote_add, host_check, secret_value


class _Unanswered(Exception):
    pass


async def _check(request: httpx2.Request) -> None:
    host_check(str(request.url))


def stdio_parameters(source: ToolSource) -> StdioServerParameters:
    """The command line of a stdio source; its program must be on SUPPORTAGENT_TOOL_COMMANDS."""
    try:
        argv = shlex.split(source.location)
    except ValueError as exc:
        raise SourceMisconfigured(f"the command cannot be read: {exc}. Nothing was run.") from exc
    if not argv or argv[0] not in product_setting("TOOL_COMMANDS"):
        raise SourceMisconfigured(
            f"the program {argv[0] if argv else ''!r} is not on SUPPORTAGENT_TOOL_COMMANDS. Nothing was run."
        )
    env = {source.secret_env: secret_value(source.secret_env)} if source.secret_env else {}
    return StdioServerParameters(command=argv[0], args=argv[1:], env=env)


def _server(
    source: ToolSource, headers: dict[str, str], limits: Limits
) -> tuple[Any, httpx2.AsyncClient | None]:
    if source.kind == ToolSource.Kind.MCP_STDIO:
        return stdio_parameters(source), None
    host_check(source.location)
    http = httpx2.AsyncClient(
        headers=headers,
        timeout=httpx2.Timeout(limits.timeout),
        event_hooks={"request": [_check]},
        trust_env=False,
    )
    transport = streamable_http_client(source.location, http_client=http, max_sse_event_size=limits.max_bytes)
    return transport, http


async def _session(source: ToolSource, headers: dict[str, str], limits: Limits, work: Any) -> Any:
    server, http = _server(source, headers, limits)
    started = time.perf_counter()
    try:
        with anyio.fail_after(limits.timeout):
            async with Client(server, read_timeout_seconds=limits.timeout) as client:
                return await work(client)
    finally:
        _remote_add(time.perf_counter() - started)
        if http is not None:
            await http.aclose()


def _failure(exc: BaseException) -> BaseException:
    """The innermost meaningful error of an exception group from the SDK's task groups."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


async def _list(source: ToolSource, limits: Limits, headers: dict[str, str]) -> list[Any]:
    async def work(client: Client) -> list[Any]:
        tools, cursor = [], None
        for _ in range(50):
            page = await client.list_tools(cursor=cursor)
            tools += page.tools
            cursor = page.next_cursor
            if not cursor:
                break
        return tools

    return await _session(source, headers, limits, work)


def mcp_tools_list(source: ToolSource, limits: Limits, headers: dict[str, str]) -> list[dict[str, Any]]:
    """The server's tools as plain data: name, description, input schema, annotations."""
    try:
        tools = async_to_sync(_list)(source, limits, headers)
    except RemoteError:
        raise
    except BaseException as exc:
        inner = _failure(exc)
        if isinstance(inner, RemoteError):
            raise inner from exc
        raise RemoteError(
            f"the MCP server cannot be listed: {_describe(inner)}", code="remote_unreachable"
        ) from exc
    found = []
    for tool in tools:
        annotations = tool.annotations
        found.append(
            {
                "name": tool.name,
                "description": tool.description or "",
                "input_schema": tool.input_schema,
                "annotations": {
                    "read_only": getattr(annotations, "read_only_hint", None),
                    "destructive": getattr(annotations, "destructive_hint", None),
                    "idempotent": getattr(annotations, "idempotent_hint", None),
                },
            }
        )
    return found


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:300]


def _content(result: Any) -> Any:
    if result.structured_content is not None:
        return result.structured_content
    texts = [block.text for block in result.content if getattr(block, "type", "") == "text"]
    if len(texts) == 1:
        try:
            return json.loads(texts[0])
        except ValueError:
            return texts[0]
    return "\n".join(texts)


def mcp_call(
    source: ToolSource,
    name: str,
    arguments: dict[str, Any],
    *,
    limits: Limits,
    headers: dict[str, str],
    write: bool,
    retry: bool,
) -> Any:
    """Call one MCP tool; a tool error, a timeout or a dropped connection becomes a RemoteError."""

    async def once(client: Client) -> Any:
        return await client.call_tool(name, arguments)

    async def run() -> Any:
        attempts = AsyncRetrying(
            stop=stop_after_attempt(1 + (limits.retries if retry else 0)),
            wait=wait_exponential_jitter(multiplier=0.2, max=2.0, jitter=0.1),
            retry=retry_if_exception_type(_Unanswered),
            reraise=True,
        )
        async for attempt in attempts:
            with attempt:
                try:
                    return await _session(source, headers, limits, once)
                except RemoteError:
                    raise
                except BaseException as exc:
                    inner = _failure(exc)
                    if isinstance(inner, RemoteError):
                        raise inner from exc
                    raise _Unanswered(_describe(inner)) from exc
        return None  # pragma: no cover

    try:
        result = async_to_sync(run)()
    except _Unanswered as exc:
        message = f"the MCP server did not answer ({exc})."
        if write:
            raise RemoteError(
                f"{message} {OUTCOME_UNKNOWN}", code="remote_dropped", nothing_changed=False
            ) from exc
        raise RemoteError(message, code="remote_unreachable") from exc
    data = _content(result)
    size = len(json.dumps(data, default=str))
    if size > limits.max_bytes:
        raise RemoteError(
            f"the answer is {size} bytes; the limit for this source is {limits.max_bytes}.",
            code="response_too_large",
        )
    if result.is_error:
        raise RemoteError(
            f"the tool reported an error: {str(data)[:500]}. Correct the arguments or ask the customer.",
            code="remote_tool_error",
        )
    return data
