"""`tool_execute`: the one gate every tool call passes, whoever asked for it.

Order of checks: the tool exists and is enabled -> the arguments parse and match the
schema -> the principal holds the permission (on the target object) -> a stored result
for the same idempotency key is returned as it was -> the tool runs in one transaction
-> the call is audited. Every failure comes back as an Observation, never as an exception.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as django_apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from apps.accounts.principals import Principal
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, audit_records, conversation_stream
from apps.core.conf import product_setting
from apps.core.errors import ApplicationError
from apps.rbac.selectors import principal_unverified, user_can

from .models import ToolCall
from .registry import ToolContext
from .selectors import EffectiveTool, tool_effective
from .validation import argument_problems

logger = logging.getLogger(__name__)

NOTHING_CHANGED = "Nothing was changed."


@dataclass(frozen=True)
class Observation:
    """What a tool call produced: `text` for the model, `data` for guardrails and code."""

    tool: str
    ok: bool
    text: str
    data: Any = None
    error_code: str | None = None
    replayed: bool = False
    kind: str | None = None  # "read" or "write" when the tool exists
    arguments: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def failure(cls, tool: str, code: str, text: str, data: Any = None, **extra: Any) -> Observation:
        return cls(tool=tool, ok=False, text=f"Error: {text}", data=data, error_code=code, **extra)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _stream(conversation: int | str | None) -> str:
    return conversation_stream(conversation)


def idempotency_key(conversation: int | str, step: int, tool: str, arguments: dict[str, Any]) -> str:
    canonical = json.dumps(
        {"conversation": str(conversation), "step": step, "tool": tool, "arguments": arguments},
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _parse_arguments(tool: str, arguments: Any) -> dict[str, Any] | Observation:
    limit = int(product_setting("MAX_TOOL_ARGUMENT_BYTES"))
    if arguments is None or arguments == "":
        arguments = {}
    if isinstance(arguments, str | bytes):
        if len(arguments) > limit:
            return Observation.failure(
                tool,
                "arguments_too_large",
                f"the arguments are {len(arguments)} bytes; the limit is {limit}. " + NOTHING_CHANGED,
            )
        try:
            arguments = json.loads(arguments)
        except ValueError as exc:
            return Observation.failure(
                tool,
                "invalid_json",
                f"the arguments are not valid JSON ({exc}). Send one JSON object. " + NOTHING_CHANGED,
            )
    if not isinstance(arguments, dict):
        return Observation.failure(
            tool,
            "invalid_arguments",
            f"the arguments must be a JSON object, not {type(arguments).__name__}. " + NOTHING_CHANGED,
        )
    return arguments


def _resolve_target(tool: EffectiveTool, arguments: dict[str, Any], principal: Principal) -> Any:
    if tool.definition.target_of is not None:
        return tool.definition.target_of(principal, arguments)
    target = tool.definition.target
    if target is None:
        return None
    model = django_apps.get_model(target.model)
    return model.objects.filter(**{target.field: arguments[target.argument]}).first()


def _render(data: Any) -> str:
    if isinstance(data, str):
        return data
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


@contextmanager
def _savepoint_before_any_query() -> Iterator[None]:
    """A savepoint around the block, taken just before its first query: whatever the block did
    in the database is undone if it raises, as with `atomic()`, but a block that never queries
    (arithmetic, a hand-off's summary, a remote service's call) costs no SAVEPOINT and RELEASE
    round trips. Outside a transaction, `atomic()` itself (it opens one)."""
    if not connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    taken: list[str] = []

    def take_first(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not taken:
            taken.append("")  # the SAVEPOINT statement below comes through here too
            taken[0] = transaction.savepoint()
        return execute(sql, params, many, context)

    callbacks_before = len(connection.run_on_commit)
    with connection.execute_wrapper(take_first):
        try:
            yield
        except BaseException:
            if taken and taken[0]:
                transaction.savepoint_rollback(taken[0])  # drops its on-commit callbacks too
            else:
                del connection.run_on_commit[callbacks_before:]  # as a rolled-back savepoint would
            raise
    if taken and taken[0]:
        transaction.savepoint_commit(taken[0])


def _run(tool: EffectiveTool, arguments: dict[str, Any], context: ToolContext) -> Observation:
    """Run the tool in a savepoint: if it fails, whatever it did is undone."""
    kind = str(tool.definition.kind)
    try:
        with _savepoint_before_any_query():
            data = tool.definition.handler(arguments, context)
    except ApplicationError as exc:
        # A remote system that failed mid-write cannot promise that nothing changed; it says so.
        text = f"{exc.message} {NOTHING_CHANGED}" if getattr(exc, "nothing_changed", True) else exc.message
        return Observation.failure(tool.name, exc.code, text, kind=kind, arguments=arguments)
    except Exception:
        logger.exception("tool %s failed unexpectedly", tool.name)
        return Observation.failure(
            tool.name,
            "internal_error",
            f"the tool failed unexpectedly. {NOTHING_CHANGED} "
            "Try again once; if it fails again, hand the conversation to a person.",
            kind=kind,
            arguments=arguments,
        )
    data = _jsonable(data)
    return Observation(tool=tool.name, ok=True, text=_render(data), data=data, kind=kind, arguments=arguments)


def _masked(observation: Observation) -> dict[str, Any]:
    tool = tool_effective(observation.tool)
    secret = tool.definition.secret_arguments if tool is not None else ()
    return {k: ("***" if k in secret else v) for k, v in observation.arguments.items()}


def _audit(
    principal: Principal,
    stream: str,
    observation: Observation,
    step: int | None,
    ms: float,
    client: str | None = None,
) -> None:
    payload: dict[str, Any] = {"tool": observation.tool, "arguments": _masked(observation), "step": step}
    if principal_unverified(principal):
        payload["verified"] = False
    if client:
        payload["client"] = hashlib.sha256(client.encode("utf-8")).hexdigest()[:16]
    observed = {
        "tool": observation.tool,
        "step": step,
        "ok": observation.ok,
        "error_code": observation.error_code,
        "text": observation.text[:2000],
        "replayed": observation.replayed,
        "ms": round(ms, 3),
    }
    # Both in one append (one statement on PostgreSQL while the call's transaction holds the head).
    audit_records(
        stream=stream,
        events=[
            (AuditEvent.Kind.ACTION, principal.label, payload),
            (AuditEvent.Kind.OBSERVATION, principal.label, observed),
        ],
    )


def _stored(call: ToolCall, kind: str) -> Observation:
    return Observation(
        tool=call.tool_name,
        ok=call.ok,
        text=call.text,
        data=call.data,
        error_code=call.error_code or None,
        replayed=True,
        kind=kind,
        arguments=call.arguments,
    )


# A last check after validation and permissions, before anything runs (the confirmation
# gate): returns a refusal, or None to let the call through.
PreRunCheck = Callable[[EffectiveTool, dict[str, Any]], Observation | None]


def _admit(principal: Principal, name: Any, arguments: Any, stream: str, step: int | None):
    """Everything checked before a tool may run: returns (tool, arguments) or a refusal."""
    tool = tool_effective(name) if isinstance(name, str) else None
    if tool is None or not tool.enabled:
        from .selectors import tools_effective

        offered = [t.name for t in tools_effective() if t.enabled]
        return Observation.failure(
            str(name)[:64],
            "unknown_tool",
            f"there is no tool named {str(name)[:64]!r}. Available tools: {', '.join(offered)}.",
        )
    kind = str(tool.definition.kind)
    parsed = _parse_arguments(tool.name, arguments)
    if isinstance(parsed, Observation):
        return parsed
    problems = argument_problems(tool.definition.validator, parsed)
    if problems:
        details = "; ".join(f"'{p.field}' {p.problem}" if p.field else p.problem for p in problems)
        return Observation.failure(
            tool.name,
            "invalid_arguments",
            f"invalid arguments for {tool.name}: {details}. {NOTHING_CHANGED}",
            data={"errors": [p.as_dict() for p in problems]},
            kind=kind,
            arguments=parsed,
        )
    target = _resolve_target(tool, parsed, principal)
    if tool.definition.target is not None and target is None:
        noun = tool.definition.target.noun
        value = parsed[tool.definition.target.argument]
        return Observation.failure(
            tool.name,
            "not_found",
            f"no {noun} {value!r} exists. Check the id with the customer. {NOTHING_CHANGED}",
            kind=kind,
            arguments=parsed,
        )
    if tool.permission is not None and principal_unverified(principal):
        # Identified is not verified: no personal data and no write until the customer proves it.
        audit_record(
            kind=AuditEvent.Kind.PERMISSION_DENIED,
            actor=principal.label,
            stream=stream,
            payload={"tool": tool.name, "permission": tool.permission, "step": step, "reason": "unverified"},
        )
        return Observation.failure(
            tool.name,
            "verification_required",
            f"verification required: {principal.customer_id} is identified but has not proved it is "
            "them, so their account, orders and any change stay closed. Send a one-time code to the "
            "email on file with send_verification_code, ask the customer for it, and check it with "
            f"verify_identity_code. {NOTHING_CHANGED}",
            kind=kind,
            arguments=parsed,
        )
    if not user_can(principal, tool.permission, target):
        audit_record(
            kind=AuditEvent.Kind.PERMISSION_DENIED,
            actor=principal.label,
            stream=stream,
            payload={"tool": tool.name, "arguments": parsed, "permission": tool.permission, "step": step},
        )
        noun = tool.definition.target.noun if tool.definition.target else "request"
        return Observation.failure(
            tool.name,
            "permission_denied",
            f"permission denied: {principal.role} may not use {tool.name} on this {noun}. "
            "A customer conversation may only act on the verified customer's own profile and "
            f"orders: identify the customer, then verify them with a one-time code. {NOTHING_CHANGED}",
            kind=kind,
            arguments=parsed,
        )
    return tool, parsed


def _call_claim(call: ToolCall) -> ToolCall | None:
    """Store the call under its idempotency key and return it, or None if that key is taken.

    On PostgreSQL one INSERT ... ON CONFLICT DO NOTHING (a concurrent twin blocks on it until
    the first commits, then finds the key taken), with no savepoint around it: nothing fails,
    so nothing has to be rolled back. Elsewhere the insert in a savepoint, the clash caught.
    """
    if connection.vendor != "postgresql":
        try:
            with transaction.atomic():
                call.save(force_insert=True)
        except IntegrityError:
            return None
        return call
    call.created_at = timezone.now()
    fields = [f for f in ToolCall._meta.concrete_fields if not f.primary_key]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ToolCall._meta.db_table} ({', '.join(f.column for f in fields)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(fields))}) "
            "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
            [f.get_db_prep_save(getattr(call, f.attname), connection) for f in fields],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    call.pk = row[0]
    call._state.adding = False
    return call


def tool_execute(
    principal: Principal,
    name: str,
    arguments: Any,
    *,
    conversation: int | str | None = None,
    step: int | None = None,
    check: PreRunCheck | None = None,
    client: str | None = None,
) -> Observation:
    """Validate, authorise and run one tool call; always returns an Observation, never raises.

    With a conversation and a step, the call is idempotent: the same call again (a retried
    task, a double click) returns the stored observation and changes nothing. `check` runs
    after validation and permissions and may refuse the call (the confirmation gate does).
    """
    try:
        return _execute(
            principal, name, arguments, conversation=conversation, step=step, check=check, client=client
        )
    except Exception:
        # A database error, a lost connection or a failed audit append: the call's savepoint
        # was rolled back with everything it did, so the model may be told so and try again.
        logger.exception("tool call %r could not be completed", name)
        return Observation.failure(
            str(name)[:64],
            "internal_error",
            f"the call could not be completed. {NOTHING_CHANGED} "
            "Try again once; if it fails again, hand the conversation to a person.",
        )


def _execute(
    principal: Principal,
    name: str,
    arguments: Any,
    *,
    conversation: int | str | None,
    step: int | None,
    check: PreRunCheck | None,
    client: str | None = None,
) -> Observation:
    started = time.perf_counter()
    stream = _stream(conversation)
    with transaction.atomic():
        admitted = _admit(principal, name, arguments, stream, step)
        if isinstance(admitted, Observation):
            _audit(principal, stream, admitted, step, (time.perf_counter() - started) * 1000, client)
            return admitted
        tool, parsed = admitted
        kind = str(tool.definition.kind)
        refusal = check(tool, parsed) if check is not None else None
        if refusal is not None:
            _audit(principal, stream, refusal, step, (time.perf_counter() - started) * 1000, client)
            return refusal
        call = None
        if conversation is not None and step is not None:
            key = idempotency_key(conversation, step, tool.name, parsed)
            call = _call_claim(
                ToolCall(
                    idempotency_key=key,
                    conversation_ref=str(conversation),
                    step=step,
                    tool_name=tool.name,
                    arguments=_jsonable(parsed),
                    principal=principal.as_dict(),
                )
            )
            if call is None:  # made before (a retry, a double click, a concurrent twin)
                stored = _stored(ToolCall.objects.get(idempotency_key=key), kind)
                _audit(principal, stream, stored, step, (time.perf_counter() - started) * 1000, client)
                return stored
        context = ToolContext(principal=principal, conversation=conversation, step=step, client=client)
        observation = _run(tool, parsed, context)
        elapsed = (time.perf_counter() - started) * 1000
        if call is not None:
            call.ok, call.text, call.data = observation.ok, observation.text, observation.data
            call.error_code, call.duration_ms = observation.error_code or "", elapsed
            call.save(update_fields=["ok", "text", "data", "error_code", "duration_ms"])
        _audit(principal, stream, observation, step, elapsed, client)
    return observation
