"""The supervisor console page. Everything live comes over /ws/console/."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.accounts.principals import principal_for_user


@login_required
def console_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied("The console is for support staff.")
    return render(request, "console/console.html", {"role": principal_for_user(request.user).role})
