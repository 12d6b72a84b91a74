"""Connecting tool sources: reading them, importing their operations, re-importing, testing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts.principals import Principal
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record
from apps.core.errors import InvalidRequest
from apps.tools.registry import ToolContext, registry

from .calls import auth_headers, limits_for, remote_call
from .errors import RemoteError
from .mcp_client import mcp_tools_list
from .models import ArgumentBinding, RemoteTool, ToolSource
from .net import Limits, http_request, secret_check
from .openapi import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    OperationSpec,
    document_parse,
    operation_spec,
    operations_list,
    tool_name_for,
)
from .schemas import SchemaError, argument_paths, derive

DEFAULT_READ_PERMISSION = "commerce.view_customer"
DEFAULT_WRITE_PERMISSION = "commerce.change_customer"


@dataclass
class ImportReport:
    """What an import or re-import did, tool by tool, for people and for scripts."""

    source: str
    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # tool -> what changed
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def note(self, tool: str, what: str) -> None:
        self.changed.setdefault(tool, []).append(what)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
        }


# --- reading a source ---------------------------------------------------------------------------


def document_fetch(url: str, *, source: ToolSource | None = None) -> dict[str, Any]:
    """Fetch an OpenAPI document from a URL on the tool hosts allow-list."""
    timeout = float(source.timeout_seconds) if source is not None else 30.0
    limits = Limits(timeout=max(timeout, 30.0), retries=2, max_bytes=MAX_DOCUMENT_BYTES)
    reply = http_request("GET", url, limits=limits, write=False, retry=True)
    if reply.status != 200:
        raise InvalidRequest(f"fetching the document answered HTTP {reply.status}")
    try:
        return document_parse(reply.body)
    except DocumentError as exc:
        raise InvalidRequest(str(exc)) from exc


def source_read(source: ToolSource) -> dict[str, Any]:
    """The source's current description: the OpenAPI document, or {"tools": [...]} of an MCP server."""
    if source.kind == ToolSource.Kind.OPENAPI:
        if not source.location:
            if not source.document:
                raise InvalidRequest("an uploaded source needs its document uploaded again")
            return source.document
        return document_fetch(source.location, source=source)
    headers = auth_headers(source) if source.kind == ToolSource.Kind.MCP_HTTP else {}
    return {"tools": mcp_tools_list(source, limits_for(source), headers)}


def source_operations(source: ToolSource, document: dict[str, Any] | None = None) -> list[dict[str, str]]:
    """What the admin picks from: id, method, path and summary of each operation or MCP tool."""
    document = document if document is not None else source.document
    if source.kind == ToolSource.Kind.OPENAPI:
        return [
            {"operation": op, "method": method, "path": path, "summary": summary}
            for op, method, path, summary in operations_list(document)
        ]
    return [
        {"operation": t["name"], "method": "", "path": "", "summary": t["description"][:200]}
        for t in document.get("tools", [])
    ]


# --- turning an operation into a tool -----------------------------------------------------------


def _mcp_spec(document: dict[str, Any], wanted: str) -> OperationSpec:
    for tool in document.get("tools", []):
        if tool["name"] == wanted:
            schema = tool.get("input_schema") or {"type": "object", "properties": {}}
            try:
                derived = derive(schema, schema)
            except SchemaError as exc:
                raise InvalidRequest(f"{wanted}: {exc}") from exc
            annotations = tool.get("annotations") or {}
            if not derived.validation.get("properties"):
                # A tool without arguments: an empty closed object, which strict mode accepts.
                derived.reasons = [r for r in derived.reasons if not r.startswith(": a free-form")]
                derived.validation = {
                    "type": "object",
                    "properties": {},
                    "required": [],
                    "additionalProperties": False,
                }
                derived.model = dict(derived.validation)
            return OperationSpec(
                operation=wanted,
                method="",
                path="",
                summary=tool.get("description", "").split("\n")[0][:200],
                description=tool.get("description", ""),
                kind="read" if annotations.get("read_only") is True else "write",
                schema=derived,
                wire={"idempotent": annotations.get("idempotent") is True},
                annotations=annotations,
            )
    raise InvalidRequest(f"the MCP server has no tool {wanted!r}")


def _spec(source: ToolSource, document: dict[str, Any], operation: str) -> OperationSpec:
    if source.kind == ToolSource.Kind.OPENAPI:
        try:
            return operation_spec(document, operation)
        except DocumentError as exc:
            raise InvalidRequest(str(exc)) from exc
    return _mcp_spec(document, operation)


