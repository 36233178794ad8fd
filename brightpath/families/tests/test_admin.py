import pytest

from brightpath.accounts.models import User
from brightpath.onboarding.services import questionnaire_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo_submission):
    operator = User.objects.create_superuser("ops@example.com", "Ops-passw0rd!", name="Ops")
    questionnaire_submit(user=operator, data=demo_submission)
    client.force_login(operator)
    return client


@pytest.mark.parametrize(
    ("url", "expected", "absent"),
    [
        ("/admin/families/family/?philosophy=charlotte_mason", "Sarah Kim", None),
        ("/admin/families/family/?philosophy=classical", "0 families", "Sarah Kim"),
        ("/admin/families/child/?best_time=early_morning", "Ava", "Noah"),
        ("/admin/families/questionnairesession/", "submitted", None),
    ],
)
def test_admin_lists_and_jsonb_filters(admin_client, url, expected, absent):
    page = admin_client.get(url).content.decode()
    assert expected in page
    if absent:
        assert absent not in page.split('id="result_list"')[-1]
