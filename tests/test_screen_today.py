"""Today's summary (data.screens.today): the words and choices of the home screen, from what is saved.

Uses the real store in a temporary folder; the time is passed in, never read from the clock.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from data.journal.sessions import SlotState, SlotStatus, save_session
from data.models import Routine, RoutineStep, SessionRecord, Side, Slot, StepResult
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.profile import BodySide, Profile, SkinArea, SkinProblem, Zone, put_off_setup
from data.routine.progression import finish_setup
from data.routine.saved import save_routine
from data.screens.today import date_words, status_words, today_summary
from data.storage.store import open_store

TZ = timezone(timedelta(hours=1))
MORNING = datetime(2026, 12, 1, 8, 30, tzinfo=TZ)  # a Tuesday
EVENING = datetime(2026, 12, 1, 19, 0, tzinfo=TZ)
SPLIT = time(14, 0)
BOTH = (Side.LEFT, Side.RIGHT)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def session(slot: Slot, start: datetime, done: int, of: int, finished: bool) -> SessionRecord:
    steps = tuple(StepResult("LI4", Side.LEFT, 60, 60 if i < done else 0, i < done) for i in range(of))
    return SessionRecord(f"{slot}-{done}", slot, start, start + timedelta(minutes=10), steps, finished)


def test_status_words_say_done_started_or_not_yet():
    assert status_words(SlotStatus(Slot.MORNING, SlotState.DONE, 6, 6)) == "Done. Well done!"
    assert status_words(SlotStatus(Slot.MORNING, SlotState.PARTLY, 2, 6)) == "Started: 2 of 6 steps done"
    assert status_words(SlotStatus(Slot.EVENING, SlotState.NOT_YET)) == "Not done yet"


def test_date_words_have_no_leading_zero():
    assert date_words(MORNING) == "Tuesday 1 December"
    assert date_words(datetime(2026, 11, 21, 9, tzinfo=TZ)) == "Saturday 21 November"


def test_first_visit_invites_setup_and_offers_the_starting_routine(store):
    today = today_summary(store, MORNING, "Next reminder: this evening at 19:00.", SPLIT)
    assert today.date_words == "Tuesday 1 December"
    assert today.next_reminder_words == "Next reminder: this evening at 19:00."
    assert today.invite_setup is True
    assert today.plan is None
    # Week 1 for unanswered questions: three core points, both sides 30 s each, 8 s to find each
    # point and 4 s to change sides: 216 s.
    assert (today.routine_size, today.minutes) == (3, 4)
    assert today.routine_words == "Your routine: 3 points, each side in turn, about 4 minutes."
    assert today.current is Slot.MORNING
    assert today.start_label == "Start morning session"
    assert [(c.slot, c.title, c.words, c.done, c.is_now) for c in today.slots] == [
        (Slot.MORNING, "Morning session", "Not done yet", False, True),
        (Slot.EVENING, "Evening session", "Not done yet", False, False),
    ]


def test_the_invitation_stops_once_put_off_or_answered(store, tmp_path):
    put_off_setup(store)
    assert today_summary(store, MORNING, "", SPLIT).invite_setup is False
    answered = open_store(tmp_path / "other")
    finish_setup(answered, Profile(), MORNING.date())
    assert today_summary(answered, MORNING, "", SPLIT).invite_setup is False


def test_the_current_slot_follows_the_day_split(store):
    assert today_summary(store, EVENING, "", SPLIT).current is Slot.EVENING
    late_split = today_summary(store, EVENING, "", time(20, 0))
    assert late_split.current is Slot.MORNING and late_split.start_label == "Start morning session"
    evening = today_summary(store, EVENING, "", SPLIT)
    assert [c.is_now for c in evening.slots] == [False, True]
    assert evening.start_label == "Start evening session"


def test_a_done_slot_offers_another_session_and_a_started_one_counts_steps(store):
    save_session(store, session(Slot.MORNING, MORNING - timedelta(minutes=30), 10, 10, True))
    save_session(store, session(Slot.EVENING, EVENING - timedelta(minutes=30), 2, 6, False))
    morning = today_summary(store, MORNING, "", SPLIT)
    assert morning.slots[0].words == "Done. Well done!" and morning.slots[0].done
    assert morning.start_label == "Start another session"
    evening = today_summary(store, EVENING, "", SPLIT)
    assert evening.slots[1].words == "Started: 2 of 6 steps done" and not evening.slots[1].done
    assert evening.start_label == "Start evening session"  # started is not done
    other_day = today_summary(store, MORNING + timedelta(days=1), "", SPLIT)
    assert [c.words for c in other_day.slots] == ["Not done yet", "Not done yet"]


def test_minutes_follow_the_routine_and_the_practice_pace(store):
    save_routine(store, Routine((RoutineStep("LI11", 120, BOTH), RoutineStep("GV14", 30, (Side.MIDDLE,)))))
    save_practice_settings(store, PracticeSettings(prepare_seconds=30, switch_seconds=30))
    today = today_summary(store, MORNING, "", SPLIT)
    # 2 x 120 + 30 pressing, 2 x 30 finding a point, 30 changing sides: 360 s.
    assert (today.routine_size, today.minutes) == (2, 6)
    assert today.routine_words == "Your routine: 2 points, each side in turn, about 6 minutes."
    save_routine(store, Routine((RoutineStep("GV14", 5, (Side.MIDDLE,)),)))
    save_practice_settings(store, PracticeSettings(prepare_seconds=0, switch_seconds=0))
    assert today_summary(store, MORNING, "", SPLIT).minutes == 1  # never "about 0 minutes"


def test_after_the_questions_today_shows_the_plan_level(store):
    finish_setup(store, Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=True),
                 date(2026, 12, 1))
    today = today_summary(store, MORNING, "", SPLIT)
    assert today.plan is not None
    assert today.plan.lines == ("Week 1 of your plan: 3 points, 30 seconds each side.",)
    assert today.plan.nothing_to_press == ()
    assert today.routine_size == 3
    assert today.routine_words.startswith("Your routine: 3 points, each side in turn, about ")
    assert today.start_label == "Start morning session"


def test_nothing_safe_to_press_means_no_start_button_and_the_reason(store):
    everywhere = frozenset(SkinProblem(area, BodySide.BOTH) for area in SkinArea)
    finish_setup(store, Profile(skin_problems=everywhere), MORNING.date())
    today = today_summary(store, MORNING, "", SPLIT)
    assert today.start_label is None
    assert today.routine_size == 0 and today.routine_words == ""
    assert today.plan is not None
    assert today.plan.nothing_to_press[0] == "Every point chosen for you is left out for your safety:"
    assert today.plan.lines == ("Week 1 of your plan: there are no points to press right now.",)


def test_the_foot_check_card_shows_when_it_is_on_and_not_done_today(store):
    from data.journal.footchecks import FootCheck, save_foot_check, save_setting
    from data.routine.profile import Cause, save_profile

    assert not today_summary(store, EVENING, "", SPLIT).foot_check_due  # nothing answered: not switched on
    save_profile(store, Profile(causes=frozenset({Cause.DIABETES})))
    assert today_summary(store, EVENING, "", SPLIT).foot_check_due
    save_foot_check(store, FootCheck("f", EVENING - timedelta(minutes=5), True))
    assert not today_summary(store, EVENING, "", SPLIT).foot_check_due  # done today
    assert today_summary(store, EVENING + timedelta(days=1), "", SPLIT).foot_check_due  # due again tomorrow
    save_setting(store, False, EVENING.date())
    assert not today_summary(store, EVENING + timedelta(days=1), "", SPLIT).foot_check_due  # switched off


def test_after_midnight_the_start_button_names_the_evening_whose_reminder_is_still_open(store):
    """Issue 9: at 00:05 after a 23:30 reminder the player saves the session for last evening: say so."""
    past_midnight = datetime(2026, 3, 3, 0, 5, tzinfo=MORNING.tzinfo)
    asked: list = []

    def evening_still_open(started_at, slot):
        asked.append((started_at, slot))
        return (started_at.date() - timedelta(days=1), Slot.EVENING)

    today = today_summary(store, past_midnight, "", SPLIT, evening_still_open)
    assert asked == [(past_midnight, Slot.MORNING)]
    assert today.start_label == "Start yesterday's evening session"
    nothing_open = today_summary(store, past_midnight, "", SPLIT, lambda at, slot: (at.date(), slot))
    assert nothing_open.start_label == "Start morning session"


@pytest.mark.parametrize("name, doc, words", [
    ("text_size", {"size": "huge"}, "your text size"),
    ("foot_check", {"on": "yes", "changed_on": "2026-12-01"}, "your choice to have the daily foot check on or off"),
])
def test_a_damaged_setting_is_kept_aside_said_once_on_today_and_its_default_used(store, name, doc, words):
    """Issue 10: like every other document, a damaged setting is moved aside and named, not silently ignored."""
    from data.journal.footchecks import load_setting
    from data.routine.text_size import TextSize, load_text_size

    store.put_doc(name, doc)
    assert load_text_size(store) is TextSize.NORMAL and load_setting(store) is None
    today = today_summary(store, MORNING, "", SPLIT)
    assert today.kept_aside is not None and any(words in line for line in today.kept_aside.lines)
    assert store.get_doc(name) is None and [e.name for e in store.quarantined()] == [name]
