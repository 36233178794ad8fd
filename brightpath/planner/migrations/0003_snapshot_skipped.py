"""Stored `schedule_data` snapshots gain each item's `skipped` (shapes.SNAPSHOT_ITEM_FIELDS),
read from the items, so weeks written before it show their skipped sessions as skipped."""

from django.db import migrations


def snapshots_say_what_was_skipped(apps, schema_editor):
    Schedule = apps.get_model("planner", "Schedule")
    ScheduleItem = apps.get_model("planner", "ScheduleItem")
    skipped = {
        str(pk) for pk in ScheduleItem.objects.filter(skipped=True).values_list("pk", flat=True)
    }
    for schedule in Schedule.objects.only("pk", "schedule_data").iterator():
        data = schedule.schedule_data or {}
        for day in data.get("days", []):
            for item in day.get("items", []):
                item["skipped"] = item.get("id") in skipped
        schedule.schedule_data = data
        schedule.save(update_fields=["schedule_data"])


def snapshots_without_skipped(apps, schema_editor):
    Schedule = apps.get_model("planner", "Schedule")
    for schedule in Schedule.objects.only("pk", "schedule_data").iterator():
        data = schedule.schedule_data or {}
        for day in data.get("days", []):
            for item in day.get("items", []):
                item.pop("skipped", None)
        schedule.schedule_data = data
        schedule.save(update_fields=["schedule_data"])


class Migration(migrations.Migration):
    dependencies = [("planner", "0002_living_with_the_schedule")]

    operations = [migrations.RunPython(snapshots_say_what_was_skipped, snapshots_without_skipped)]
