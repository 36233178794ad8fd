from rest_framework.permissions import SAFE_METHODS, BasePermission


class CatalogSubjectEditable(BasePermission):
    """Anyone who can see a subject may read it; only the owner of a custom one writes.

    Checked before the request body, so writing to a standard subject is a 403
    whatever was sent. The services check the same rule again.
    """

    message = "Standard subjects are read-only."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or (
            obj.owner_id is not None and obj.owner_id == request.user.pk
        )
