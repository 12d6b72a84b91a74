"""Services refuse with ApplicationError; the API answers with the matching HTTP status."""

from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import APIView

from apps.conversations.throttles import RateLimited
from apps.core.errors import ApplicationError, InvalidRequest, NotFound, PermissionDenied

_STATUS = [
    (RateLimited, status.HTTP_429_TOO_MANY_REQUESTS),
    (NotFound, status.HTTP_404_NOT_FOUND),
    (PermissionDenied, status.HTTP_403_FORBIDDEN),
    (InvalidRequest, status.HTTP_400_BAD_REQUEST),
]


def api_error(exc: ApplicationError) -> APIException:
    error = APIException({"code": exc.code, "message": exc.message})
    error.status_code = next(
        (code for kind, code in _STATUS if isinstance(exc, kind)), status.HTTP_409_CONFLICT
    )
    return error


class ServiceErrors(APIView):
    """A view mixin: a service's refusal becomes a 4xx with {code, message}."""

    def handle_exception(self, exc):
        if isinstance(exc, ApplicationError):
            exc = api_error(exc)
        return super().handle_exception(exc)
