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
