"""ASGI entry point: HTTP through Django, websockets through Channels.

The Django application is built before anything that imports models (consumers), so the
app registry is ready when routing is imported.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportagent.settings.local")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi_app})
