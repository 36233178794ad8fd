"""Load Spark's starter catalogue and schedule the brain sparks ahead (run by `make run`)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from brightpath.common.errors import Invalid
from brightpath.spark.services.catalogue import catalogue_load, sparks_schedule


class Command(BaseCommand):
    help = (
        "Load Spark's topics and connections (idempotent; topics an operator edited are kept) "
        "and give each age group a brain spark on every coming day that has none."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, default=30, help="How many days ahead to schedule (default 30)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite topics an operator edited with the shipped version.",
        )

    def handle(self, *args, days: int, force: bool, **options) -> None:
        # A child's "today" is their parent's; time zones run a day either side of the
        # server's, so the schedule starts yesterday and reaches one day further.
        start = timezone.localdate() - dt.timedelta(days=1)
        try:
            counts = catalogue_load(force=force)
            added = sparks_schedule(today=start, days=days + 2)
        except Invalid as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Topics: {counts['topics']} ({counts['created']} created, {counts['updated']} "
            f"updated, {counts['unchanged']} unchanged, {len(counts['kept'])} kept as edited"
            + (f": {', '.join(counts['kept'])}" if counts["kept"] else "")
            + f"). Connections: {counts['connections']} ({counts['connections_created']} created)."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Brain sparks: {added} added from {start} for {days + 2} days.")
        )
