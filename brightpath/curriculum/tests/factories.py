import datetime as dt

import factory

from brightpath.accounts.tests.factories import UserFactory
from brightpath.curriculum.models import CatalogSubject, Resource


class CustomSubjectFactory(factory.django.DjangoModelFactory):
    """A user's custom catalogue subject (standard ones come from the data migration)."""

    class Meta:
        model = CatalogSubject

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Custom subject {n}")
    color = "#123ABC"
    icon = "star"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    catalog_subject = factory.LazyFunction(lambda: CatalogSubject.objects.get(name="Mathematics"))
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = "https://example.com/resource"
    resource_type = "website"
    is_public = False


class _FamilyFactory(factory.django.DjangoModelFactory):
    # Minimal family for a subject plan; families' own factories belong in that app.
    class Meta:
        model = "families.Family"

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Family {n}")


class _ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "families.Child"

    family = factory.SubFactory(_FamilyFactory)
    name = factory.Sequence(lambda n: f"Child {n}")
    birth_date = dt.date(2017, 9, 1)  # 8 in January 2026


class SubjectPlanFactory(factory.django.DjangoModelFactory):
    """A child's subject plan (curriculum.Subject)."""

    class Meta:
        model = "curriculum.Subject"

    child = factory.SubFactory(_ChildFactory)
    name = factory.LazyAttribute(lambda o: o.catalog_subject.name if o.catalog_subject else "Art")
    catalog_subject = None
    session_duration = 30
    frequency = "daily"
    parent_involvement = "independent"
    interest_level = 3
