from django.db import migrations

from brightpath.curriculum.standard_subjects import STANDARD_SUBJECTS


def load(apps, schema_editor):
    CatalogSubject = apps.get_model("curriculum", "CatalogSubject")
    for name, color, icon in STANDARD_SUBJECTS:
        CatalogSubject.objects.get_or_create(
            name=name, owner=None, defaults={"color": color, "icon": icon}
        )


def unload(apps, schema_editor):
    CatalogSubject = apps.get_model("curriculum", "CatalogSubject")
    names = [name for name, _, _ in STANDARD_SUBJECTS]
    CatalogSubject.objects.filter(owner=None, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
