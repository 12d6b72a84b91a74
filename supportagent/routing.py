"""Websocket URL routes. Imported by asgi.py only after Django's app registry is ready."""

from django.urls import path

from apps.web.consumers.chat import ChatConsumer
from apps.web.consumers.console import ConsoleConsumer

websocket_urlpatterns = [
    path("ws/chat/", ChatConsumer.as_asgi()),
    path("ws/console/", ConsoleConsumer.as_asgi()),
]
