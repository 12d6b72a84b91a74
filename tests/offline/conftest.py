import pytest

from apps.knowledge.services import knowledge_seed

from .harness import Conversation

OLIVIA = "olivia_ito_3591"
OLIVIA_EMAIL = "olivia.ito5204@example.com"


@pytest.fixture
def knowledge(db):
    knowledge_seed()


@pytest.fixture
def chat(db, knowledge):
    """A conversation with the offline engine: chat() anonymous, chat(customer_id) signed in."""

    def start(customer_id: str | None = None) -> Conversation:
        return Conversation(customer_id=customer_id)

    return start
