"""Websocket consumers: the customer chat and the supervisor console."""
