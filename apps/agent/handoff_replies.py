"""What the platform itself says to customers (not the models)."""

HANDOFF_REPLIES = {
    "router": (
        "Of course. I'm bringing in a member of our team now; they'll see everything we've said so far."
    ),
    "button": "I'm bringing in a member of our team now; they'll see everything we've said so far.",
    "tool_failures": (
        "I'm sorry, I couldn't complete that myself. A member of our team will take over and "
        "sees everything we've discussed."
    ),
    "model_down": (
        "I'm sorry, our assistant is having trouble right now. A member of our team will take over shortly."
    ),
    "default": "A member of our team will take it from here; they can see our whole conversation.",
}
