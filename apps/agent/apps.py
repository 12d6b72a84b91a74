from django.apps import AppConfig


class AgentConfig(AppConfig):
    name = "apps.agent"
    label = "agent"
    verbose_name = "Agent"

    def ready(self) -> None:
        # Conversations sit below the agent and never import it: a stored customer message
        # reaches the agent through the dispatcher registered here.
        from apps.conversations.dispatch import turn_dispatcher_register

        from .dispatch import turn_enqueue

        turn_dispatcher_register(turn_enqueue)

        # Turns keep the tiers across turns until the table changes (apps/core/snapshots.py).
        from apps.core.generations import config_tables_watch

        from .models import ModelTier

        config_tables_watch(ModelTier)

        # The admin shows where each fact is quoted: our prompt and the tools' descriptions too.
        from apps.knowledge.usage import fact_usage_source_register
        from apps.tools.selectors import tools_effective

        from .prompts import STORE_POLICY

        fact_usage_source_register("agent prompt", lambda: {"the agent's store-policy prompt": STORE_POLICY})
        fact_usage_source_register(
            "tool descriptions", lambda: {f"tool {tool.name}": tool.description for tool in tools_effective()}
        )
