"""The client address that rate limits, the socket cap and the audit trail count by: the ASGI
scope's client, which daphne fills from X-Forwarded-For only with --proxy-headers; a header a
client sends on its own never moves it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from daphne.utils import parse_x_forwarded_for
from django.conf import settings
from django.test import RequestFactory
from rest_framework.test import APIClient

from apps.core.clients import client_from_request, client_from_scope

PROXY = ["10.0.0.2", 41234]  # the nginx container, as daphne sees the connection
CUSTOMER = "203.0.113.7"
FORGED = "198.51.100.99"


def _daphne_scope(headers: dict[bytes, list[bytes]], *, proxy_headers: bool) -> dict:
    """The scope daphne builds for a connection from PROXY: with --proxy-headers its client comes
    from X-Forwarded-For (daphne's own parser), without it from the connection."""
    client = PROXY
    if proxy_headers:
        client, _scheme = parse_x_forwarded_for(headers, original_addr=PROXY, original_scheme="ws")
    return {
        "type": "websocket",
        "client": client,
        "headers": [(name, value) for name, values in headers.items() for value in values],
    }


def test_behind_the_proxy_the_client_is_the_address_nginx_forwarded():
    # given nginx's X-Forwarded-For and daphne running with --proxy-headers
    scope = _daphne_scope({b"x-forwarded-for": [CUSTOMER.encode()]}, proxy_headers=True)

    # then the app counts the customer's address, not the proxy's
    assert client_from_scope(scope) == CUSTOMER


def test_two_customers_behind_one_proxy_are_two_clients():
    first = _daphne_scope({b"x-forwarded-for": [b"203.0.113.7"]}, proxy_headers=True)
    second = _daphne_scope({b"x-forwarded-for": [b"203.0.113.8"]}, proxy_headers=True)

    assert client_from_scope(first) != client_from_scope(second)


def test_without_proxy_headers_a_forwarded_for_header_a_client_sends_is_ignored():
    # given a client that connects directly and claims another address
    scope = _daphne_scope(
        {b"x-forwarded-for": [FORGED.encode()], b"x-real-ip": [FORGED.encode()]}, proxy_headers=False
    )

    # then its address is the connection's
    assert client_from_scope(scope) == PROXY[0]


def test_a_request_is_counted_by_its_remote_address_not_its_headers():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=FORGED, HTTP_X_REAL_IP=FORGED
    )

    assert client_from_request(request) == "192.0.2.10"


def test_a_scope_without_a_client_has_no_address():
    assert client_from_scope({"type": "websocket", "client": None}) is None
    assert client_from_scope({"type": "websocket"}) is None


@pytest.mark.django_db
def test_forging_x_forwarded_for_earns_no_fresh_token_attempts():
    # given one address that sends a new X-Forwarded-For with every token request
    api = APIClient(REMOTE_ADDR="192.0.2.10")
    responses = [
        api.post(
            "/api/auth/token/",
            {"username": "nobody", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        for n in range(12)
    ]

    # then the address's allowance (10 a minute) runs out all the same
    assert [r.status_code for r in responses].count(429) == 2
    assert responses[-1].data["code"] == "rate_limited"


def test_the_proxy_replaces_x_forwarded_for_and_daphne_trusts_it():
    # daphne takes the FIRST entry; appending ($proxy_add_x_forwarded_for) would keep a forged one
    nginx = (Path(settings.BASE_DIR) / "deploy" / "nginx.conf").read_text()
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "deploy" / "compose.yaml").read_text())
    directives = re.sub(r"#.*", "", nginx)

    assert re.search(r"proxy_set_header\s+X-Forwarded-For\s+\$remote_addr;", directives)
    assert re.search(r"proxy_set_header\s+X-Real-IP\s+\$remote_addr;", directives)
    assert "$proxy_add_x_forwarded_for" not in directives
    web = compose["services"]["web"]
    assert web["command"][0] == "daphne"
    assert "--proxy-headers" in web["command"]
    assert "ports" not in web  # only the proxy reaches daphne, so only it sets the header
    forwarded_first = _daphne_scope(
        {b"x-forwarded-for": [f"{FORGED}, {CUSTOMER}".encode()]}, proxy_headers=True
    )
    assert client_from_scope(forwarded_first) == FORGED  # why appending would be a hole
