"""API tokens: issued for a username and password, stored hashed, and expiring (django-rest-knox).

Wrong passwords count towards django-axes' lockout like any sign-in, and token requests are
limited per client address.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.clients import client_from_request
from apps.core.throttles import throttle_hit


class TokenObtainView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer(
                "IssuedToken", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
            )
        },
        description="A new token for these credentials. It expires; only its digest is stored.",
    )
    def post(self, request):
        limited = throttle_hit("token:client", client_from_request(request) or "unknown")
        if not limited.allowed:
            return Response(
                {"code": "rate_limited", "message": f"Too many token requests; wait {limited.retry_after}s."},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        body = AuthTokenSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        instance, token = AuthToken.objects.create(body.validated_data["user"], knox_settings.TOKEN_TTL)
        return Response({"token": token, "expiry": instance.expiry})
