import uuid

import pytest

from brightpath.curriculum.models import CatalogSubject, Resource

from .factories import CustomSubjectFactory, ResourceFactory, SubjectPlanFactory

pytestmark = pytest.mark.django_db

LIST = "/api/subjects/"


def detail(subject) -> str:
    return f"/api/subjects/{subject.pk}/"


def names(response) -> list[str]:
    return [row["name"] for row in response.data["results"]]


class TestList:
    def test_standard_and_own_custom_not_another_users(self, auth_client, user, standard_count):
        CustomSubjectFactory(owner=user, name="Beekeeping")
        CustomSubjectFactory(name="Someone else's Pottery")
        response = auth_client.get(LIST)
        assert response.status_code == 200
        assert response.data["count"] == standard_count + 1
        assert "Beekeeping" in names(response)
        assert "Mathematics" in names(response)
        assert "Someone else's Pottery" not in names(response)

    def test_rows_are_camel_case_and_say_which_are_standard(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user, name="Beekeeping", color="#AABBCC", icon="bee")
        rows = {row["name"]: row for row in auth_client.get(LIST).data["results"]}
        assert rows["Beekeeping"] == {
            "id": str(mine.pk),
            "name": "Beekeeping",
            "description": "",
            "color": "#AABBCC",
            "icon": "bee",
            "isStandard": False,
            "createdAt": rows["Beekeeping"]["createdAt"],
        }
        assert rows["Mathematics"]["isStandard"] is True

    def test_sorted_by_name_ignoring_case(self, auth_client, user):
        CustomSubjectFactory(owner=user, name="ancient Greek")
        listed = names(auth_client.get(LIST))
        assert listed == sorted(listed, key=str.lower)
        assert listed[0] == "ancient Greek"

    def test_search_by_part_of_the_name_any_case(self, auth_client, user):
        CustomSubjectFactory(owner=user, name="Chemistry lab")
        CustomSubjectFactory(name="Chemistry for others")
        response = auth_client.get(LIST, {"search": "CHEM"})
        assert names(response) == ["Chemistry lab"]

    def test_paginated(self, auth_client, standard_count):
        response = auth_client.get(LIST, {"pageSize": 5, "page": 2})
        assert response.data["count"] == standard_count
        assert len(response.data["results"]) == 5
        assert response.data["previous"] and response.data["next"]

    def test_needs_authentication(self, api_client):
        response = api_client.get(LIST)
        assert response.status_code == 401
        assert response.data["error"]["code"] == "not_authenticated"

    @pytest.mark.parametrize("custom_subjects", [1, 12])
    def test_query_count_does_not_grow_with_rows(
        self, auth_client, user, custom_subjects, standard_count, django_assert_num_queries
    ):
        CustomSubjectFactory.create_batch(custom_subjects, owner=user)
        # the user (JWT), the count, the page
        with django_assert_num_queries(3):
            response = auth_client.get(LIST)
        assert len(response.data["results"]) == standard_count + custom_subjects


class TestCreate:
    def test_creates_a_custom_subject(self, auth_client, user):
        response = auth_client.post(
            LIST,
            {"name": "  Beekeeping ", "description": "Hives", "color": "#aabbcc", "icon": "bee"},
            format="json",
        )
        assert response.status_code == 201
        assert response.data["name"] == "Beekeeping"
        assert response.data["isStandard"] is False
        subject = CatalogSubject.objects.get(pk=response.data["id"])
        assert (subject.owner, subject.description, subject.color) == (user, "Hives", "#aabbcc")

    def test_optional_fields_have_defaults(self, auth_client):
        response = auth_client.post(LIST, {"name": "Chess"}, format="json")
        assert response.status_code == 201
        assert response.data["color"] == "#4C6EF5"
        assert response.data["description"] == response.data["icon"] == ""

    @pytest.mark.parametrize("name", ["mathematics", "MATHEMATICS ", "Reading"])
    def test_name_of_a_standard_subject_is_400_on_name(self, auth_client, name):
        response = auth_client.post(LIST, {"name": name}, format="json")
        assert response.status_code == 400
        assert response.data["error"]["code"] == "validation_error"
        assert "already in the catalogue" in response.data["error"]["fields"]["name"][0]
        assert not CatalogSubject.objects.filter(owner__isnull=False).exists()

    def test_name_of_own_custom_subject_is_400_on_name(self, auth_client, user):
        CustomSubjectFactory(owner=user, name="Beekeeping")
        response = auth_client.post(LIST, {"name": "BEEKEEPING"}, format="json")
        assert response.status_code == 400
        assert "already in the catalogue" in response.data["error"]["fields"]["name"][0]
        assert CatalogSubject.objects.filter(owner=user).count() == 1

    def test_another_users_custom_name_is_free(self, auth_client, user):
        CustomSubjectFactory(name="Beekeeping")
        response = auth_client.post(LIST, {"name": "Beekeeping"}, format="json")
        assert response.status_code == 201

    @pytest.mark.parametrize("color", ["red", "#12345", "#1234567", "#GGGGGG", "123456", ""])
    def test_bad_colour_is_400_on_color(self, auth_client, color):
        response = auth_client.post(LIST, {"name": "Chess", "color": color}, format="json")
        assert response.status_code == 400
        assert list(response.data["error"]["fields"]) == ["color"]
        assert not CatalogSubject.objects.filter(name="Chess").exists()

    def test_missing_name_is_400_on_name(self, auth_client):
        response = auth_client.post(LIST, {"color": "#123456"}, format="json")
        assert response.status_code == 400
        assert "name" in response.data["error"]["fields"]


