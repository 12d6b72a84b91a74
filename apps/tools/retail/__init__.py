"""The retail tools: the agent's hands on the store. Importing this package registers them."""

from . import lookups, orders, support  # noqa: F401
