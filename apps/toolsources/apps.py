from django.apps import AppConfig


class ToolSourcesConfig(AppConfig):
    name = "apps.toolsources"
    label = "toolsources"
    verbose_name = "Tool sources (OpenAPI and MCP)"

    def ready(self) -> None:
        # Tools admins import are offered and run through the same gate as the built-in ones.
        from apps.tools.selectors import tool_provider_register

        from .provider import remote_tools

        tool_provider_register(remote_tools)

        # Turns keep these rows across turns until a table changes (apps/core/snapshots.py).
        from apps.core.generations import config_tables_watch

        from .models import ArgumentBinding, RemoteTool, ToolSource

        config_tables_watch(ToolSource, RemoteTool, ArgumentBinding)
