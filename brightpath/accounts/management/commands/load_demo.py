"""Create (or refresh) the demo account, so a fresh install can be signed into."""

from django.core.management.base import BaseCommand
from django.db import transaction

from brightpath.accounts.models import User

DEMO_EMAIL = "sarah@demo.brightpath.local"
DEMO_PASSWORD = "bright-demo-2026"
DEMO_NAME = "Sarah Kim"


class Command(BaseCommand):
    help = "Load the demo family's account (idempotent) and print how to sign in."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        user = User.objects.filter(email=DEMO_EMAIL).first()
        if user is None:
            user = User.objects.create_user(DEMO_EMAIL, password=DEMO_PASSWORD, name=DEMO_NAME)
        elif not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo account ready. Sign in at http://127.0.0.1:8000/ with\n"
                f"    email:    {DEMO_EMAIL}\n    password: {DEMO_PASSWORD}"
            )
        )
