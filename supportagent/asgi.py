"""ASGI entry point: HTTP through Django, websockets through Channels.

The Django application is built before anything that imports models (consumers), so the
app registry is ready when routing is imported.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportagent.settings.local")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from apps.agent.sweeper import sweeper_thread_start  # noqa: E402
from apps.web.consumers.auth import PooledAuthMiddlewareStack  # noqa: E402
from apps.web.origins import SameOriginValidator  # noqa: E402
from supportagent.routing import websocket_urlpatterns  # noqa: E402

# On the embedded default nothing else re-dispatches owed turns or runs the SLA check.
sweeper_thread_start()

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Browsers send Origin on websockets; a page on another site (or another port of this
        # host) may not open ours with the visitor's cookies.
        "websocket": SameOriginValidator(PooledAuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
