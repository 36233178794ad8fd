"""Students (with their adaptations, preferences, progress and performances) and classes
(with enrolment and the safety report before an activity).

A student's medical notes and accommodations are in the answer of GET/PATCH
students/{id}/ only, the teacher's own view of that student: lists, rosters and every
other row that names a student give their name and fitness level, no more.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.pe import selectors
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.models import ClassStudent, PEActivityPreference
from brightpath.coach.pe.serializers.catalogue import (
    PeAdaptationSerializer,
    PeAdaptationSuggestionSerializer,
    PeAdaptationWriteSerializer,
)
from brightpath.coach.pe.serializers.common import PeStatusSerializer
from brightpath.coach.pe.serializers.people import (
    PeClassSerializer,
    PeClassUpdateSerializer,
    PeClassWriteSerializer,
    PeEnrolmentSerializer,
    PeEnrolSerializer,
    PePreferencesWriteSerializer,
    PeStudentSerializer,
    PeStudentSummarySerializer,
    PeStudentUpdateSerializer,
    PeStudentWriteSerializer,
)
from brightpath.coach.pe.serializers.planning import PeSafetyReportSerializer
from brightpath.coach.pe.serializers.progress import (
    PeActivityPerformanceSerializer,
    PeActivityPerformanceWriteSerializer,
    PeGoalsSerializer,
    PeSkillProgressSerializer,
)
from brightpath.coach.pe.services import activities as activity_services
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import progress as progress_services
from brightpath.coach.pe.services import students as student_services
from brightpath.common.errors import Invalid
from brightpath.common.pagination import page_of

from .base import (
    CONFLICT,
    NOT_FOUND,
    PeApi,
    choice_param,
    page,
    parsed,
    referenced,
    uuid_param,
)


def _student_view(user, student_id):
    """One student with what their detail view shows, prefetched."""
    student = selectors.student_of(user=user, student_id=student_id)
    enrolments = ClassStudent.objects.select_related("pe_class").order_by("created_at")
    preferences = PEActivityPreference.objects.select_related("activity")
    prefetch_related_objects(
        [student],
        Prefetch("enrolments", queryset=enrolments),
        "type_preferences",
        Prefetch("activity_preferences", queryset=preferences),
        "adaptation_preferences",
    )
    return student


# --- students ------------------------------------------------------------------------------


class StudentsApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_students_list",
        summary="The teacher's students (no private details)",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Words of the name"),
            OpenApiParameter("class", OpenApiTypes.UUID, description="In this class"),
        ],
        responses=page_of(PeStudentSummarySerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.students_of(
            user=request.user,
            search=request.query_params.get("q", "")[:100],
            class_id=uuid_param(request, "class"),
        )
        return page(self, request, rows, PeStudentSummarySerializer)

    @extend_schema(
        summary="Add a student (5 to 18 years old)",
        description="Medical notes (at most 500 characters) and accommodations are private "
        "to the teacher. An e-mail already used by another of the teacher's students is a "
        '409 "duplicate_email".',
        request=PeStudentWriteSerializer,
        responses={201: PeStudentSerializer, 409: CONFLICT},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeStudentWriteSerializer, request)
        student = student_services.student_create(teacher=request.user, **data)
        body = PeStudentSerializer(_student_view(request.user, student.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)


class StudentApi(PeApi):
    @extend_schema(
        summary="One student, with their private details, classes and preferences",
        responses={200: PeStudentSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, student_id) -> Response:
        return Response(PeStudentSerializer(_student_view(request.user, student_id)).data)

    @extend_schema(
        summary="Change a student (the fields given)",
        request=PeStudentUpdateSerializer,
        responses={200: PeStudentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def patch(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        data = parsed(PeStudentUpdateSerializer, request)
        student_services.student_update(student=student, **data)
        return Response(PeStudentSerializer(_student_view(request.user, student_id)).data)

    @extend_schema(
        summary="Delete a student and everything about them",
        description="Enrolments, adaptations, assessments, progress, performances, incidents "
        "and movement analyses go with the student (seed: cascade). Their places in classes "
        "go to the waitlists.",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        student_services.student_delete(student=student)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StudentPreferencesApi(PeApi):
    @extend_schema(
        summary="Set a student's activity preferences (only what is given changes)",
        request=PePreferencesWriteSerializer,
        responses={200: PeStudentSerializer, 404: NOT_FOUND},
    )
    def put(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        data = parsed(PePreferencesWriteSerializer, request)
        student_services.preferences_set(student=student, **data)
        return Response(PeStudentSerializer(_student_view(request.user, student_id)).data)


class StudentAdaptationsApi(PeApi):
    @extend_schema(
        summary="A student's adaptations, with their history",
        parameters=[OpenApiParameter("active", OpenApiTypes.BOOL)],
        responses={200: PeAdaptationSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        active = {"true": True, "1": True, "false": False, "0": False}.get(
            request.query_params.get("active", "")
        )
        rows = selectors.adaptations_of(user=request.user, student_id=student.pk, active=active)
        return Response(PeAdaptationSerializer(rows, many=True).data)

    @extend_schema(
        summary="Adapt an activity for the student's needs",
        description="At most one active adaptation of each type per activity "
        '(409 "adaptation_exists").',
        request=PeAdaptationWriteSerializer,
        responses={201: PeAdaptationSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        data = parsed(PeAdaptationWriteSerializer, request)
        activity = referenced(
            "activityId",
            "activity",
            selectors.activity_visible,
            user=request.user,
            activity_id=data.pop("activityId"),
        )
        adaptation = activity_services.adaptation_create(
            student=student, activity=activity, by=request.user, **data
        )
        adaptation = selectors.adaptation_of(user=request.user, adaptation_id=adaptation.pk)
        return Response(PeAdaptationSerializer(adaptation).data, status=status.HTTP_201_CREATED)


class StudentAdaptationSuggestionsApi(PeApi):
    @extend_schema(
        summary="The activity's adaptation templates that answer the student's recorded needs",
        parameters=[OpenApiParameter("activity", OpenApiTypes.UUID, required=True)],
        responses={200: PeAdaptationSuggestionSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        activity_id = uuid_param(request, "activity")
        if activity_id is None:
            raise Invalid({"activity": ["This parameter is required."]})
        activity = referenced(
            "activity",
            "activity",
            selectors.activity_visible,
            user=request.user,
            activity_id=activity_id,
        )
        suggestions = selectors.adaptation_suggestions(student=student, activity=activity)
        return Response(PeAdaptationSuggestionSerializer(suggestions, many=True).data)


class StudentProgressApi(PeApi):
    @extend_schema(
        summary="A student's skill progress: a series of scores per activity over time",
        responses={200: PeSkillProgressSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        rows = selectors.progress_of(user=request.user, student_id=student.pk)
        return Response(PeSkillProgressSerializer(rows, many=True).data)


class StudentSkillProgressApi(PeApi):
    @extend_schema(
        summary="A student's progress at one activity",
        responses={200: PeSkillProgressSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, student_id, activity_id) -> Response:
        progress = selectors.progress_one(
            user=request.user, student_id=student_id, activity_id=activity_id
        )
        return Response(PeSkillProgressSerializer(progress).data)

    @extend_schema(
        summary="Set the student's goals at this activity",
        request=PeGoalsSerializer,
        responses={200: PeSkillProgressSerializer, 404: NOT_FOUND},
    )
    def patch(self, request: Request, student_id, activity_id) -> Response:
        progress = selectors.progress_one(
            user=request.user, student_id=student_id, activity_id=activity_id
        )
        data = parsed(PeGoalsSerializer, request)
        progress = progress_services.progress_goals_set(progress=progress, goals=data["goals"])
        return Response(PeSkillProgressSerializer(progress).data)


class StudentPerformancesApi(PeApi):
    @extend_schema(
        summary="A student's scores at activities, day by day",
        responses={200: page_of(PeActivityPerformanceSerializer), 404: NOT_FOUND},
    )
    def get(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        rows = selectors.activity_performances_of(user=request.user, student_id=student.pk)
        return page(self, request, rows, PeActivityPerformanceSerializer)

    @extend_schema(
        summary="Record a student's score (0-100) at an activity on a day",
        description="One record per student, activity and day: a second corrects the first.",
        request=PeActivityPerformanceWriteSerializer,
        responses={201: PeActivityPerformanceSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, student_id) -> Response:
        student = selectors.student_of(user=request.user, student_id=student_id)
        data = parsed(PeActivityPerformanceWriteSerializer, request)
        activity = referenced(
            "activityId",
            "activity",
            selectors.activity_visible,
            user=request.user,
            activity_id=data.pop("activityId"),
        )
        performance = progress_services.activity_performance_record(
            student=student, activity=activity, **data
        )
        return Response(
            PeActivityPerformanceSerializer(performance).data, status=status.HTTP_201_CREATED
        )


# --- classes --------------------------------------------------------------------------------


class ClassesApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_classes_list",
        summary="The teacher's classes",
        parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=list(v.CLASS_STATUSES))],
        responses=page_of(PeClassSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.classes_of(
            user=request.user, status=choice_param(request, "status", v.CLASS_STATUSES)
        )
        return page(self, request, rows, PeClassSerializer)

    @extend_schema(
        summary="Add a class (planned)",
        request=PeClassWriteSerializer,
        responses={201: PeClassSerializer, 409: CONFLICT},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeClassWriteSerializer, request)
        pe_class = class_services.class_create(teacher=request.user, **data)
        return Response(PeClassSerializer(pe_class).data, status=status.HTTP_201_CREATED)


class ClassApi(PeApi):
    @extend_schema(summary="One class", responses={200: PeClassSerializer, 404: NOT_FOUND})
    def get(self, request: Request, class_id) -> Response:
        return Response(
            PeClassSerializer(selectors.class_of(user=request.user, class_id=class_id)).data
        )

    @extend_schema(
        summary="Change a class (the fields given)",
        description="A capacity below the enrolled count is refused; a larger one moves "
        "students up from the waitlist.",
        request=PeClassUpdateSerializer,
        responses={200: PeClassSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def patch(self, request: Request, class_id) -> Response:
        pe_class = selectors.class_of(user=request.user, class_id=class_id)
        data = parsed(PeClassUpdateSerializer, request)
        pe_class = class_services.class_update(pe_class=pe_class, **data)
        return Response(PeClassSerializer(pe_class).data)

    @extend_schema(
        summary="Delete a class still being planned",
        responses={204: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    def delete(self, request: Request, class_id) -> Response:
        pe_class = selectors.class_of(user=request.user, class_id=class_id)
        class_services.class_delete(pe_class=pe_class)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ClassStatusApi(PeApi):
    @extend_schema(
        summary="Move a class on: planned -> active -> completed",
        request=PeStatusSerializer,
        responses={200: PeClassSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, class_id) -> Response:
        pe_class = selectors.class_of(user=request.user, class_id=class_id)
        data = parsed(PeStatusSerializer, request)
        pe_class = class_services.class_transition(pe_class=pe_class, status=data["status"])
        return Response(PeClassSerializer(pe_class).data)


class ClassStudentsApi(PeApi):
    @extend_schema(
        summary="A class's roster: enrolled, then the waitlist (no private details)",
        parameters=[
            OpenApiParameter("withdrawn", OpenApiTypes.BOOL, description="Include leavers")
        ],
        responses={200: PeEnrolmentSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, class_id) -> Response:
        pe_class = selectors.class_of(user=request.user, class_id=class_id)
        rows = selectors.roster_of(
            pe_class=pe_class,
            include_withdrawn=request.query_params.get("withdrawn") in ("1", "true"),
        )
        return Response(PeEnrolmentSerializer(rows, many=True).data)

    @extend_schema(
        summary="Enrol a student (on the waitlist when the class is full)",
        request=PeEnrolSerializer,
        responses={201: PeEnrolmentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, class_id) -> Response:
        pe_class = selectors.class_of(user=request.user, class_id=class_id)
        data = parsed(PeEnrolSerializer, request)
        student = referenced(
            "studentId",
            "student",
            selectors.student_of,
            user=request.user,
            student_id=data["studentId"],
        )
        enrolment = class_services.enrolment_add(pe_class=pe_class, student=student)
        return Response(PeEnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)


class ClassStudentApi(PeApi):
    @extend_schema(
        summary="Withdraw a student from the class (the first on the waitlist moves up)",
        responses={200: PeEnrolmentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def delete(self, request: Request, class_id, student_id) -> Response:
        enrolment = selectors.enrolment_of(
            user=request.user, class_id=class_id, student_id=student_id
        )
        enrolment = class_services.enrolment_withdraw(enrolment=enrolment)
        return Response(PeEnrolmentSerializer(enrolment).data)


class ClassSafetyApi(PeApi):
    @extend_schema(
        summary="Whether the class may start these activities today, and what stands in the way",
        parameters=[
            OpenApiParameter(
                "activity", OpenApiTypes.UUID, many=True, description="Repeat for each activity"
            )
        ],
        responses={200: PeSafetyReportSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, class_id) -> Response:
        pe_class = selectors.class_of(user=request.user, class_id=class_id)
        activities = []
        for index, value in enumerate(request.query_params.getlist("activity")[:30]):
            activities.append(
                referenced(
                    f"activity[{index}]",
                    "activity",
                    selectors.activity_visible,
                    user=request.user,
                    activity_id=value,
                )
            )
        report = selectors.safety_report(
            user=request.user, pe_class=pe_class, activities=activities
        )
        return Response(PeSafetyReportSerializer(report).data)


urlpatterns = [
    path("students/", StudentsApi.as_view(), name="students"),
    path("students/<uuid:student_id>/", StudentApi.as_view(), name="student"),
    path(
        "students/<uuid:student_id>/preferences/",
        StudentPreferencesApi.as_view(),
        name="student_preferences",
    ),
    path(
        "students/<uuid:student_id>/adaptations/",
        StudentAdaptationsApi.as_view(),
        name="student_adaptations",
    ),
    path(
        "students/<uuid:student_id>/adaptation-suggestions/",
        StudentAdaptationSuggestionsApi.as_view(),
        name="student_adaptation_suggestions",
    ),
    path(
        "students/<uuid:student_id>/progress/",
        StudentProgressApi.as_view(),
        name="student_progress",
    ),
    path(
        "students/<uuid:student_id>/progress/<uuid:activity_id>/",
        StudentSkillProgressApi.as_view(),
        name="student_skill_progress",
    ),
    path(
        "students/<uuid:student_id>/performances/",
        StudentPerformancesApi.as_view(),
        name="student_performances",
    ),
    path("classes/", ClassesApi.as_view(), name="classes"),
    path("classes/<uuid:class_id>/", ClassApi.as_view(), name="class"),
    path("classes/<uuid:class_id>/status/", ClassStatusApi.as_view(), name="class_status"),
    path("classes/<uuid:class_id>/students/", ClassStudentsApi.as_view(), name="class_students"),
    path(
        "classes/<uuid:class_id>/students/<uuid:student_id>/",
        ClassStudentApi.as_view(),
        name="class_student",
    ),
    path("classes/<uuid:class_id>/safety/", ClassSafetyApi.as_view(), name="class_safety"),
]
