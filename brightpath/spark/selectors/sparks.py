"""Today's brain spark: one question a day per age group, on the parent's calendar."""

from __future__ import annotations

import datetime as dt

from brightpath.spark.models import BrainSpark, Child, Conversation

from .children import local_today


def spark_today(*, child: Child, now: dt.datetime | None = None) -> BrainSpark | None:
    """The spark scheduled for the child's age group on the parent's local today."""
    today = local_today(child.parent, now)
    return (
        BrainSpark.objects.select_related("topic")
        .filter(spark_date=today, age_group=child.age_group)
        .first()
    )


def spark_done(*, child: Child, spark: BrainSpark) -> bool:
    """The child has talked about this spark (at least one exchange with the guide)."""
    return Conversation.objects.filter(
        child=child, brain_spark=spark, depth_reached__gte=1
    ).exists()
