"""The self-care guide a person is shown follows their answers (data/screens/reading.py)."""
from datetime import datetime, timezone

from data.journal.checkins import new_id
from data.journal.questionnaires import MnsiAnswers, save_mnsi
from data.routine.profile import Profile, save_profile
from data.screens.reading import self_care_guide
from data.storage.store import open_store


def titles(store) -> list[str]:
    return [t.title for t in self_care_guide(store)]


def test_walking_advice_gives_way_to_offloading_with_a_foot_ulcer(tmp_path):
    store = open_store(tmp_path / "d")
    assert "Keep moving" in titles(store)  # no answers yet: the general guide
    save_profile(store, Profile(foot_ulcer_or_charcot=True))
    assert "Keep moving" not in titles(store)
    assert "Moving with a foot ulcer or Charcot foot" in titles(store)


def test_an_open_sore_reported_in_the_questionnaire_counts_too(tmp_path):
    store = open_store(tmp_path / "d")
    save_profile(store, Profile(foot_ulcer_or_charcot=False))
    answers = {n: False for n in range(1, 16)}
    answers[8] = True  # "Have you ever had an open sore on your foot?"
    save_mnsi(store, MnsiAnswers(new_id(), datetime(2026, 11, 30, 9, tzinfo=timezone.utc), answers))
    assert "Moving with a foot ulcer or Charcot foot" in titles(store)
