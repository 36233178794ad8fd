from django.urls import path

from . import apis

app_name = "families"

urlpatterns = [
    path("questionnaire/", apis.QuestionnaireApi.as_view(), name="questionnaire"),
    path(
        "questionnaire/schema/", apis.QuestionnaireSchemaApi.as_view(), name="questionnaire_schema"
    ),
    path(
        "questionnaire/submit/", apis.QuestionnaireSubmitApi.as_view(), name="questionnaire_submit"
    ),
    path(
        "questionnaire/responses/",
        apis.QuestionnaireResponsesApi.as_view(),
        name="questionnaire_responses",
    ),
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
    path("families/import/", apis.FamilyImportApi.as_view(), name="family_import"),
    path("family/", apis.FamilyApi.as_view(), name="family"),
    path("children/", apis.ChildListApi.as_view(), name="children"),
    path("children/<uuid:child_id>/", apis.ChildDetailApi.as_view(), name="child"),
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
