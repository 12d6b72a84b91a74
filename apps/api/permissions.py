"""Who may call what. Rules about a particular chat (only its claimer or an admin may answer,
hand back or close it) live in the services, so the console and the API enforce the same ones."""

from rest_framework.permissions import BasePermission


class IsStaff(BasePermission):
    """Support staff: L1 and L2 supervisors and admins."""

    message = "Only support staff can use the handoff queue."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)
