"""Is a customer's message an answer to the question the agent just asked?

"no" after "Is there anything else I can help with?", "the second one" after "Which order do
you mean?", an email after "What is the email on your account?": each is an answer to that
question, to be handled by the tier that asked it, never a new intent (and never a request
for a person, however the classifier reads a bare "no"). Only an explicit request for a person
(rules.EXPLICIT_HUMAN) or the hand-off button goes to people.
"""

from __future__ import annotations

import re
from typing import Final

# The agent's message asked something: a question mark, or a request for a detail or a choice.
_ASKED: Final = re.compile(
    r"\?|\b(?:please (?:confirm|tell me|reply|choose|pick|give|send|let me know|share)|reply (?:yes|with)|"
    r"say yes|let me know (?:which|whether|if)|which one)\b",
    re.IGNORECASE,
)

# Shapes of an answer: yes or no, a choice, an identifier, a detail the agent asked for.
_ANSWER_SHAPES: Final = re.compile(
    r"""
    ^\W*(?:yes|yeah|yep|yup|ya|sure|ok(?:ay)?|alright|correct|right|exactly|please|
        no|nope|nah|not\s+really|no\s+thanks?|no\s+thank\s+you|not\s+now|never\s*mind|nothing(?:\s+else)?|
        that'?s\s+(?:all|it|right|correct|fine)|all\s+good|i'?m\s+good|we'?re\s+good|neither|both|
        either|none|all\s+of\s+them|just\s+(?:one|that|the)|only\s+(?:one|that|the))\b
    | ^\W*(?:the\s+)?(?:first|second|third|fourth|fifth|last|other|latest|newest|oldest|earlier|
        later|former|latter|top|bottom|1st|2nd|3rd|4th|5th)(?:\s+(?:one|order|item|option|card|address))?\b
    | ^\W*(?:option|number|no\.?|\#)\s*\d\b
    | ^\W*\d{1,2}\W*$
    | ^\W*(?:the\s+)?(?:one|order|item)\s+(?:with|from|for|ending|in)\b
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | \#?\s?W\d{7}\b
    | ^\W*\d{5}(?:-\d{4})?\W*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A short reply is read as an answer even without a known shape ("the blue one", "Jane Doe").
_SHORT_WORDS: Final = 6


def agent_asked(agent_text: str | None) -> bool:
    """The agent's last message asked the customer something."""
    return bool(agent_text) and _ASKED.search(agent_text or "") is not None


def is_reply_to_question(text: str, agent_text: str | None) -> bool:
    """`text` answers the question in `agent_text` (the agent's message just before it)."""
    if not agent_asked(agent_text):
        return False
    cleaned = text.strip()
    if not cleaned:
        return False
    if _ANSWER_SHAPES.search(cleaned):
        return True
    return len(cleaned.split()) <= _SHORT_WORDS and "?" not in cleaned
