"""Children get a birth date (step 3 of 3): every child has one, and the stored
age is gone (the age is derived from the birth date)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("families", "0003_child_birth_date_from_age")]

    operations = [
        migrations.RemoveConstraint(model_name="child", name="child_age_2_to_18"),
        migrations.RemoveIndex(model_name="child", name="children_age_idx"),
        # Backwards, the column comes back empty and 0003 fills it.
        migrations.RemoveField(model_name="child", name="age"),
        migrations.AlterField(
            model_name="child",
            name="birth_date",
            field=models.DateField(help_text="The first of the month unless the precision is day."),
        ),
        migrations.AddIndex(
            model_name="child",
            index=models.Index(fields=["birth_date"], name="children_birth_date_idx"),
        ),
        migrations.AddConstraint(
            model_name="child",
            constraint=models.CheckConstraint(
                condition=models.Q(("birth_date_precision__in", ["day", "month", "approximate"])),
                name="child_birth_date_precision_valid",
            ),
        ),
    ]
