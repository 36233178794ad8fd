import pytest

from brightpath.curriculum.models import Resource

from .factories import CustomSubjectFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def resources_of(subject) -> str:
    return f"/api/subjects/{subject.pk}/resources/"


def resource_url(resource) -> str:
    return f"/api/resources/{resource.pk}/"


def titles(response) -> list[str]:
    return [row["title"] for row in response.data["results"]]


def new_resource(**overrides) -> dict:
    return {
        "title": "Khan Academy fractions",
        "description": "Short videos",
        "url": "https://www.khanacademy.org/math/fractions",
        "resourceType": "video",
        "isPublic": False,
        **overrides,
    }


class TestList:
    def test_own_and_public_visible_private_of_others_not(self, auth_client, user, maths):
        ResourceFactory(catalog_subject=maths, owner=user, title="My worksheet")
        ResourceFactory(catalog_subject=maths, owner=user, title="My shared", is_public=True)
        ResourceFactory(catalog_subject=maths, title="Their public", is_public=True)
        ResourceFactory(catalog_subject=maths, title="Their private")
        response = auth_client.get(resources_of(maths))
        assert response.status_code == 200
        assert titles(response) == ["My shared", "My worksheet", "Their public"]

    def test_only_resources_of_that_subject(self, auth_client, user, maths):
        ResourceFactory(catalog_subject=maths, owner=user, title="Fractions")
        reading = maths.__class__.objects.get(name="Reading")
        ResourceFactory(catalog_subject=reading, owner=user, title="Phonics cards")
        assert titles(auth_client.get(resources_of(maths))) == ["Fractions"]

    def test_rows_are_camel_case_and_say_whose(self, auth_client, user, maths):
        mine = ResourceFactory(catalog_subject=maths, owner=user, title="Mine")
        ResourceFactory(catalog_subject=maths, title="Theirs", is_public=True)
        rows = {row["title"]: row for row in auth_client.get(resources_of(maths)).data["results"]}
        assert rows["Mine"] == {
            "id": str(mine.pk),
            "subjectId": str(maths.pk),
            "title": "Mine",
            "description": "",
            "url": "https://example.com/resource",
            "resourceType": "website",
            "isPublic": False,
            "isMine": True,
            "defaultLessons": [],
            "createdAt": rows["Mine"]["createdAt"],
        }
        assert rows["Theirs"]["isMine"] is False

    def test_own_custom_subject_resources(self, auth_client, user):
        mine = CustomSubjectFactory(owner=user)
        ResourceFactory(catalog_subject=mine, owner=user, title="Hive diagram")
        assert titles(auth_client.get(resources_of(mine))) == ["Hive diagram"]

    def test_another_users_custom_subject_is_404_even_for_public_resources(self, auth_client):
        theirs = CustomSubjectFactory()
        ResourceFactory(catalog_subject=theirs, owner=theirs.owner, is_public=True)
        response = auth_client.get(resources_of(theirs))
        assert response.status_code == 404
        assert response.data["error"]["code"] == "not_found"

    def test_paginated(self, auth_client, user, maths):
        ResourceFactory.create_batch(3, catalog_subject=maths, owner=user)
        response = auth_client.get(resources_of(maths), {"pageSize": 2})
        assert response.data["count"] == 3
        assert len(response.data["results"]) == 2
        assert response.data["next"]

    @pytest.mark.parametrize("rows", [1, 10])
    def test_query_count_does_not_grow_with_rows(
        self, auth_client, user, other_user, maths, rows, django_assert_num_queries
    ):
        ResourceFactory.create_batch(rows, catalog_subject=maths, owner=user)
        ResourceFactory.create_batch(rows, catalog_subject=maths, owner=other_user, is_public=True)
        # the user (JWT), the subject, the count, the page
        with django_assert_num_queries(4):
            response = auth_client.get(resources_of(maths))
        assert len(response.data["results"]) == 2 * rows


