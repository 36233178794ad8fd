"""Create or update a family from a questionnaire file.

    python -m brightpath import-family FAMILY.json --email parent@example.com [--name "Sarah Kim"]

The account is created (without a password; the parent sets one through
"forgot password" or signs in with Google) when it does not exist yet.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from brightpath.accounts.models import User
from brightpath.common.errors import Invalid
from brightpath.onboarding.services import questionnaire_submit


class Command(BaseCommand):
    help = "Create or update a family from a file in the questionnaire submission format."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--email", required=True, help="The parent's account email.")
        parser.add_argument("--name", help="The parent's name for a new account.")

    def handle(self, *args, file: Path, email: str, name: str | None, **options) -> None:
        try:
            data = json.loads(file.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            with transaction.atomic():
                user = User.objects.filter(email__iexact=email).first()
                if user is None:
                    parent = name or _parent_name(data) or email
                    user = User.objects.create_user(email, password=None, name=parent)
                family = questionnaire_submit(user=user, data=data)
        except Invalid as exc:
            lines = [f"  {path}: {'; '.join(msgs)}" for path, msgs in exc.fields.items()]
            raise CommandError(
                f"{file} is not a valid questionnaire:\n" + "\n".join(lines)
            ) from exc
        children = ", ".join(f"{c.name} ({c.age})" for c in family.children.live())
        self.stdout.write(
            self.style.SUCCESS(f"Imported {family.name} for {user.email}: {children}")
        )


def _parent_name(data: object) -> str:
    """section1.name, read defensively: the file has not been validated yet."""
    section1 = data.get("section1") if isinstance(data, dict) else None
    return str(section1.get("name", "")) if isinstance(section1, dict) else ""
