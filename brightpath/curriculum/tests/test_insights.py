"""A child's derivedInsights: attention span and breaks by age, interest clusters, modality."""

import pytest

from brightpath.curriculum.insights import (
    attention,
    derived_insights,
    interest_clusters,
    preferred_modality,
)


def subject(name: str, interest: int) -> dict:
    return {"name": name, "interestLevel": interest}


@pytest.mark.parametrize(
    ("age", "span", "frequency", "duration"),
    [
        (2, "15-30_minutes", "every_30_minutes", "10_minutes"),
        (6, "15-30_minutes", "every_30_minutes", "10_minutes"),
        (7, "30-45_minutes", "every_60_minutes", "10_minutes"),
        (10, "30-45_minutes", "every_60_minutes", "10_minutes"),
        (11, "45-60_minutes", "every_90_minutes", "15_minutes"),
        (13, "45-60_minutes", "every_90_minutes", "15_minutes"),
        (14, "60-90_minutes", "every_90_minutes", "15_minutes"),
        (18, "60-90_minutes", "every_90_minutes", "15_minutes"),
    ],
)
def test_attention_span_and_break_limit_by_age(age, span, frequency, duration):
    insights = derived_insights(age=age, subjects=[], activity_preferences={})
    assert insights["attentionSpan"] == span
    assert insights["recommendedBreaks"]["frequency"] == frequency
    assert insights["recommendedBreaks"]["duration"] == duration


@pytest.mark.parametrize(("age", "limit"), [(6, 30), (7, 60), (10, 60), (11, 90)])
def test_break_limit_in_minutes_at_the_boundaries(age, limit):
    assert attention(age)[1] == limit


def test_break_activities_for_young_and_older_children():
    young = derived_insights(age=8, subjects=[], activity_preferences={})
    older = derived_insights(age=9, subjects=[], activity_preferences={})
    assert "outdoor_play" in young["recommendedBreaks"]["activities"]
    assert "free_reading" in older["recommendedBreaks"]["activities"]


def test_age_outside_the_questionnaire_range_is_refused():
    with pytest.raises(ValueError):
        attention(19)


class TestInterestClusters:
    def test_clusters_with_average_interest_best_first(self):
        subjects = [
            subject("Mathematics", 3),
            subject("Reading", 5),
            subject("Writing", 2),
            subject("Science", 5),
            subject("History", 4),
            subject("Spanish", 2),
            subject("Art", 5),
            subject("Nature Study", 4),
        ]
        assert interest_clusters(subjects) == [
            {"name": "Arts", "subjects": ["Art"], "averageInterest": 5},
            # Ties on the average are ordered by name.
            {"name": "Humanities", "subjects": ["History"], "averageInterest": 4},
            {"name": "Nature & Outdoors", "subjects": ["Nature Study"], "averageInterest": 4},
            {"name": "STEM", "subjects": ["Mathematics", "Science"], "averageInterest": 4},
            {"name": "Language Arts", "subjects": ["Reading", "Writing"], "averageInterest": 3.5},
            {"name": "World Languages", "subjects": ["Spanish"], "averageInterest": 2},
        ]

    def test_average_is_rounded_to_two_places(self):
        subjects = [subject("Math", 4), subject("Physics", 5), subject("Coding", 5)]
        # (4 + 5 + 5) / 3 = 4.666...
        assert interest_clusters(subjects) == [
            {"name": "STEM", "subjects": ["Math", "Physics", "Coding"], "averageInterest": 4.67}
        ]

    def test_names_match_whatever_their_case_and_spacing(self):
        clusters = interest_clusters([subject("  READING ", 4), subject("phonics", 2)])
        assert clusters == [
            {"name": "Language Arts", "subjects": ["  READING ", "phonics"], "averageInterest": 3}
        ]

    def test_subjects_outside_every_cluster_make_none(self):
        assert interest_clusters([subject("Lego Robotics Club", 5)]) == []
        assert interest_clusters([]) == []

    def test_insights_carry_the_clusters(self):
        insights = derived_insights(
            age=10, subjects=[subject("Science", 5), subject("Biology", 4)], activity_preferences={}
        )
        assert insights["interestClusters"] == [
            {"name": "STEM", "subjects": ["Science", "Biology"], "averageInterest": 4.5}
        ]


class TestModality:
    @pytest.mark.parametrize(
        ("activity", "modality"),
        [
            ("experiments", "hands_on"),
            ("arts_crafts", "hands_on"),
            ("nature_exploration", "experiential"),
            ("textbooks_worksheets", "reading_writing"),
            ("research_projects", "reading_writing"),
            ("memorization", "auditory"),
            ("discussions", "auditory"),
        ],
    )
    def test_single_top_rated_activity_decides(self, activity, modality):
        ratings = {"experiments": 1, "nature_exploration": 1, "discussions": 1, activity: 5}
        assert preferred_modality(ratings) == modality

    def test_single_winner_among_many_ratings(self):
        ratings = {"experiments": 5, "discussions": 4, "textbooks_worksheets": 2}
        assert preferred_modality(ratings) == "hands_on"

    def test_top_activities_of_one_modality_are_not_a_tie(self):
        ratings = {"memorization": 5, "discussions": 5, "experiments": 4}
        assert preferred_modality(ratings) == "auditory"

    def test_tie_between_modalities_is_mixed(self):
        ratings = {"nature_exploration": 5, "experiments": 5, "discussions": 4}
        assert preferred_modality(ratings) == "mixed"

    def test_no_ratings_is_mixed(self):
        assert preferred_modality({}) == "mixed"
        insights = derived_insights(age=7, subjects=[], activity_preferences={})
        assert insights["preferredLearningModality"] == "mixed"
