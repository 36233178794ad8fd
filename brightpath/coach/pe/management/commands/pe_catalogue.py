"""Load the PE catalogue (activities, categories, exercises with reference patterns,
progressions); idempotent, run by `make run`."""

from django.core.management.base import BaseCommand, CommandError

from brightpath.coach.pe.services.catalogue import catalogue_load
from brightpath.common.errors import Invalid


class Command(BaseCommand):
    help = (
        "Load the PE catalogue: categories, activities, exercises with their reference "
        "movement patterns, and progressions (idempotent: a second run changes nothing)."
    )

    def handle(self, *args, **options) -> None:
        try:
            counts = catalogue_load()
        except Invalid as error:
            lines = [f"{path}: {'; '.join(messages)}" for path, messages in error.fields.items()]
            raise CommandError("Bad catalogue data: " + " | ".join(lines[:10])) from error
        for kind, outcome in counts.items():
            total = sum(outcome.values())
            self.stdout.write(
                f"{kind.capitalize()}: {total} ({outcome['created']} created, "
                f"{outcome['updated']} updated, {outcome['unchanged']} unchanged)"
            )
        self.stdout.write(self.style.SUCCESS("PE catalogue loaded."))
