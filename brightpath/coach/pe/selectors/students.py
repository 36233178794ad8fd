"""A teacher's students."""

from django.db.models import Q, QuerySet

from brightpath.coach.pe.models import Student
from brightpath.common.selectors import get_owned_or_404, owned_by


def students_of(*, user, search: str = "", class_id=None) -> QuerySet[Student]:
    """The teacher's students by name, optionally matching `search` or in a class
    (enrolled or waitlisted there)."""
    students = owned_by(Student.objects.all(), user, owner_path="teacher")
    if search:
        words = search.split()
        for word in words[:5]:
            students = students.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if class_id is not None:
        students = students.filter(
            enrolments__pe_class_id=class_id, enrolments__status__in=["enrolled", "waitlisted"]
        )
    return students.order_by("last_name", "first_name", "id")


def student_of(*, user, student_id) -> Student:
    """One of the teacher's students, or NotFound."""
    return get_owned_or_404(Student.objects.all(), user, owner_path="teacher", id=student_id)
