"""The supervisor console page. Everything live comes over /ws/console/."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.accounts.principals import principal_for_user
from apps.conversations.handoff_selectors import canned_replies_active


@login_required
def console_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        # A customer who follows a link here gets a way back, not a bare 403.
        return render(request, "console/not_staff.html", status=403)
    return render(
        request,
        "console/console.html",
        {"role": principal_for_user(request.user).role, "canned_replies": canned_replies_active()},
    )
