"""Children get a birth date (step 1 of 3): the new columns, empty for now, and
the age column may be empty (so that step 3 can be undone before step 2 refills it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("families", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="child", name="age", field=models.PositiveSmallIntegerField(null=True)
        ),
        migrations.AddField(
            model_name="child",
            name="birth_date",
            field=models.DateField(
                null=True, help_text="The first of the month unless the precision is day."
            ),
        ),
        migrations.AddField(
            model_name="child",
            name="birth_date_precision",
            field=models.CharField(
                choices=[
                    ("day", "Full date"),
                    ("month", "Month and year"),
                    ("approximate", "Estimated from an age"),
                ],
                default="day",
                max_length=12,
            ),
        ),
    ]
