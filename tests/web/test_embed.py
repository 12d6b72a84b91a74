"""The embeddable chat: signed identities, the framed chat's CSP, the loader and the demo shop."""

from __future__ import annotations

import hashlib
import hmac
import re
import time

import pytest

from apps.commerce.models import Customer
from apps.conversations.embed import embed_frame_ancestors, embed_identity_refusal
from apps.conversations.embed import identity_signature as signed_alone
from apps.conversations.models import Conversation, EmbedSite
from apps.conversations.visitors import SESSION_KEY

pytestmark = pytest.mark.django_db

OLIVIA = "olivia_ito_3591"
SOON = int(time.time()) + 3600


def identity_signature(*, secret: str, identity: str) -> str:
    return signed_alone(secret=secret, identity=identity, expires=SOON)


@pytest.fixture
def site():
    return EmbedSite.objects.create(
        name="Shop",
        key="shop",
        secret="s3cret-for-tests",
        allowed_origins="https://shop.example\nhttp://127.0.0.1:8000",
    )


def frame_url(site, identity="", signature="", color=""):
    params = {"site": site.key}
    if identity:
        params |= {"identity": identity, "signature": signature, "expires": SOON}
    if color:
        params["color"] = color
    return "/embed/frame/", params


def test_a_signature_is_the_hex_hmac_sha256_of_identity_and_expiry_with_the_site_secret(site):
    message = f"v2\n{OLIVIA}\n{SOON}".encode()
    expected = hmac.new(b"s3cret-for-tests", message, hashlib.sha256).hexdigest()

    assert identity_signature(secret=site.secret, identity=OLIVIA) == expected
    assert embed_identity_refusal(site=site, identity=OLIVIA, signature=expected, expires=str(SOON)) is None
    assert (
        embed_identity_refusal(site=site, identity=OLIVIA, signature=expected.upper(), expires=str(SOON))
        is None
    )


@pytest.mark.parametrize(
    ("identity", "signature"),
    [
        (OLIVIA, ""),
        (OLIVIA, "0" * 64),
        ("noah_brown_6181", "SIGNATURE_OF_OLIVIA"),  # someone else's identity with Olivia's signature
        (OLIVIA, "abc"),
        ("x" * 300, "0" * 64),
        ("", "0" * 64),
        ("olivia_ito_3591\n", "SIGNATURE_OF_IT"),  # a control character, even signed
    ],
)
def test_a_wrong_signature_is_refused(site, identity, signature):
    if signature == "SIGNATURE_OF_OLIVIA":
        signature = identity_signature(secret=site.secret, identity=OLIVIA)
    if signature == "SIGNATURE_OF_IT":
        signature = identity_signature(secret=site.secret, identity=identity)

    refusal = embed_identity_refusal(site=site, identity=identity, signature=signature, expires=str(SOON))
    assert refusal == "bad_signature"


def test_another_sites_secret_does_not_sign_for_this_site(site):
    signature = identity_signature(secret="another-site-secret", identity=OLIVIA)

    refusal = embed_identity_refusal(site=site, identity=OLIVIA, signature=signature, expires=str(SOON))
    assert refusal == "bad_signature"


def test_the_frame_starts_a_verified_chat_for_a_signed_identity(client, site):
    path, params = frame_url(site, OLIVIA, identity_signature(secret=site.secret, identity=OLIVIA))

    response = client.get(path, params)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "frame-ancestors https://shop.example http://127.0.0.1:8000"
    assert "X-Frame-Options" not in response
    conversation = Conversation.objects.get(pk=client.session[SESSION_KEY])
    assert conversation.customer == Customer.objects.get(customer_id=OLIVIA)
    assert conversation.state["signed_in"] is True
    assert conversation.embed_site == site
    # The same visitor reloading the frame keeps their chat, even after the agent rewrote its state.
    Conversation.objects.filter(pk=conversation.pk).update(state={"signed_in": True, "intent": "lookup"})
    client.get(path, params)
    assert client.session[SESSION_KEY] == conversation.pk


def test_an_email_identity_names_the_customer_too(client, site):
    email = Customer.objects.get(customer_id=OLIVIA).email
    path, params = frame_url(site, email, identity_signature(secret=site.secret, identity=email))

    assert client.get(path, params).status_code == 200
    assert Conversation.objects.get(pk=client.session[SESSION_KEY]).customer.customer_id == OLIVIA


def test_a_bad_signature_gets_a_clear_refusal_and_starts_nothing(client, site):
    before = Conversation.objects.count()
    path, params = frame_url(site, OLIVIA, "0" * 64)

    response = client.get(path, params)

    assert response.status_code == 403
    assert "could not confirm who you are" in response.content.decode()
    assert Conversation.objects.count() == before
    assert SESSION_KEY not in client.session


def test_an_unknown_or_inactive_site_may_not_be_framed_anywhere(client, site):
    site.active = False
    site.save()

    response = client.get("/embed/frame/", {"site": "shop"})

    assert response.status_code == 404
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_an_anonymous_frame_is_an_ordinary_unverified_chat(client, site):
    response = client.get("/embed/frame/", {"site": "shop"})

    assert response.status_code == 200
    conversation = Conversation.objects.get(pk=client.session[SESSION_KEY])
    assert (conversation.customer, conversation.embed_site) == (None, site)


def test_the_theme_colour_is_used_only_when_it_is_a_plain_hex_colour(client, site):
    good = client.get("/embed/frame/", {"site": "shop", "color": "#aa3300"}).content.decode()
    hostile = client.get(
        "/embed/frame/", {"site": "shop", "color": "red;}</style><script>alert(1)</script>"}
    ).content.decode()

    assert "--accent: #aa3300" in good
    assert "<script>alert(1)" not in hostile
    assert "--accent: #2563eb" in hostile  # the site's own colour


def test_origins_that_are_not_plain_origins_never_reach_the_header(site):
    site.allowed_origins = "https://ok.example\nhttps://bad.example; script-src *\n'unsafe-inline'"

    assert embed_frame_ancestors(site) == "frame-ancestors https://ok.example"


def test_the_loader_is_served_as_javascript_at_a_stable_address(client):
    response = client.get("/embed/chat.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "supportagent-chat-frame" in response.content.decode()


def test_the_demo_shop_embeds_the_chat_with_one_script_tag(client):
    from django.core.management import call_command

    call_command("create_demo_site", origin=["http://testserver"])

    page = client.get("/embed/demo/?signed=1").content.decode()

    site = EmbedSite.objects.get(key="demo-shop")
    assert page.count('<script src="/embed/chat.js"') == 1
    [expires] = re.findall(r'data-expires="(\d+)"', page)
    # the demo signs each page with a near expiry, as a real shop's server would
    assert 0 < int(expires) - time.time() <= 3600
    assert (
        f'data-signature="{signed_alone(secret=site.secret, identity=OLIVIA, expires=int(expires))}"' in page
    )
    assert not site.unexpiring_signatures
    assert site.secret not in page
