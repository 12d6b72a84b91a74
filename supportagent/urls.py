from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from apps.agent.views import dashboard as agent_dashboard
from apps.web.console_views import console_page

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("admin/dashboard/", agent_dashboard, name="agent-dashboard"),
    path("admin/", admin.site.urls),
    path("console/", console_page, name="console"),
    path("api/", include("apps.api.urls")),
    path("chat/", include("apps.web.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(next_page="/"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="/chat/"), name="logout"),
]

admin.site.site_header = "supportagent back office"
admin.site.site_title = "supportagent"
