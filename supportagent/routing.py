"""Websocket URL routes. Imported by asgi.py only after Django's app registry is ready."""

from django.urls import path

from apps.conversations.consumers.chat import ChatConsumer
from apps.conversations.consumers.console import ConsoleConsumer

websocket_urlpatterns = [
    path("ws/chat/", ChatConsumer.as_asgi()),
    path("ws/console/", ConsoleConsumer.as_asgi()),
]