class TestDetail:
    def test_standard_subject(self, auth_client, maths):
        response = auth_client.get(detail(maths))
        assert response.status_code == 200
        assert response.data["name"] == "Mathematics"
        assert response.data["isStandard"] is True

    def test_own_custom_subject(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user)
        response = auth_client.get(detail(mine))
        assert response.status_code == 200
        assert response.data["id"] == str(mine.pk)

    def test_another_users_custom_subject_is_404(self, auth_client):
        theirs = CustomSubjectFactory()
        response = auth_client.get(detail(theirs))
        assert response.status_code == 404
        assert response.data["error"]["code"] == "not_found"
        assert theirs.name not in str(response.content)

    def test_unknown_id_is_404(self, auth_client):
        response = auth_client.get(f"/api/subjects/{uuid.uuid4()}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


class TestUpdate:
    def test_replaces_own_custom_subject(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user, name="Chess", icon="knight")
        body = {"name": "Chess club", "description": "Fridays", "color": "#00FF00", "icon": "rook"}
        response = auth_client.put(detail(mine), body, format="json")
        assert response.status_code == 200
        assert response.data["name"] == "Chess club"
        mine.refresh_from_db()
        assert (mine.name, mine.description, mine.color, mine.icon) == (
            "Chess club",
            "Fridays",
            "#00FF00",
            "rook",
        )

    def test_keeping_its_own_name_in_another_case_is_fine(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user, name="Chess")
        response = auth_client.put(detail(mine), {"name": "CHESS"}, format="json")
        assert response.status_code == 200
        assert response.data["name"] == "CHESS"

    def test_standard_subject_is_403_in_the_error_shape(self, auth_client, maths):
        response = auth_client.put(detail(maths), {"name": "Maths"}, format="json")
        assert response.status_code == 403
        assert response.data["error"]["code"] == "permission_denied"
        assert response.data["error"]["message"] == "Standard subjects are read-only."
        maths.refresh_from_db()
        assert maths.name == "Mathematics"

    def test_standard_subject_is_403_even_with_a_bad_body(self, auth_client, maths):
        response = auth_client.put(detail(maths), {"color": "nope"}, format="json")
        assert response.status_code == 403

    def test_another_users_custom_subject_is_404(self, auth_client):
        theirs = CustomSubjectFactory(name="Pottery")
        response = auth_client.put(detail(theirs), {"name": "Mine now"}, format="json")
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.name == "Pottery"

    def test_renaming_onto_a_taken_name_is_400_on_name(self, auth_client, user):
        CustomSubjectFactory(owner=user, name="Beekeeping")
        chess = CustomSubjectFactory(owner=user, name="Chess")
        for taken in ("beekeeping", "Science"):
            response = auth_client.put(detail(chess), {"name": taken}, format="json")
            assert response.status_code == 400
            assert "already in the catalogue" in response.data["error"]["fields"]["name"][0]
        chess.refresh_from_db()
        assert chess.name == "Chess"

    def test_bad_colour_is_400_on_color(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user)
        response = auth_client.put(detail(mine), {"name": "X", "color": "#12"}, format="json")
        assert response.status_code == 400
        assert list(response.data["error"]["fields"]) == ["color"]


class TestDelete:
    def test_deletes_own_custom_subject_and_its_resources(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user)
        ResourceFactory(catalog_subject=mine, owner=user)
        response = auth_client.delete(detail(mine))
        assert response.status_code == 204
        assert not CatalogSubject.objects.filter(pk=mine.pk).exists()
        assert not Resource.objects.exists()

    def test_subject_plans_linked_to_it_keep_living_unlinked(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user, name="Beekeeping")
        plan = SubjectPlanFactory(child__family__owner=user, catalog_subject=mine)
        response = auth_client.delete(detail(mine))
        assert response.status_code == 204
        plan.refresh_from_db()
        assert plan.catalog_subject is None
        assert plan.name == "Beekeeping"

    def test_standard_subject_is_403(self, auth_client, maths):
        response = auth_client.delete(detail(maths))
        assert response.status_code == 403
        assert response.data["error"]["code"] == "permission_denied"
        assert CatalogSubject.objects.filter(pk=maths.pk).exists()

    def test_another_users_custom_subject_is_404(self, auth_client):
        theirs = CustomSubjectFactory()
        response = auth_client.delete(detail(theirs))
        assert response.status_code == 404
        assert CatalogSubject.objects.filter(pk=theirs.pk).exists()
