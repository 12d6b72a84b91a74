"""The network side of remote tools: which hosts may be reached, which secrets may be sent, and
one HTTP request with a timeout, a response size limit and, for safe requests, retries."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx2
from tenacity import (
    RetryError,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from apps.core.conf import product_setting

from .errors import OUTCOME_UNKNOWN, HostRefused, RemoteError, SourceMisconfigured

RETRIED_STATUSES = {429, 502, 503, 504}
_remote = threading.local()


def remote_seconds_take() -> float:
    """Seconds spent waiting on remote services in this thread since the last take (for bench/)."""
    spent = getattr(_remote, "seconds", 0.0)
    _remote.seconds = 0.0
    return spent


def _remote_add(seconds: float) -> None:
    _remote.seconds = getattr(_remote, "seconds", 0.0) + seconds


# --- hosts --------------------------------------------------------------------------------------


def _entries() -> list[tuple[str, int | None]]:
    found = []
    for raw in product_setting("TOOL_HOSTS"):
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry.startswith("["):  # [::1]:8080
            host, _, rest = entry[1:].partition("]")
            port = rest.lstrip(":")
        elif entry.count(":") == 1:
            host, _, port = entry.partition(":")
        else:
            host, port = entry, ""
        found.append((host, int(port) if port.isdigit() else None))
    return found


def _is_public(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_global


def host_check(url: str) -> None:
    """Refuse a URL whose host is not on SUPPORTAGENT_TOOL_HOSTS.

    An entry names a host (`shop.example.com`, `127.0.0.1:9300`) or a domain's hosts
    (`*.example.com`). A host named exactly may be anywhere, loopback and private networks
    included; one matched only by a wildcard must resolve to public addresses only, so a
    name cannot be pointed at the inside of the network.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HostRefused(f"{url[:200]!r} is not an http(s) URL. Nothing was sent.")
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise HostRefused(f"{url[:200]!r} has an invalid port. Nothing was sent.") from exc
    exact = wildcard = False
    for entry, entry_port in _entries():
        if entry_port not in (None, port):
            continue
        if entry == host:
            exact = True
        elif entry.startswith("*.") and host.endswith(entry[1:]):
            wildcard = True
    if exact:
        return
    refused = HostRefused(
        f"{host}:{port} is not on the tool hosts allow-list (SUPPORTAGENT_TOOL_HOSTS). Nothing was sent."
    )
    if not wildcard:
        raise refused
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except OSError as exc:
        raise HostRefused(f"{host} cannot be resolved. Nothing was sent.") from exc
    if not all(_is_public(str(address)) for address in addresses):
        raise HostRefused(
            f"{host} resolves to a loopback or private address; list it by name in "
            "SUPPORTAGENT_TOOL_HOSTS to allow that. Nothing was sent."
        )


# --- secrets ------------------------------------------------------------------------------------


def secret_check(name: str) -> None:
    """The variable may hold a tool credential: it is listed in SUPPORTAGENT_TOOL_SECRET_ENVS."""
    if name and name not in product_setting("TOOL_SECRET_ENVS"):
        raise SourceMisconfigured(
            f"the environment variable {name!r} is not on SUPPORTAGENT_TOOL_SECRET_ENVS, so it may not "
            "be sent to a tool source. Nothing was sent."
        )


def secret_value(name: str) -> str:
    secret_check(name)
    value = os.environ.get(name, "")
    if not value:
        raise SourceMisconfigured(f"the environment variable {name} is empty. Nothing was sent.")
    return value


# --- one request --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    timeout: float
    retries: int
    max_bytes: int


@dataclass(frozen=True)
class HttpReply:
    status: int
    content_type: str
    body: bytes

    def data(self) -> Any:
        if "json" in self.content_type:
            try:
                return json.loads(self.body)
            except ValueError:
                pass
        return self.body.decode("utf-8", errors="replace")

    def excerpt(self, limit: int = 500) -> str:
        text = self.body.decode("utf-8", errors="replace").strip()
        return text if len(text) <= limit else text[:limit] + "..."


class _Retryable(Exception):
    def __init__(self, reply: HttpReply) -> None:
        self.reply = reply


def _read_limited(response: httpx2.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RemoteError(
            f"the answer is {declared} bytes; the limit for this source is {limit}.",
            code="response_too_large",
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise RemoteError(
                f"the answer is larger than this source's limit of {limit} bytes.", code="response_too_large"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _check_request(request: httpx2.Request) -> None:
    # Runs for the first request and for every redirect the client follows.
    host_check(str(request.url))


_shared: httpx2.Client | None = None
_shared_lock = threading.Lock()


def _client() -> httpx2.Client:
    """One client for every remote call of the process: building one (its TLS context) costs
    far more than a call on loopback, and its pool keeps connections alive. httpx clients are
    safe to share between threads."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = httpx2.Client(
                max_redirects=5,
                event_hooks={"request": [_check_request]},
                trust_env=False,  # proxies from the environment would bypass the allow-list
                limits=httpx2.Limits(max_connections=100, max_keepalive_connections=20),
            )
        return _shared


def http_request(
    method: str,
    url: str,
    *,
    limits: Limits,
    write: bool,
    retry: bool,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    json_body: Any = None,
    send_body: bool = False,
) -> HttpReply:
    """One request. With `retry` (reads, and writes the service deduplicates) it is repeated with
    backoff on connection errors, timeouts, 429 and 502-504; otherwise it is tried once. Redirects
    are followed for reads only, each hop checked against the allow-list."""
    host_check(url)
    client = _client()
    timeout = httpx2.Timeout(limits.timeout)

    def attempt() -> HttpReply:
        started = time.perf_counter()
        try:
            with client.stream(
                method,
                url,
                params=params,
                headers=headers,
                timeout=timeout,
                follow_redirects=not write,
                **({"json": json_body} if send_body else {}),
            ) as response:
                body = _read_limited(response, limits.max_bytes)
                reply = HttpReply(response.status_code, response.headers.get("content-type", ""), body)
        finally:
            _remote_add(time.perf_counter() - started)
        if reply.status in RETRIED_STATUSES:
            raise _Retryable(reply)
        return reply

    retrying = Retrying(
        stop=stop_after_attempt(1 + (limits.retries if retry else 0)),
        wait=wait_exponential_jitter(multiplier=0.2, max=2.0, jitter=0.1),
        retry=retry_if_exception(lambda e: isinstance(e, _Retryable | httpx2.TransportError)),
        reraise=True,
    )
    try:
        return retrying(attempt)
    except _Retryable as exc:
        return exc.reply
    except RetryError as exc:  # pragma: no cover - reraise=True hands back the last exception
        raise RemoteError("the service did not answer.") from exc
    except httpx2.TooManyRedirects as exc:
        raise RemoteError("the service redirected too many times.", code="remote_redirects") from exc
    except httpx2.TimeoutException as exc:
        raise _unanswered(
            f"the service did not answer within {limits.timeout:g} seconds.",
            "remote_timeout",
            reached=write and not isinstance(exc, httpx2.ConnectTimeout),
        ) from exc
    except httpx2.ConnectError as exc:
        raise RemoteError("the service cannot be reached.", code="remote_unreachable") from exc
    except httpx2.TransportError as exc:
        raise _unanswered(
            "the connection to the service dropped before it answered.",
            "remote_dropped",
            reached=write,
        ) from exc


def _unanswered(message: str, code: str, *, reached: bool) -> RemoteError:
    if reached:
        return RemoteError(f"{message} {OUTCOME_UNKNOWN}", code=code, nothing_changed=False)
    return RemoteError(message, code=code)
