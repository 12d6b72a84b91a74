from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "apps.tools"
    label = "tools"
    verbose_name = "Agent tools"

    def ready(self) -> None:
        # Registering the retail tools is importing their module.
        # Turns keep the tools' rows across turns until the table changes (apps/core/snapshots.py).
        from apps.core.generations import config_tables_watch

        from . import retail  # noqa: F401
        from .models import Tool

        config_tables_watch(Tool)
