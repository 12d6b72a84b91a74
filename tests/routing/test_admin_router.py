"""The router's admin: actions and permissions on a site of their own, lists through the back office."""

from __future__ import annotations

import pytest
from django.contrib.admin import AdminSite
from django.contrib.auth.models import Permission
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from apps.audit.models import AuditEvent
from apps.routing.admin import RouterModelAdmin
from apps.routing.cache import serving_router
from apps.routing.models import RouterExample, RouterModel

EXAMPLES_URL = "/admin/routing/routerexample/"


@pytest.fixture
def admin_request(db, django_user_model):
    request = RequestFactory().post("/admin/routing/routermodel/")
    request.user = django_user_model.objects.create_superuser("router_boss", "rb@example.com", "pw")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_activating_an_old_version_makes_it_the_only_active_one(admin_request, stored_router):
    # given two active versions, the newer one serving
    RouterModel.objects.create(version=2, labels=stored_router.labels, artifact=stored_router.artifact)
    assert serving_router(refresh=True).version == 2
    model_admin = RouterModelAdmin(RouterModel, AdminSite())

    # when an admin activates version 1
    model_admin.activate_version(admin_request, RouterModel.objects.filter(version=1))

    # then only version 1 is active and serves, and the audit trail says who activated which version
    assert list(RouterModel.objects.filter(active=True).values_list("version", flat=True)) == [1]
    assert serving_router(refresh=True).version == 1
    event = AuditEvent.objects.get(kind="model", payload__action="activated")
    assert (event.actor, event.stream, event.payload) == (
        "admin:router_boss",
        "system",
        {"router_version": 1, "action": "activated"},
    )


def test_router_versions_are_read_only_and_show_their_scores(admin_request, stored_router):
    model_admin = RouterModelAdmin(RouterModel, AdminSite())

    assert not model_admin.has_change_permission(admin_request, stored_router)
    assert not model_admin.has_add_permission(admin_request)
    assert model_admin.macro_f1(stored_router) == 0.9


@pytest.mark.parametrize(
    ("permissions", "may_activate"),
    [
        (["view_routermodel"], False),
        (["view_routermodel", "change_routermodel"], True),
    ],
)
def test_only_staff_allowed_to_change_router_versions_get_the_activate_action(
    db, django_user_model, permissions, may_activate
):
    # given a staff member holding these permissions on router versions
    staff = django_user_model.objects.create_user("router_ops", "ro@example.com", "pw", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="routing", codename__in=permissions)
    )
    request = RequestFactory().get("/admin/routing/routermodel/")
    request.user = django_user_model.objects.get(pk=staff.pk)  # a fresh permission cache

    # when the admin lists the actions offered to them
    actions = RouterModelAdmin(RouterModel, AdminSite()).get_actions(request)

    # then activating a version is offered exactly to those who may change versions
    assert ("activate_version" in actions) is may_activate


def test_examples_are_filtered_by_label_source_split_and_active_in_the_list(admin_client, small_examples):
    # given the small example set: 36 to train on, 2 held out
    small_examples()

    # when an admin opens the list, then follows the held-out and transaction filters
    page = admin_client.get(EXAMPLES_URL).content.decode()
    filtered = admin_client.get(EXAMPLES_URL, {"label__exact": "transaction", "split__exact": "heldout"})

    # then the sidebar offers a filter on each of the four fields, and those two list the one example
    for link in ("?label__exact=transaction", "?source=own", "?split__exact=heldout", "?active__exact=0"):
        assert f'href="{link}"' in page
    assert [example.text for example in filtered.context["cl"].result_list] == ["cancel the blender order"]


def test_an_example_is_relabelled_and_deactivated_from_the_list(admin_client, small_examples):
    # given a held-out example labelled transaction
    small_examples()
    example = RouterExample.objects.get(text="cancel the blender order")

    # when an admin edits its label and unticks active in the list, without opening it
    response = admin_client.post(
        f"{EXAMPLES_URL}?split__exact=heldout&label__exact=transaction",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(example.pk),
            "form-0-label": "complaint",
            "_save": "Save",
        },
    )

    # then the example is stored relabelled and inactive, its text and split unchanged
    assert response.status_code == 302
    example.refresh_from_db()
    assert (example.text, example.split, example.label, example.active) == (
        "cancel the blender order",
        "heldout",
        "complaint",
        False,
    )


def test_an_example_added_in_the_admin_is_marked_as_written_there(admin_client):
    form = admin_client.get(f"{EXAMPLES_URL}add/").context["adminform"].form

    assert form.initial["source"] == "admin"