def _confirms_by_default(spec: OperationSpec) -> bool:
    if spec.kind == "read":
        return False
    # MCP: a tool that says it is not destructive (adds, never removes) may run without a yes.
    return spec.annotations.get("destructive") is not False


def _description(spec: OperationSpec) -> str:
    text = spec.summary
    if spec.description and spec.description != spec.summary:
        text = f"{text}\n{spec.description}".strip()
    return (text or spec.operation)[:2000]


def _status_line(spec: OperationSpec) -> str:
    return "Checking with our systems..." if spec.kind == "read" else "Updating our systems..."


def _tool_create(source: ToolSource, spec: OperationSpec) -> RemoteTool:
    name = tool_name_for(source.name, spec.operation)
    if registry.get(name) is not None or RemoteTool.objects.filter(name=name).exists():
        raise InvalidRequest(f"a tool named {name!r} exists already; rename the source or the operation")
    return RemoteTool.objects.create(
        source=source,
        name=name,
        operation=spec.operation,
        method=spec.method,
        path=spec.path,
        kind=spec.kind,
        description=_description(spec),
        upstream_description=_description(spec),
        status_line=_status_line(spec),
        permission=DEFAULT_READ_PERMISSION if spec.kind == "read" else DEFAULT_WRITE_PERMISSION,
        needs_confirmation=_confirms_by_default(spec),
        parameters=spec.schema.validation,
        wire=spec.wire,
        strict=spec.schema.strict,
        non_strict_reason="\n".join(spec.schema.reasons),
        upstream_hash=spec.fingerprint,
    )


def _tool_refresh(row: RemoteTool, spec: OperationSpec, report: ImportReport) -> None:
    """Bring the schema up to date; settings only ever get stricter, and every change is reported."""
    changed: list[str] = []
    if row.upstream_hash != spec.fingerprint:
        before, after = argument_paths(row.parameters), argument_paths(spec.schema.validation)
        detail = ", ".join(
            [f"+{a}" for a in sorted(after - before)] + [f"-{a}" for a in sorted(before - after)]
        )
        changed.append(f"schema changed ({detail or 'argument types or the request changed'})")
        row.parameters, row.wire = spec.schema.validation, spec.wire
        row.method, row.path = spec.method, spec.path
        row.strict, row.non_strict_reason = spec.schema.strict, "\n".join(spec.schema.reasons)
        row.upstream_hash = spec.fingerprint
        lost = [b.argument for b in row.bindings.all() if b.argument not in after]
        if lost and row.enabled:
            row.enabled = False
            changed.append(f"disabled: bound argument(s) {', '.join(lost)} no longer exist upstream")
    if spec.kind == "write" and row.kind == RemoteTool.Kind.READ:
        row.kind = RemoteTool.Kind.WRITE
        changed.append("now a write (the source says it changes data): kind set to write")
        if not row.needs_confirmation:
            row.needs_confirmation = True
            changed.append("the customer's confirmation is now required")
        if not row.permission:
            row.permission = DEFAULT_WRITE_PERMISSION
            changed.append(f"permission set to {DEFAULT_WRITE_PERMISSION}")
    elif spec.kind == "read" and row.kind == RemoteTool.Kind.WRITE:
        changed.append("the source now calls it read-only; kept as a write (change it here if you agree)")
    if spec.annotations.get("destructive") is True and not row.needs_confirmation:
        row.needs_confirmation = True
        changed.append("the source now marks it destructive: the customer's confirmation is now required")
    if _description(spec) != row.upstream_description:
        row.upstream_description = _description(spec)
        changed.append("the source's description changed; ours is kept")
    if row.removed_upstream:
        row.removed_upstream = False
        changed.append("back in the source; left disabled until an admin enables it")
        row.enabled = False
    if changed:
        row.save()
        report.changed[row.name] = changed
    else:
        report.unchanged.append(row.name)


