"""The family's lists of days off and carry-overs: paged, and only its own."""

import pytest

pytestmark = pytest.mark.django_db


def test_days_off_and_carry_overs_list_only_the_familys_own(
    auth_client, other_client, demo_family, at
):
    at(2026, 1, 6, 8, 0)  # Tuesday morning; Thursday becomes a day off
    added = auth_client.post("/api/family/days-off/", {"date": "2026-01-08"}, format="json")
    assert added.status_code == 201, added.json()
    days_off = auth_client.get("/api/family/days-off/").json()
    assert [d["date"] for d in days_off["results"]] == ["2026-01-08"]
    carry_overs = auth_client.get("/api/family/carry-overs/").json()
    assert [c["trigger"] for c in carry_overs["results"]] == ["day_off"]
    for url in ("/api/family/days-off/", "/api/family/carry-overs/"):
        assert other_client.get(url).json() == {
            "count": 0,
            "next": None,
            "previous": None,
            "results": [],
        }
