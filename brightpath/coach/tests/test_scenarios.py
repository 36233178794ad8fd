"""The shipped evaluation set: its shape, and the ranking's quality on the dev split.

The figures themselves (and the held-out split) are the benchmark's
(`python -m bench.memory`); this only guards the set and a floor.
"""

from brightpath.coach.memory.evaluation import evaluate, load_scenarios, when
from brightpath.coach.memory.retrieval import FULL, RECENCY_ONLY


def test_the_set_has_fifty_scenarios_in_two_splits_with_labels_that_were_said():
    scenarios = load_scenarios()
    assert len(scenarios) >= 50
    assert {s["split"] for s in scenarios} == {"dev", "heldout"}
    assert sum(s["split"] == "heldout" for s in scenarios) >= 15
    assert len({s["id"] for s in scenarios}) == len(scenarios)
    for scenario in scenarios:
        exchanges = scenario["exchanges"]
        assert 5 <= len(exchanges) <= 20, scenario["id"]
        times = [when(e["at"]) for e in exchanges]
        assert times == sorted(times)
        assert (times[-1] - times[0]).days >= 7, scenario["id"]  # weeks, not one sitting
        said = " ".join(e["teacher"].lower() for e in exchanges)
        assert scenario["questions"]
        for question in scenario["questions"]:
            assert when(question["at"]) > times[-1]
            assert question["expected"]
            for item in question["expected"] + question["stale"]:
                assert all(phrase in said for phrase in item), (scenario["id"], item)


def test_the_full_ranking_beats_recency_alone_on_the_dev_split():
    dev = [s for s in load_scenarios() if s["split"] == "dev"]
    report = evaluate(dev, {"full": FULL, "recency": RECENCY_ONLY})["dev"]
    full = report["rankings"]["full"]["recallAt5"]
    assert report["coverage"] >= 0.95
    assert full >= 0.85
    assert full > report["rankings"]["recency"]["recallAt5"]
