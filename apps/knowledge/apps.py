from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "apps.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge base"

    def ready(self) -> None:
        # Prices live in the store; the knowledge base mirrors each one as a fact the guardrails
        # check answers against. Commerce cannot import us (it is a lower layer), so we register.
        from apps.commerce.services import variant_price_observer_register

        from .services import price_fact_mirror

        variant_price_observer_register(price_fact_mirror)

        # Turns keep these reads across turns until a table changes (apps/core/snapshots.py).
        from apps.core.generations import config_tables_watch

        from .models import Article, Fact, GuardrailPolicy

        config_tables_watch(Article, Fact, GuardrailPolicy)
