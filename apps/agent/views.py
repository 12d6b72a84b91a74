from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

from apps.agent.dashboard import dashboard_figures
from apps.toolsources.selectors import tool_sources_health


@staff_member_required
def dashboard(request):
    """The admins' overview: how traffic is routed, what it costs, where it escalates."""
    try:
        days = max(1, min(int(request.GET.get("days", 7)), 90))
    except ValueError:
        days = 7
    context = {
        **admin.site.each_context(request),
        "title": "Agent dashboard",
        "figures": dashboard_figures(days=days),
        "days": days,
        "tool_sources": tool_sources_health(),
    }
    return render(request, "admin/agent_dashboard.html", context)
