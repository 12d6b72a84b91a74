"""The offline engine: the store policy as rules, behind the chat-model interface (engine.py).

It serves the demo with no key and keeps the service answering when every model endpoint is
down. It is a plain package (no models of its own) that the agent's tiers fall back to.
"""
