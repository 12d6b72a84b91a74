"""The tool hosts allow-list (SUPPORTAGENT_TOOL_HOSTS) and the secret variables allow-list."""

from __future__ import annotations

import socket

import pytest

from apps.toolsources.errors import HostRefused, SourceMisconfigured
from apps.toolsources.net import host_check, secret_check

from .conftest import allow


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9399/x",  # loopback, not listed
        "http://localhost/x",
        "http://10.0.0.5/x",  # private
        "http://169.254.169.254/latest/meta-data",  # cloud metadata
        "http://[::1]:9300/",
        "http://shop.example.com:8443/",  # listed on another port
        "file:///etc/passwd",
        "gopher://shop.example.com/",
        "http://user@evil.example.com/",
    ],
)
def test_hosts_not_listed_are_refused(settings, url):
    allow(settings, hosts=["shop.example.com:443", "127.0.0.1:9300"])

    with pytest.raises(HostRefused):
        host_check(url)


def test_hosts_listed_exactly_are_allowed_loopback_included(settings):
    allow(settings, hosts=["shop.example.com", "127.0.0.1:9300", "[::1]:9301"])

    host_check("https://shop.example.com/v1/orders")
    host_check("http://SHOP.example.com:8080/v1")  # any port when none is listed
    host_check("http://127.0.0.1:9300/x")
    host_check("http://[::1]:9301/x")


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.5", "192.168.1.1", "169.254.169.254"])
def test_a_wildcard_never_reaches_a_loopback_or_private_address(settings, monkeypatch, address):
    # given a name under an allowed domain that someone pointed at the inside of the network
    allow(settings, hosts=["*.example.com"])
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", (address, 443))])

    with pytest.raises(HostRefused, match="loopback or private"):
        host_check("https://api.example.com/")


def test_a_wildcard_reaches_public_addresses(settings, monkeypatch):
    allow(settings, hosts=["*.example.com"])
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("93.184.215.14", 443))])

    host_check("https://api.example.com/")


def test_an_empty_allow_list_reaches_nothing(settings):
    allow(settings)

    with pytest.raises(HostRefused):
        host_check("https://shop.example.com/")


def test_secrets_come_only_from_listed_variables(settings):
    allow(settings, secrets=["SHOP_TOKEN"])

    secret_check("SHOP_TOKEN")
    with pytest.raises(SourceMisconfigured):
        secret_check("DJANGO_SECRET_KEY")
