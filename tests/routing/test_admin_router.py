"""The router's admin pages, on a site of their own (apps/agent/admin.py wires the real one)."""

from __future__ import annotations

import pytest
from django.contrib.admin import AdminSite
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from apps.audit.models import AuditEvent
from apps.routing.admin import RouterExampleAdmin, RouterModelAdmin
from apps.routing.models import RouterExample, RouterModel


@pytest.fixture
def admin_request(db, django_user_model):
    request = RequestFactory().post("/admin/agent/routermodel/")
    request.user = django_user_model.objects.create_superuser("router_boss", "rb@example.com", "pw")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_activating_an_old_version_makes_it_the_only_active_one(admin_request, stored_router):
    # given two active versions
    RouterModel.objects.create(version=2, labels=stored_router.labels, artifact=stored_router.artifact)
    model_admin = RouterModelAdmin(RouterModel, AdminSite())

    # when an admin activates version 1
    model_admin.activate_version(admin_request, RouterModel.objects.filter(version=1))

    # then only version 1 is active, and the change is on the audit trail
    assert list(RouterModel.objects.filter(active=True).values_list("version", flat=True)) == [1]
    event = AuditEvent.objects.get(kind="model", payload__action="activated")
    assert event.actor == "admin:router_boss"


def test_router_versions_are_read_only_and_show_their_scores(admin_request, stored_router):
    model_admin = RouterModelAdmin(RouterModel, AdminSite())

    assert not model_admin.has_change_permission(admin_request, stored_router)
    assert not model_admin.has_add_permission(admin_request)
    assert model_admin.macro_f1(stored_router) == 0.9
    assert "activate_version" in model_admin.get_actions(admin_request)


def test_examples_can_be_filtered_and_edited_in_the_list(admin_request):
    example_admin = RouterExampleAdmin(RouterExample, AdminSite())

    assert {"label", "source", "split", "active"} <= set(example_admin.list_filter)
    assert set(example_admin.list_editable) == {"label", "active"}
    assert example_admin.get_changeform_initial_data(admin_request)["source"] == "admin"