class TestCreate:
    def test_adds_a_resource_to_a_standard_subject(self, auth_client, user, maths):
        response = auth_client.post(resources_of(maths), new_resource(), format="json")
        assert response.status_code == 201
        assert response.data["subjectId"] == str(maths.pk)
        assert response.data["resourceType"] == "video"
        assert response.data["isMine"] is True
        resource = Resource.objects.get(pk=response.data["id"])
        assert (resource.owner, resource.catalog_subject, resource.is_public) == (
            user,
            maths,
            False,
        )

    def test_public_resource_is_seen_by_other_users(self, auth_client, other_client, maths):
        auth_client.post(resources_of(maths), new_resource(isPublic=True), format="json")
        response = other_client.get(resources_of(maths))
        assert titles(response) == ["Khan Academy fractions"]
        assert response.data["results"][0]["isMine"] is False

    def test_private_resource_is_not_seen_by_other_users(self, auth_client, other_client, maths):
        auth_client.post(resources_of(maths), new_resource(), format="json")
        assert titles(other_client.get(resources_of(maths))) == []

    def test_url_and_description_are_optional(self, auth_client, maths):
        body = {"title": "Life of Fred", "resourceType": "book"}
        response = auth_client.post(resources_of(maths), body, format="json")
        assert response.status_code == 201
        assert response.data["url"] == ""

    @pytest.mark.parametrize(
        "url", ["ftp://example.com/file", "javascript:alert(1)", "example.com", "not a url"]
    )
    def test_url_must_be_http_or_https(self, auth_client, maths, url):
        response = auth_client.post(resources_of(maths), new_resource(url=url), format="json")
        assert response.status_code == 400
        assert list(response.data["error"]["fields"]) == ["url"]
        assert not Resource.objects.exists()

    def test_resource_type_from_the_list(self, auth_client, maths):
        response = auth_client.post(
            resources_of(maths), new_resource(resourceType="podcast"), format="json"
        )
        assert response.status_code == 400
        assert list(response.data["error"]["fields"]) == ["resourceType"]

    def test_title_is_required(self, auth_client, maths):
        response = auth_client.post(resources_of(maths), new_resource(title=""), format="json")
        assert response.status_code == 400
        assert "title" in response.data["error"]["fields"]

    def test_another_users_custom_subject_is_404(self, auth_client):
        theirs = CustomSubjectFactory()
        response = auth_client.post(resources_of(theirs), new_resource(), format="json")
        assert response.status_code == 404
        assert not Resource.objects.exists()


class TestUpdateDelete:
    def test_owner_replaces_their_resource(self, auth_client, user, maths):
        mine = ResourceFactory(catalog_subject=maths, owner=user, title="Old")
        body = new_resource(title="New", isPublic=True, resourceType="article")
        response = auth_client.put(resource_url(mine), body, format="json")
        assert response.status_code == 200
        assert response.data["title"] == "New"
        mine.refresh_from_db()
        assert (mine.title, mine.is_public, mine.resource_type) == ("New", True, "article")
        assert mine.catalog_subject == maths

    def test_bad_url_on_update_is_400_and_saves_nothing(self, auth_client, user, maths):
        mine = ResourceFactory(catalog_subject=maths, owner=user, title="Old")
        response = auth_client.put(
            resource_url(mine), new_resource(title="New", url="ftp://x.org/a"), format="json"
        )
        assert response.status_code == 400
        assert list(response.data["error"]["fields"]) == ["url"]
        mine.refresh_from_db()
        assert mine.title == "Old"

    def test_owner_deletes_their_resource(self, auth_client, user, maths):
        mine = ResourceFactory(catalog_subject=maths, owner=user)
        assert auth_client.delete(resource_url(mine)).status_code == 204
        assert not Resource.objects.filter(pk=mine.pk).exists()

    @pytest.mark.parametrize("is_public", [False, True])
    def test_someone_elses_resource_is_404_even_if_public(self, auth_client, maths, is_public):
        theirs = ResourceFactory(catalog_subject=maths, title="Theirs", is_public=is_public)
        put = auth_client.put(resource_url(theirs), new_resource(title="Mine"), format="json")
        delete = auth_client.delete(resource_url(theirs))
        assert (put.status_code, delete.status_code) == (404, 404)
        assert put.data["error"]["code"] == "not_found"
        theirs.refresh_from_db()
        assert theirs.title == "Theirs"
