"""A child's `derivedInsights` (seed 000): what the answers imply for planning.

Pure functions of the submission; recomputed on every submit.
"""

from statistics import mean

# (maximum age, attention span label, minutes of continuous work before a break)
# The break limits are the scheduler's: 30 minutes up to 6, 60 at 7-10, 90 from 11.
_ATTENTION = [
    (6, "15-30_minutes", 30, "10_minutes"),
    (10, "30-45_minutes", 60, "10_minutes"),
    (13, "45-60_minutes", 90, "15_minutes"),
    (18, "60-90_minutes", 90, "15_minutes"),
]

INTEREST_CLUSTERS: dict[str, set[str]] = {
    "STEM": {
        "mathematics",
        "math",
        "science",
        "computer science",
        "coding",
        "engineering",
        "technology",
        "chemistry",
        "physics",
        "biology",
        "logic",
    },
    "Language Arts": {
        "reading",
        "phonics",
        "writing",
        "handwriting",
        "spelling",
        "grammar",
        "literature",
        "poetry",
        "copywork",
        "composition",
    },
    "Humanities": {
        "history",
        "geography",
        "social studies",
        "civics",
        "bible",
        "economics",
        "philosophy",
    },
    "Arts": {
        "art",
        "music",
        "piano",
        "drawing",
        "painting",
        "drama",
        "crafts",
        "dance",
        "violin",
        "guitar",
    },
    "Nature & Outdoors": {"nature study", "gardening", "outdoor play", "botany"},
    "Movement": {"physical education", "pe", "sports", "swimming", "gymnastics", "health"},
    "World Languages": {
        "spanish",
        "french",
        "latin",
        "german",
        "mandarin",
        "chinese",
        "japanese",
        "sign language",
    },
}

# Section 7.3 activity preference -> learning modality.
_MODALITY = {
    "experiments": "hands_on",
    "arts_crafts": "hands_on",
    "nature_exploration": "experiential",
    "textbooks_worksheets": "reading_writing",
    "research_projects": "reading_writing",
    "memorization": "auditory",
    "discussions": "auditory",
}

_BREAK_ACTIVITIES = {
    True: ["physical_movement", "snack", "outdoor_play"],  # young children
    False: ["physical_movement", "snack", "free_reading"],
}


def attention(age: int) -> tuple[str, int, str]:
    """(attention span label, continuous-work limit in minutes, break length label)."""
    for max_age, label, limit, break_length in _ATTENTION:
        if age <= max_age:
            return label, limit, break_length
    raise ValueError(f"age out of range: {age}")


def interest_clusters(subjects: list[dict]) -> list[dict]:
    clusters = []
    for cluster, names in INTEREST_CLUSTERS.items():
        members = [s for s in subjects if _in_cluster(s["name"], names)]
        if members:
            clusters.append(
                {
                    "name": cluster,
                    "subjects": [s["name"] for s in members],
                    "averageInterest": round(mean(s["interestLevel"] for s in members), 2),
                }
            )
    return sorted(clusters, key=lambda c: (-c["averageInterest"], c["name"]))


def _in_cluster(subject_name: str, names: set[str]) -> bool:
    """Matches whole words or pairs of words: "Piano Practice" is Arts because "piano" is."""
    words = subject_name.strip().casefold().split()
    pairs = {" ".join(pair) for pair in zip(words, words[1:], strict=False)}
    phrases = {" ".join(words)} | set(words) | pairs
    return bool(phrases & names)


def preferred_modality(activity_preferences: dict[str, int]) -> str:
    if not activity_preferences:
        return "mixed"
    best = max(activity_preferences.values())
    modalities = {_MODALITY[k] for k, rating in activity_preferences.items() if rating == best}
    return modalities.pop() if len(modalities) == 1 else "mixed"


def derived_insights(
    *, age: int, subjects: list[dict], activity_preferences: dict[str, int]
) -> dict:
    span, limit, break_length = attention(age)
    return {
        "attentionSpan": span,
        "preferredLearningModality": preferred_modality(activity_preferences),
        "interestClusters": interest_clusters(subjects),
        "recommendedBreaks": {
            "frequency": f"every_{limit}_minutes",
            "duration": break_length,
            "activities": _BREAK_ACTIVITIES[age <= 8],
        },
    }
