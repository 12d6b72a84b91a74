from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"

    def ready(self) -> None:
        # After every migrate: SQLite drops a table's triggers when a migration rebuilds it.
        post_migrate.connect(_config_triggers_install, sender=self)


def _config_triggers_install(*, using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from .generations import config_triggers_install

    config_triggers_install(connections[using])
