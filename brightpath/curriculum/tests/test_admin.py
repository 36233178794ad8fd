import pytest

from brightpath.curriculum.models import CatalogSubject

from .factories import CustomSubjectFactory, ResourceFactory, SubjectPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    custom = CustomSubjectFactory(name="Beekeeping")
    ResourceFactory(catalog_subject=custom, owner=custom.owner, title="Hive diagram")
    SubjectPlanFactory(
        catalog_subject=custom,
        name="Beekeeping",
        frequency="daily",
        is_core_subject=False,
        parent_involvement="independent",
    )
    return custom


@pytest.mark.parametrize(
    "query, shown, hidden",
    [("kind=standard", "Mathematics", "Beekeeping"), ("kind=custom", "Beekeeping", "Mathematics")],
)
def test_catalogue_filters_standard_and_custom(admin_client, catalogue, query, shown, hidden):
    response = admin_client.get(f"/admin/curriculum/catalogsubject/?{query}")
    assert response.status_code == 200
    assert shown in response.text
    assert f">{hidden}<" not in response.text


def test_catalogue_change_form_refuses_a_bad_colour(admin_client):
    maths = CatalogSubject.objects.get(name="Mathematics")
    response = admin_client.post(
        f"/admin/curriculum/catalogsubject/{maths.pk}/change/",
        {"name": "Mathematics", "description": "", "owner": "", "color": "blue", "icon": ""},
    )
    assert response.status_code == 200  # the form again, with the error
    maths.refresh_from_db()
    assert maths.color == "#4C6EF5"


@pytest.mark.parametrize(
    ("url", "row"),
    [
        ("/admin/curriculum/resource/", "Hive diagram"),
        ("/admin/curriculum/resource/?resource_type=website&is_public__exact=0", "Hive diagram"),
        ("/admin/curriculum/subject/", ">Beekeeping<"),
        ("/admin/curriculum/subject/?frequency=daily&is_core_subject__exact=0", ">Beekeeping<"),
        ("/admin/curriculum/subject/?parent_involvement=independent", ">Beekeeping<"),
    ],
)
def test_lists_render_with_filters(admin_client, catalogue, url, row):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert row in response.text


def test_subject_plans_are_read_only_in_the_admin(admin_client, catalogue):
    plan = catalogue.plans.get()
    response = admin_client.get(f"/admin/curriculum/subject/{plan.pk}/change/")
    assert response.status_code == 200
    assert 'name="_save"' not in response.text
    assert admin_client.get("/admin/curriculum/subject/add/").status_code == 403


def test_lesson_sequences_are_listed_with_their_lessons(admin_client, user):
    from brightpath.curriculum.services.lessons import LessonInput, lesson_sequence_create
    from brightpath.families.models import Family

    Family.objects.create(owner=user, name="Kims")
    sequence = lesson_sequence_create(user=user, name="Singapore 1A", lessons=[LessonInput("One")])
    assert "Singapore 1A" in admin_client.get("/admin/curriculum/lessonsequence/").content.decode()
    page = admin_client.get(f"/admin/curriculum/lessonsequence/{sequence.pk}/change/")
    assert page.status_code == 200 and "One" in page.content.decode()
