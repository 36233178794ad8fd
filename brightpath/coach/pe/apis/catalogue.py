"""Categories, activities (the catalogue's and the teacher's own), exercises, progressions."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.pe import selectors
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.serializers.catalogue import (
    PeActivitySerializer,
    PeActivitySummarySerializer,
    PeActivityUpdateSerializer,
    PeActivityWriteSerializer,
    PeArchiveSerializer,
    PeCategorySerializer,
    PeExerciseSerializer,
    PeExerciseWriteSerializer,
    PeProgressionSerializer,
    PeProgressionWriteSerializer,
)
from brightpath.coach.pe.services import activities as services
from brightpath.common.pagination import page_of
from brightpath.common.params import int_param

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

ACTIVITY_FILTERS = [
    OpenApiParameter("type", OpenApiTypes.STR, enum=list(v.ACTIVITY_TYPES)),
    OpenApiParameter("difficulty", OpenApiTypes.STR, enum=list(v.DIFFICULTIES)),
    OpenApiParameter("category", OpenApiTypes.UUID, description="This category or under it"),
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the name or description"),
    OpenApiParameter("age", OpenApiTypes.INT, description="Suits a student of this age"),
    OpenApiParameter("mine", OpenApiTypes.BOOL, description="Only the teacher's own"),
]


class CategoriesApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_categories_list",
        summary="Activity categories (a tree: each names its parent)",
        responses=PeCategorySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return Response(PeCategorySerializer(selectors.categories(), many=True).data)


class ActivitiesApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_activities_list",
        summary="Activities: the catalogue's and the teacher's own",
        parameters=ACTIVITY_FILTERS,
        responses=page_of(PeActivitySummarySerializer),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        rows = selectors.activities_visible(
            user=request.user,
            activity_type=choice_param(request, "type", v.ACTIVITY_TYPES),
            difficulty=choice_param(request, "difficulty", v.DIFFICULTIES),
            category_id=uuid_param(request, "category"),
            search=params.get("q", "")[:100],
            age=int_param(request, "age", min_value=0, max_value=120),
            mine=params.get("mine") in ("1", "true"),
        )
        return page(self, request, rows, PeActivitySummarySerializer)

    @extend_schema(
        summary="Add an activity of the teacher's own",
        request=PeActivityWriteSerializer,
        responses={201: PeActivitySerializer, 409: CONFLICT},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeActivityWriteSerializer, request)
        activity = services.activity_create(owner=request.user, **data)
        activity = selectors.activity_visible(user=request.user, activity_id=activity.pk)
        return Response(PeActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class ActivityApi(PeApi):
    @extend_schema(summary="One activity", responses={200: PeActivitySerializer, 404: NOT_FOUND})
    def get(self, request: Request, activity_id) -> Response:
        activity = selectors.activity_visible(user=request.user, activity_id=activity_id)
        return Response(PeActivitySerializer(activity).data)

    @extend_schema(
        summary="Change one of the teacher's own activities (the fields given)",
        request=PeActivityUpdateSerializer,
        responses={200: PeActivitySerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def patch(self, request: Request, activity_id) -> Response:
        activity = selectors.activity_of(user=request.user, activity_id=activity_id)
        data = parsed(PeActivityUpdateSerializer, request)
        services.activity_update(activity=activity, **data)
        activity = selectors.activity_visible(user=request.user, activity_id=activity.pk)
        return Response(PeActivitySerializer(activity).data)


class ActivityArchiveApi(PeApi):
    @extend_schema(
        summary="Archive (or bring back) one of the teacher's own activities",
        description="Archived activities leave the lists and cannot be planned, run or "
        "assessed again; what was recorded with them stays.",
        request=PeArchiveSerializer,
        responses={200: PeActivitySerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, activity_id) -> Response:
        activity = selectors.activity_of(user=request.user, activity_id=activity_id)
        data = parsed(PeArchiveSerializer, request)
        services.activity_archive(activity=activity, archived=data["archived"])
        activity = selectors.activity_visible(user=request.user, activity_id=activity.pk)
        return Response(PeActivitySerializer(activity).data)


class ActivityProgressionsApi(PeApi):
    @extend_schema(
        summary="The next steps from an activity",
        responses={200: PeProgressionSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, activity_id) -> Response:
        activity = selectors.activity_visible(user=request.user, activity_id=activity_id)
        rows = selectors.progressions_from(user=request.user, activity=activity)
        return Response(PeProgressionSerializer(rows, many=True).data)

    @extend_schema(
        summary="Add a progression of the teacher's own from this activity",
        request=PeProgressionWriteSerializer,
        responses={201: PeProgressionSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, activity_id) -> Response:
        activity = selectors.activity_visible(user=request.user, activity_id=activity_id)
        data = parsed(PeProgressionWriteSerializer, request)
        to_activity = referenced(
            "toActivityId",
            "activity",
            selectors.activity_visible,
            user=request.user,
            activity_id=data.pop("toActivityId"),
        )
        progression = services.progression_create(
            owner=request.user, from_activity=activity, to_activity=to_activity, **data
        )
        return Response(PeProgressionSerializer(progression).data, status=status.HTTP_201_CREATED)


class ExercisesApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_exercises_list",
        summary="Exercises with their reference movement patterns",
        parameters=[OpenApiParameter("activity", OpenApiTypes.UUID)],
        responses=PeExerciseSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.exercises_visible(
            user=request.user, activity_id=uuid_param(request, "activity")
        )
        return Response(PeExerciseSerializer(rows, many=True).data)

    @extend_schema(
        summary="Add an exercise of the teacher's own, optionally with its reference pattern",
        description="The reference pattern's metrics are the movement engine's (see the "
        "catalogue's exercises); without one, recordings are analysed with no comparison.",
        request=PeExerciseWriteSerializer,
        responses={201: PeExerciseSerializer, 409: CONFLICT},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeExerciseWriteSerializer, request)
        activity = referenced(
            "activityId",
            "activity",
            selectors.activity_visible,
            user=request.user,
            activity_id=data.pop("activityId"),
        )
        exercise = services.exercise_create(owner=request.user, activity=activity, **data)
        exercise = selectors.exercise_visible(user=request.user, exercise_id=exercise.pk)
        return Response(PeExerciseSerializer(exercise).data, status=status.HTTP_201_CREATED)


class ExerciseApi(PeApi):
    @extend_schema(summary="One exercise", responses={200: PeExerciseSerializer, 404: NOT_FOUND})
    def get(self, request: Request, exercise_id) -> Response:
        exercise = selectors.exercise_visible(user=request.user, exercise_id=exercise_id)
        return Response(PeExerciseSerializer(exercise).data)


urlpatterns = [
    path("categories/", CategoriesApi.as_view(), name="categories"),
    path("activities/", ActivitiesApi.as_view(), name="activities"),
    path("activities/<uuid:activity_id>/", ActivityApi.as_view(), name="activity"),
    path(
        "activities/<uuid:activity_id>/archive/",
        ActivityArchiveApi.as_view(),
        name="activity_archive",
    ),
    path(
        "activities/<uuid:activity_id>/progressions/",
        ActivityProgressionsApi.as_view(),
        name="activity_progressions",
    ),
    path("exercises/", ExercisesApi.as_view(), name="exercises"),
    path("exercises/<uuid:exercise_id>/", ExerciseApi.as_view(), name="exercise"),
]
