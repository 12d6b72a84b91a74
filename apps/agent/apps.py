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
