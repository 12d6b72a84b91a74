"""The router: which tier (fast, reasoning or a person) handles a customer message.

A TF-IDF + logistic regression classifier puts the message into one of six labels;
readable rules then make the routing more careful where the model is unsure or the
customer is angry or asks for a person. Training uses scikit-learn (`manage.py
train_router`); serving uses a lean re-implementation of the same maths (lean.py).
"""

from .cache import router_cache_clear, serving_router
from .labels import LABELS, TIER_BY_LABEL, tier_for
from .routing import Classification, RoutingDecision, classify, route_decide, route_message

__all__ = [
    "LABELS",
    "TIER_BY_LABEL",
    "Classification",
    "RoutingDecision",
    "classify",
    "route_decide",
    "route_message",
    "router_cache_clear",
    "serving_router",
    "tier_for",
]
