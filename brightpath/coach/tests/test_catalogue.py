"""The starter catalogue: loaded by a command, idempotent, an operator's edits kept."""

import copy

import pytest
from django.core.management import CommandError, call_command

from brightpath.coach import catalogue
from brightpath.coach.models import AssistantCapability, AssistantProfile, SubjectCategory
from brightpath.coach.services.catalogue import catalogue_load
from brightpath.common.errors import Invalid

pytestmark = pytest.mark.django_db


def test_the_command_loads_subjects_assistants_and_their_capabilities(capsys):
    call_command("coach_catalogue")
    assert "7 created" in capsys.readouterr().out
    shipped = catalogue.shipped()
    assert AssistantProfile.objects.filter(owner__isnull=True).count() == len(shipped["assistants"])
    biology = SubjectCategory.objects.get(name="Biology")
    assert (biology.path, biology.level, biology.parent.name) == ("science/biology", 1, "Science")
    quiz = AssistantProfile.objects.get(name="Quiz Builder")
    assert [c.name for c in quiz.capabilities.order_by("priority")] == [
        "quiz_generation",
        "rubric_building",
    ]
    capability = quiz.capabilities.get(name="quiz_generation")
    assert capability.parameters["template"] == "quiz"
    assert "quiz" in capability.parameters["keywords"]
    science = AssistantProfile.objects.get(name="Science Lab Partner")
    assert list(science.subjects.values_list("name", flat=True)) == ["Science"]
    assert science.configuration["gradeBand"] == {"from": "3", "to": "8"}


def test_loading_twice_changes_nothing():
    catalogue_load()
    before = sorted(AssistantCapability.objects.values_list("id", "name", "priority"))
    counts = catalogue_load()
    assert counts["created"] == 0 and counts["unchanged"] == 7
    assert sorted(AssistantCapability.objects.values_list("id", "name", "priority")) == before


def test_an_operators_edit_is_kept_unless_forced():
    catalogue_load()
    edited = AssistantProfile.objects.get(name="Math Coach")
    edited.description = "Our district's math coach."
    edited.save()
    counts = catalogue_load()
    assert counts["kept"] == ["Math Coach"]
    edited.refresh_from_db()
    assert edited.description == "Our district's math coach."
    catalogue_load(force=True)
    edited.refresh_from_db()
    assert edited.description != "Our district's math coach."


def test_a_shipped_change_reaches_an_unedited_assistant():
    catalogue_load()
    data = copy.deepcopy(catalogue.shipped())
    data["assistants"][0]["description"] = "Plans lessons, now even better."
    counts = catalogue_load(data=data)
    assert counts["updated"] == 1
    assert AssistantProfile.objects.get(name=data["assistants"][0]["name"]).description == (
        "Plans lessons, now even better."
    )


def _band(d):
    d["assistants"][0].update(gradeBand={"from": "9", "to": "3"})


def _template(d):
    d["capabilities"]["quiz_generation"]["parameters"].update(template="x")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["assistants"][0].update(name="   "), "assistants[0].name"),
        (lambda d: d["assistants"][0].update(temperature=3), "assistants[0].temperature"),
        (_band, "assistants[0].gradeBand.to"),
        (lambda d: d["assistants"][0]["capabilities"].append("x"), "assistants[0].capabilities[4]"),
        (_template, "capabilities.quiz_generation.parameters.template"),
        (lambda d: d["subjects"][1].update(parent="Nowhere"), "subjects[1].parent"),
    ],
)
def test_bad_catalogue_data_is_refused_and_nothing_is_written(change, path):
    data = copy.deepcopy(catalogue.shipped())
    change(data)
    with pytest.raises(Invalid) as error:
        catalogue_load(data=data)
    assert path in error.value.fields
    assert not AssistantProfile.objects.exists()


def test_the_command_reports_bad_data(monkeypatch):
    monkeypatch.setattr(catalogue, "shipped", lambda: {"assistants": [{"name": ""}]})
    with pytest.raises(CommandError, match="Bad catalogue data"):
        call_command("coach_catalogue")
