from django.apps import AppConfig


class GuardrailsConfig(AppConfig):
    name = "apps.guardrails"
    label = "guardrails"
    verbose_name = "Guardrails"

    def ready(self) -> None:
        # The knowledge base sits below us: it warns admins about articles that contradict a
        # fact through the checker registered here.
        from apps.knowledge.usage import contradiction_check_register

        from .policy_texts import policy_text_contradictions

        contradiction_check_register(policy_text_contradictions)
