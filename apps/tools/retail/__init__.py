"""The retail tools: the agent's hands on the store. Importing this package registers them."""

from . import knowledge, lookups, orders, support, verification  # noqa: F401
