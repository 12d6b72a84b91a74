from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "apps.web"
    label = "web"
    verbose_name = "Chat and console"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_save

        from . import sessions

        # Like contrib.auth's own hooks: a session that ends must end on every socket too.
        user_logged_out.connect(sessions.sockets_close_on_logout, dispatch_uid="web-sockets-logout")
        post_save.connect(
            sessions.sockets_close_on_deactivation,
            sender=get_user_model(),
            dispatch_uid="web-sockets-deactivation",
        )
