from django.apps import AppConfig


class CommerceConfig(AppConfig):
    name = "apps.commerce"
    label = "commerce"
    verbose_name = "Store"

    def ready(self) -> None:
        # The knowledge base's snapshot keeps the catalogue's names and options across turns until
        # one of these tables changes (apps/core/generations.py).
        from apps.core.generations import config_tables_watch

        from .models import Product, Variant

        config_tables_watch(Product, Variant)
