from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from apps.agent.views import dashboard as agent_dashboard
from apps.agent.views import dashboard_export as agent_dashboard_export
from apps.web.console_views import console_page

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("admin/dashboard/", agent_dashboard, name="agent-dashboard"),
    path("admin/dashboard/export.csv", agent_dashboard_export, name="agent-dashboard-export"),
    path("admin/", admin.site.urls),
    path("console/", console_page, name="console"),
    path("api/", include("apps.api.urls")),
    path("chat/", include("apps.web.urls")),
    path("embed/", include("apps.web.embed_urls")),
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("accounts/login/", auth_views.LoginView.as_view(next_page="/"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="/chat/"), name="logout"),
]

admin.site.site_header = "supportagent back office"
admin.site.site_title = "supportagent"
