from django.urls import path

from . import chat_views as views

urlpatterns = [
    path("", views.chat_page, name="chat"),
    path("new/", views.chat_new, name="chat-new"),
    path("person/", views.chat_person, name="chat-person"),
]
