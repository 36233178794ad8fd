"""Children get a birth date (step 2 of 3): each existing child's birth month is
estimated from its stored age, as of today where its family lives: today's
month, that many years ago, marked approximate (common.birthdates). The child is
the same age today as before, and a year older each time that month comes round.

Backwards, the age is the birth date's age today (within 2-18, the old column's range).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import timezone

MIN_AGE, MAX_AGE = 2, 18


def _today(time_zone: str) -> dt.date:
    try:
        zone = ZoneInfo(time_zone)
    except (ValueError, KeyError):  # an unknown zone name: the server's
        zone = timezone.get_default_timezone()
    return timezone.localtime(timezone.now(), timezone=zone).date()


def birth_month_from_age(apps, schema_editor):
    Child = apps.get_model("families", "Child")
    for child in Child.objects.filter(birth_date__isnull=True).select_related("family"):
        today = _today(child.family.time_zone)
        child.birth_date = dt.date(today.year - child.age, today.month, 1)
        child.birth_date_precision = "approximate"
        child.save(update_fields=["birth_date", "birth_date_precision"])


def age_from_birth_date(apps, schema_editor):
    Child = apps.get_model("families", "Child")
    for child in Child.objects.select_related("family"):
        today, born = _today(child.family.time_zone), child.birth_date
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        child.age = min(max(age, MIN_AGE), MAX_AGE)
        child.save(update_fields=["age"])


class Migration(migrations.Migration):
    dependencies = [("families", "0002_child_birth_date")]

    operations = [migrations.RunPython(birth_month_from_age, age_from_birth_date)]
