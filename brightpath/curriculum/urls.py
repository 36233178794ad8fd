from django.urls import path

from . import apis

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
]
