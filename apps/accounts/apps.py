from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from . import services

        # Like contrib.auth creating permissions: the role groups exist after every migrate.
        post_migrate.connect(services.roles_sync_after_migrate)
