from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    """The questionnaire's workflow across apps: it writes the family (families)
    and the children's subject plans (curriculum) as one submission."""

    name = "brightpath.onboarding"
    verbose_name = "Onboarding"
