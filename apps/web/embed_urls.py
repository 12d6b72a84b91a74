from django.urls import path

from . import embed_views as views

urlpatterns = [
    path("chat.js", views.embed_loader, name="embed-loader"),
    path("frame/", views.embed_frame, name="embed-frame"),
    path("demo/", views.embed_demo, name="embed-demo"),
]
