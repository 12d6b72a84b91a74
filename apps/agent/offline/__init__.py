"""The offline engine: the store policy as rules, behind the chat-model interface."""

from .engine import OfflineEngine

__all__ = ["OfflineEngine"]
