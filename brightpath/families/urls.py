from django.urls import path

from . import apis

app_name = "families"

urlpatterns = [
    path("questionnaire/", apis.QuestionnaireApi.as_view(), name="questionnaire"),
    path(
        "questionnaire/drafts/children/<str:child_key>/",
        apis.QuestionnaireChildDraftApi.as_view(),
        name="questionnaire_child_drafts",
    ),
    path(
        "questionnaire/drafts/children/<str:child_key>/<str:section>/",
        apis.QuestionnaireDraftApi.as_view(),
        name="questionnaire_child_draft",
    ),
    path(
        "questionnaire/drafts/<str:section>/",
        apis.QuestionnaireDraftApi.as_view(),
        name="questionnaire_draft",
    ),
    path("family/", apis.FamilyApi.as_view(), name="family"),
    path("family/commitments/", apis.FamilyCommitmentListApi.as_view(), name="family_commitments"),
    path(
        "family/commitments/<uuid:commitment_id>/",
        apis.FamilyCommitmentDetailApi.as_view(),
        name="family_commitment",
    ),
    path(
        "children/<uuid:child_id>/commitments/",
        apis.ChildCommitmentListApi.as_view(),
        name="child_commitments",
    ),
    path(
        "children/<uuid:child_id>/commitments/<uuid:commitment_id>/",
        apis.ChildCommitmentDetailApi.as_view(),
        name="child_commitment",
    ),
]
