"""Load Coach's starter catalogue: subject categories and shared assistants (`make run` runs it)."""

from django.core.management.base import BaseCommand, CommandError

from brightpath.coach.services.catalogue import catalogue_load
from brightpath.common.errors import Invalid


class Command(BaseCommand):
    help = (
        "Load Coach's subject categories and shared assistants with their capabilities "
        "(idempotent; assistants an operator edited are kept)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite assistants an operator edited with the shipped version.",
        )

    def handle(self, *args, force: bool, **options) -> None:
        try:
            counts = catalogue_load(force=force)
        except Invalid as error:
            raise CommandError(error.message) from error
        kept = counts["kept"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Subjects: {counts['subjects']}. Assistants: {counts['assistants']} "
                f"({counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {len(kept)} kept as edited"
                + (f": {', '.join(kept)}" if kept else "")
                + ")."
            )
        )
