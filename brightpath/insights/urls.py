from django.urls import path

from .apis import feedback, ml, preferences

app_name = "insights"

urlpatterns = [
    path("feedback/", feedback.FeedbackListApi.as_view(), name="feedback"),
    path("feedback/<uuid:feedback_id>/", feedback.FeedbackDetailApi.as_view(), name="feedback_one"),
    path("ml/evaluate-schedule/", ml.EvaluateScheduleApi.as_view(), name="evaluate_schedule"),
    path("ml/model-status/", ml.ModelStatusApi.as_view(), name="model_status"),
    path("ml/train/", ml.TrainApi.as_view(), name="train"),
    path(
        "family/learned-preferences/",
        preferences.LearnedPreferencesApi.as_view(),
        name="learned_preferences",
    ),
]
