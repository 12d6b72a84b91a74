import csv
from dataclasses import asdict

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from apps.agent.dashboard import dashboard_csv_rows, dashboard_figures, dashboard_series


def _days(request) -> int:
    try:
        return max(1, min(int(request.GET.get("days", 7)), 90))
    except ValueError:
        return 7


@staff_member_required
def dashboard(request):
    """The admins' overview: how traffic is routed, what it costs, where it escalates, over time."""
    days = _days(request)
    series = dashboard_series(days=days)
    charts = {k: v for k, v in asdict(series).items() if k != "since"}
    context = {
        **admin.site.each_context(request),
        "title": "Agent dashboard",
        "figures": dashboard_figures(days=days),
        "charts": charts,
        "days": days,
    }
    return render(request, "admin/agent_dashboard.html", context)


@staff_member_required
def dashboard_export(request):
    """The dashboard's series as CSV (period, figure, key, value)."""
    days = _days(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="agent-dashboard-{days}d-{stamp}.csv"'
    csv.writer(response).writerows(dashboard_csv_rows(dashboard_series(days=days)))
    return response
