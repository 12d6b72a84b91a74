from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "apps.tools"
    label = "tools"
    verbose_name = "Agent tools"

    def ready(self) -> None:
        # Registering the retail tools is importing their module.
        from . import retail  # noqa: F401
