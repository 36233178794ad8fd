"""Create (or refresh) the demo family, so a fresh install can be signed into."""

import json

from django.core.management.base import BaseCommand
from django.db import transaction

from brightpath.accounts.models import User
from brightpath.onboarding.demo import DEMO_EMAIL, DEMO_FAMILY_FILE, DEMO_NAME, DEMO_PASSWORD
from brightpath.onboarding.demo_lessons import demo_lessons_load
from brightpath.onboarding.demo_spark import DEMO_PIN, demo_spark_load
from brightpath.onboarding.selectors import questionnaire_export
from brightpath.onboarding.services import questionnaire_submit


class Command(BaseCommand):
    help = "Load the demo family (Sarah Kim, Noah and Ava) idempotently and print how to sign in."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        user = User.objects.filter(email=DEMO_EMAIL).first()
        if user is None:
            user = User.objects.create_user(DEMO_EMAIL, password=DEMO_PASSWORD, name=DEMO_NAME)
        elif not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if questionnaire_export(user=user) is None:
            questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
        demo_lessons_load(user=user)  # Noah's Mathematics and Ava's Reading teach lessons
        demo_spark_load(user=user)  # Spark: consent given, Noah and Ava with PIN 1234
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo family ready. Sign in at http://127.0.0.1:8000/ with\n"
                f"    email:    {DEMO_EMAIL}\n    password: {DEMO_PASSWORD}\n"
                f"Spark (http://127.0.0.1:8000/spark/): Noah's and Ava's PIN is {DEMO_PIN}."
            )
        )
