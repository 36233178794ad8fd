from django.urls import path

from . import apis
from .apis import lessons

app_name = "curriculum"

urlpatterns = [
    path("subjects/", apis.CatalogSubjectListApi.as_view(), name="subject_list"),
    path(
        "subjects/<uuid:subject_id>/",
        apis.CatalogSubjectDetailApi.as_view(),
        name="subject_detail",
    ),
    path(
        "subjects/<uuid:subject_id>/resources/",
        apis.CatalogSubjectResourceListApi.as_view(),
        name="subject_resources",
    ),
    path("resources/<uuid:resource_id>/", apis.ResourceDetailApi.as_view(), name="resource_detail"),
    path(
        "children/<uuid:child_id>/subjects/",
        apis.SubjectPlanListApi.as_view(),
        name="child_subjects",
    ),
    path(
        "children/<uuid:child_id>/subjects/<uuid:subject_id>/",
        apis.SubjectPlanDetailApi.as_view(),
        name="child_subject",
    ),
    path(
        "children/<uuid:child_id>/subjects/<uuid:subject_id>/lesson-sequence/",
        lessons.SubjectLessonSequenceApi.as_view(),
        name="child_subject_lesson_sequence",
    ),
    path("lesson-sequences/", lessons.LessonSequenceListApi.as_view(), name="lesson_sequences"),
    path(
        "lesson-sequences/<uuid:sequence_id>/",
        lessons.LessonSequenceDetailApi.as_view(),
        name="lesson_sequence",
    ),
    path(
        "lesson-sequences/<uuid:sequence_id>/lessons/",
        lessons.LessonSequenceLessonsApi.as_view(),
        name="lesson_sequence_lessons",
    ),
    path(
        "lesson-sequences/<uuid:sequence_id>/lessons/<uuid:lesson_id>/",
        lessons.LessonDetailApi.as_view(),
        name="lesson",
    ),
    path(
        "lesson-sequences/<uuid:sequence_id>/copy/",
        lessons.LessonSequenceCopyApi.as_view(),
        name="lesson_sequence_copy",
    ),
]
