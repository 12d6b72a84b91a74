import json
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from apps.core.errors import ApplicationError
from apps.toolsources.models import RemoteTool, ToolSource
from apps.toolsources.openapi import DocumentError, document_parse
from apps.toolsources.services import (
    ImportReport,
    source_create,
    source_import,
    source_operations,
    tool_bind,
)


class Command(BaseCommand):
    help = (
        "Import tools from an OpenAPI document (a file or a URL) or an MCP server (a URL, or a command "
        "for stdio), and print the tools created or changed. Without --operations, tools imported "
        "before are refreshed and the available operations are listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["openapi", "mcp"])
        parser.add_argument("location", help="OpenAPI: a file or URL; MCP: a URL or a command line")
        parser.add_argument(
            "--operations", default="", help="comma separated operation ids (or MCP tool names)"
        )
        parser.add_argument(
            "--name", default="", help="the source's name, prefix of its tools (default: derived)"
        )
        parser.add_argument(
            "--bind",
            action="append",
            default=[],
            metavar="OPERATION.ARGUMENT=SOURCE",
            help="fill an argument on the server: customer_id, customer_email or constant:VALUE "
            "(e.g. --bind getMember.email=customer_email); repeatable",
        )
        parser.add_argument(
            "--base-url", default="", help="OpenAPI: where calls go, if not the document's server"
        )

    def handle(self, *args, kind, location, operations, name, base_url, bind, **options):
        wanted = [op.strip() for op in operations.split(",") if op.strip()] or None
        document = None
        if kind == "openapi" and not location.startswith(("http://", "https://")):
            path = Path(location)
            if not path.is_file():
                raise CommandError(f"no such file: {location}")
            try:
                document = document_parse(path.read_bytes())
            except DocumentError as exc:
                raise CommandError(str(exc)) from exc
        source_kind = (
            ToolSource.Kind.OPENAPI
            if kind == "openapi"
            else ToolSource.Kind.MCP_HTTP
            if location.startswith(("http://", "https://"))
            else ToolSource.Kind.MCP_STDIO
        )
        name = name or _default_name(location)
        try:
            source = ToolSource.objects.filter(name=name).first()
            if source is None:
                source = source_create(
                    name=name,
                    kind=source_kind,
                    location="" if document is not None else location,
                    base_url=base_url,
                    actor="manage.py import_tools",
                )
            elif source.kind != source_kind:
                raise CommandError(f"the source {name!r} exists and is a {source.get_kind_display()}")
            report = source_import(
                source=source, operations=wanted, document=document, actor="manage.py import_tools"
            )
            for spec in bind:
                self._bind(source, spec)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self._print(report)
        if wanted is None:
            source.refresh_from_db()
            self.stdout.write("Available operations (pick with --operations):")
            for op in source_operations(source):
                self.stdout.write(
                    f"  {op['operation']}  {op['method']} {op['path']}  {op['summary'][:80]}".rstrip()
                )

    def _bind(self, source: ToolSource, spec: str) -> None:
        target, _, how = spec.partition("=")
        operation, _, argument = target.partition(".")
        kind, _, value = how.partition(":")
        tool = RemoteTool.objects.filter(source=source, operation=operation).first()
        if tool is None or not argument or not kind:
            raise CommandError(
                f"--bind {spec!r}: expected OPERATION.ARGUMENT=SOURCE with an imported operation"
            )
        tool_bind(tool=tool, argument=argument, source=kind, value=value, actor="manage.py import_tools")
        self.stdout.write(f"  bound: {tool.name}.{argument} <- {how}")

    def _print(self, report: ImportReport) -> None:
        self.stdout.write(
            f"Source {report.source}: {len(report.added)} created, {len(report.changed)} changed, "
            f"{len(report.removed)} removed upstream (disabled), {len(report.unchanged)} unchanged."
        )
        for tool in report.added:
            self.stdout.write(f"  created: {tool}")
        for tool, what in report.changed.items():
            self.stdout.write(f"  changed: {tool}: {'; '.join(what)}")
        for tool in report.removed:
            self.stdout.write(f"  removed upstream, disabled: {tool}")
        self.stdout.write(json.dumps(report.as_dict()))


def _default_name(location: str) -> str:
    host = urlsplit(location).hostname if "://" in location else Path(location.split()[0]).stem
    cleaned = "".join(ch if ch.isalnum() else "_" for ch in (host or "source").lower()).strip("_")
    return (cleaned if cleaned[:1].isalpha() else f"s_{cleaned}")[:24] or "source"