@transaction.atomic
def source_import(
    *,
    source: ToolSource,
    operations: list[str] | None = None,
    document: dict[str, Any] | None = None,
    actor: str = "system",
) -> ImportReport:
    """Import the chosen operations (and refresh those imported before) from the source.

    `document`: an uploaded OpenAPI document; otherwise the source is read again. Tools whose
    operation left the source are disabled, never deleted. Admins' settings are kept; a change
    upstream may make one stricter (a read that became a write), never looser, and the report
    says what changed.
    """
    source = ToolSource.objects.select_for_update().get(pk=source.pk)
    if source.secret_env:
        secret_check(source.secret_env)
    current = document if document is not None else source_read(source)
    available = {op["operation"] for op in source_operations(source, current)}
    unknown = [op for op in operations or [] if op not in available]
    if unknown:
        raise InvalidRequest(f"no such operation(s) in the source: {', '.join(unknown)}")
    report = ImportReport(source=source.name)
    rows = {row.operation: row for row in source.tools.select_for_update()}
    for operation, row in rows.items():
        if operation not in available:
            if not row.removed_upstream:
                RemoteTool.objects.filter(pk=row.pk).update(removed_upstream=True, enabled=False)
                report.removed.append(row.name)
            continue
        _tool_refresh(row, _spec(source, current, operation), report)
    for operation in operations or []:
        if operation not in rows:
            report.added.append(_tool_create(source, _spec(source, current, operation)).name)
    source.document = current
    source.last_imported_at = timezone.now()
    source.save(update_fields=["document", "last_imported_at", "updated_at"])
    audit_record(
        kind=AuditEvent.Kind.ADMIN_CHANGE,
        actor=actor,
        payload={"tool_source_import": report.as_dict()},
    )
    return report


def source_create(
    *,
    name: str,
    kind: str,
    location: str = "",
    document: dict[str, Any] | None = None,
    actor: str = "system",
    **settings: Any,
) -> ToolSource:
    """Create a source after checking its settings; the document is read when tools are imported."""
    source = ToolSource(name=name, kind=kind, location=location, document=document or {}, **settings)
    try:
        source.full_clean()
    except ValidationError as exc:
        raise InvalidRequest("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
    if source.secret_env:
        secret_check(source.secret_env)
    source.save()
    audit_record(
        kind=AuditEvent.Kind.ADMIN_CHANGE,
        actor=actor,
        payload={"tool_source_created": {"name": name, "kind": kind, "location": location}},
    )
    return source


# --- health -------------------------------------------------------------------------------------


def _health_record(source: ToolSource, error: str | None) -> None:
    now = timezone.now()
    if error is None:
        ToolSource.objects.filter(pk=source.pk).update(last_success_at=now)
    else:
        ToolSource.objects.filter(pk=source.pk).update(last_error_at=now, last_error=error[:2000])


def source_test(*, source: ToolSource) -> tuple[bool, str]:
    """Call one read of the source (an MCP server's tool list, or an OpenAPI read that needs no
    argument) as a health check; the outcome is kept on the source for the dashboard."""
    try:
        if source.kind != ToolSource.Kind.OPENAPI:
            tools = source_read(source)["tools"]
            message = f"the server lists {len(tools)} tool(s)"
        else:
            reads = source.tools.filter(kind="read")
            if source.test_operation:
                reads = reads.filter(operation=source.test_operation)
            row = next((t for t in reads if _callable_bare(t)), None)
            if row is None:
                return False, "no imported read operation can be called without arguments"
            data = remote_call(row, {}, ToolContext(principal=Principal.system()))
            message = f"{row.name} answered: {json.dumps(data, default=str)[:200]}"
    except (RemoteError, InvalidRequest) as exc:
        _health_record(source, exc.message)
        return False, exc.message
    _health_record(source, None)
    return True, message


def _callable_bare(row: RemoteTool) -> bool:
    if row.bindings.exists():
        return False
    properties = row.parameters.get("properties", {})
    return all(
        "null" in (p.get("type") or []) or {"type": "null"} in p.get("anyOf", []) for p in properties.values()
    )


@transaction.atomic
def tool_bind(
    *, tool: RemoteTool, argument: str, source: str, value: str = "", actor: str = "system"
) -> ArgumentBinding:
    """Fill this argument on the server from now on (the customer's id or email, or a constant);
    the model no longer sees it or may send it."""
    binding = ArgumentBinding(tool=tool, argument=argument, source=source, value=value)
    try:
        binding.full_clean(exclude=["tool"], validate_unique=False)
    except ValidationError as exc:
        raise InvalidRequest("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
    ArgumentBinding.objects.update_or_create(
        tool=tool, argument=argument, defaults={"source": source, "value": value}
    )
    audit_record(
        kind=AuditEvent.Kind.ADMIN_CHANGE,
        actor=actor,
        payload={"tool_binding": {"tool": tool.name, "argument": argument, "source": source}},
    )
    return ArgumentBinding.objects.get(tool=tool, argument=argument)
