"""A teacher's classes and their enrolments."""

from django.db.models import Count, Q, QuerySet

from brightpath.coach.pe.models import ClassStudent, PEClass
from brightpath.common.selectors import get_owned_or_404, owned_by


def classes_of(*, user, status: str | None = None) -> QuerySet[PEClass]:
    """The teacher's classes by name, with how many are waitlisted."""
    classes = owned_by(PEClass.objects.all(), user, owner_path="teacher").annotate(
        waitlisted_count=Count("enrolments", filter=Q(enrolments__status="waitlisted"))
    )
    if status:
        classes = classes.filter(status=status)
    return classes.order_by("name", "id")


def class_of(*, user, class_id) -> PEClass:
    """One of the teacher's classes, or NotFound."""
    return get_owned_or_404(PEClass.objects.all(), user, owner_path="teacher", id=class_id)


def roster_of(*, pe_class: PEClass, include_withdrawn: bool = False) -> QuerySet[ClassStudent]:
    """A class's enrolments (enrolled first, then the waitlist in order, then who left)."""
    rows = ClassStudent.objects.filter(pe_class=pe_class).select_related("student")
    if not include_withdrawn:
        rows = rows.exclude(status="withdrawn")
    return rows.order_by("status", "created_at", "id")


def enrolment_of(*, user, class_id, student_id) -> ClassStudent:
    """A student's enrolment in one of the teacher's classes, or NotFound."""
    return get_owned_or_404(
        ClassStudent.objects.select_related("pe_class", "student"),
        user,
        owner_path="pe_class__teacher",
        pe_class_id=class_id,
        student_id=student_id,
    )
