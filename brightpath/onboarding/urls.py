from django.urls import path

from . import apis

app_name = "onboarding"

urlpatterns = [
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
    path("families/import/", apis.FamilyImportApi.as_view(), name="family_import"),
    path("children/", apis.ChildListApi.as_view(), name="children"),
    path("children/<uuid:child_id>/", apis.ChildDetailApi.as_view(), name="child"),
]
