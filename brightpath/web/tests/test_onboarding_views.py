"""The onboarding page (views/onboarding.py) without a browser: what it gives the
wizard's script, and what a parent who already answered sees. The wizard itself
is tested in Chromium (test_wizard.py)."""

import copy
import json
import re

import pytest
from django.test import Client

from brightpath.families import services as family_services
from brightpath.families import vocabulary as v
from brightpath.families.models import Child
from brightpath.onboarding.selectors import questionnaire_export
from brightpath.onboarding.services import questionnaire_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def wizard_config(response) -> dict:
    match = re.search(
        r'<script id="wizard-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page carries the wizard's configuration"
    return json.loads(match.group(1))


def test_signed_out_goes_to_sign_in():
    response = Client().get("/onboarding/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_new_parent_gets_the_wizard_with_its_configuration(browser, user):
    response = browser.get("/onboarding/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="wizard"' in html
    assert "<noscript>" in html and "needs JavaScript" in html
    assert "web/wizard.js" in html and "web/wizard.css" in html

    config = wizard_config(response)
    assert config["familyKey"] == str(user.pk)
    assert config["submitted"] is None
    assert config["server"]["version"] == 0
    assert config["urls"]["submit"] == "/api/questionnaire/submit/"
    assert config["urls"]["drafts"] == "/api/questionnaire/drafts/"
    assert config["urls"]["childDrafts"] == "/api/questionnaire/drafts/children/"
    assert config["urls"]["week"] == "/week/"
    # The choices are the vocabulary's, not written again in the script.
    choices = config["choices"]
    assert [c["value"] for c in choices["commitmentFrequencies"]] == v.COMMITMENT_FREQUENCIES
    assert [c["value"] for c in choices["subjectFrequencies"]] == v.SUBJECT_FREQUENCIES
    assert [c["value"] for c in choices["parentInvolvement"]] == v.PARENT_INVOLVEMENT
    assert [c["value"] for c in choices["learningTimes"]] == v.LEARNING_TIMES
    assert [c["value"] for c in choices["flexibility"]] == v.SCHEDULING_FLEXIBILITY
    assert [c["value"] for c in choices["planningApproaches"]] == v.PLANNING_APPROACHES
    assert [c["value"] for c in choices["philosophies"]] == v.HOMESCHOOLING_PHILOSOPHIES
    assert [c["value"] for c in choices["schedulingStyles"]] == v.SCHEDULING_STYLES
    assert [c["value"] for c in choices["activityPreferences"]] == v.ACTIVITY_PREFERENCES
    assert choices["weekdays"][0] == "Monday" and len(choices["weekdays"]) == 7
    assert "America/New_York" in choices["timeZones"] and "UTC" in choices["timeZones"]
    assert not any(zone.startswith(("Etc/", "posix/", "right/")) for zone in choices["timeZones"])
    assert config["limits"]["slotMinutes"] == v.SLOT_MINUTES
    # Every default is a value the submission accepts.
    assert config["defaults"]["flexibility"] in v.SCHEDULING_FLEXIBILITY
    assert config["defaults"]["planningApproach"] in v.PLANNING_APPROACHES
    assert config["defaults"]["subject"]["frequency"] in v.SUBJECT_FREQUENCIES
    assert config["defaults"]["subject"]["parentInvolvement"] in v.PARENT_INVOLVEMENT
    assert config["defaults"]["commitment"]["frequency"] in v.COMMITMENT_FREQUENCIES


def test_the_page_carries_the_drafts_saved_to_the_account(browser, user):
    """Resume on another device: the server's drafts are in the page."""
    family_services.questionnaire_draft_save(
        user=user, section="section1", draft={"name": "The Okafors", "timeZone": "Europe/London"}
    )
    family_services.questionnaire_draft_save(
        user=user,
        section="section2",
        child_key="temp_child_a",
        draft={"name": "Ada", "birthDate": "2017-03-02"},
        status="complete",
    )
    config = wizard_config(browser.get("/onboarding/"))
    server = config["server"]
    assert server["version"] == 2
    assert server["drafts"]["section1"]["name"] == "The Okafors"
    assert server["drafts"]["children"]["temp_child_a"]["section2"]["name"] == "Ada"
    assert server["childrenProgress"][0]["childId"] == "temp_child_a"
    assert server["lastUpdated"]
    # A parent who only started drafting has a family row but has not answered yet.
    assert config["submitted"] is None
    assert config["defaultTimeZone"]


def test_a_parent_who_answered_is_told_so_with_links(browser, user, demo_submission):
    questionnaire_submit(user=user, data=demo_submission)
    response = browser.get("/onboarding/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your family is set up" in html
    assert 'href="/week/"' in html and 'href="/settings/"' in html
    assert 'href="/onboarding/?edit=1"' in html
    assert "Noah" in html and "Ava" in html
    assert 'id="wizard"' not in html


def test_changing_answers_starts_from_the_saved_ones_with_their_ids(browser, user, demo_submission):
    questionnaire_submit(user=user, data=demo_submission)
    config = wizard_config(browser.get("/onboarding/?edit=1"))
    submitted = config["submitted"]
    assert submitted == questionnaire_export(user=user)
    ids = {str(child.pk) for child in Child.objects.filter(family__owner=user)}
    assert {child["id"] for child in submitted["children"]} == ids
    assert all("id" in subject for subject in submitted["children"][0]["section4"]["subjects"])


def test_submitting_the_saved_answers_again_adds_no_child(user, demo_submission):
    """What the wizard sends when a parent changes answers: the export, with its ids.
    The service updates in place; nothing is duplicated."""
    questionnaire_submit(user=user, data=demo_submission)
    before = set(Child.objects.filter(family__owner=user).values_list("pk", flat=True))
    again = copy.deepcopy(questionnaire_export(user=user))
    again["children"][0]["section4"]["subjects"][0]["sessionDuration"] = 35
    questionnaire_submit(user=user, data=again)
    after = set(Child.objects.live().filter(family__owner=user).values_list("pk", flat=True))
    assert after == before
    noah = questionnaire_export(user=user)["children"][0]
    assert noah["section4"]["subjects"][0]["sessionDuration"] == 35


def test_a_parent_with_unsaved_changes_is_offered_to_continue(browser, user, demo_submission):
    questionnaire_submit(user=user, data=demo_submission)
    family_services.questionnaire_draft_save(
        user=user, section="section1", draft={"name": "Kim family", "timeZone": "America/New_York"}
    )
    html = browser.get("/onboarding/").content.decode()
    assert "Continue changing your answers" in html


def test_the_wizard_page_is_a_page_of_the_site(browser):
    """The page is a normal page of the site: the base template, the main landmark."""
    html = browser.get("/onboarding/").content.decode()
    assert '<main id="main">' in html
    assert "<h1" in html
