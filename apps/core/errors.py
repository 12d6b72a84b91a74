"""Errors that carry a stable code and a message safe to show to a model or a person."""


class ApplicationError(Exception):
    """A business rule refused the request; nothing was changed."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class NotFound(ApplicationError):
    code = "not_found"


class InvalidRequest(ApplicationError):
    code = "invalid_request"


class PermissionDenied(ApplicationError):
    code = "permission_denied"
