"""Reading the product's own settings (the SUPPORTAGENT dict), at call time so tests can override them."""

from typing import Any, cast

from django.conf import settings


def product_setting(name: str) -> Any:
    return cast(dict[str, Any], settings.SUPPORTAGENT)[name]
