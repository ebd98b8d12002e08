"""The progressive plan (data/routine/progression.py), driven by a fake clock and lists of kept sessions."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from data.models import Routine, SessionRecord, Slot
from data.routine.catalog import CORE_CODES
from data.routine.profile import BodySide, Profile, SkinArea, SkinProblem, Zone
from data.routine.progression import (
    KEPT_SESSIONS,
    LEVELS,
    PLAN_DOC,
    TOP_LEVEL,
    Event,
    Level,
    PlanState,
    current_level,
    load_plan,
    plan_words,
    routine_for_level,
    save_plan,
    set_hold,
    slots_done,
    start_plan,
    step_back,
)
from data.routine.selection import build_routine
from tests.test_profile import FakeStore
from tests.test_selection_properties import assert_safe

# The answers of someone with nothing to leave out: unanswered questions now count as "maybe".
NO_RISKS = Profile(pregnant_or_maybe=False, foot_ulcer_or_charcot=False, numb_feet=False)

START = date(2026, 3, 2)


class FakeClock:
    """Today's date, moved on by hand; the plan never reads the real clock."""

    def __init__(self, today: date) -> None:
        self.today = today

    def advance(self, days: int) -> date:
        self.today += timedelta(days=days)
        return self.today


def week_of_sessions(first_day: date, count: int) -> list[tuple[date, Slot]]:
    """``count`` sessions spread over the 7 days from ``first_day``, mornings first."""
    slots = [(first_day + timedelta(days=d), slot) for slot in Slot for d in range(7)]
    return slots[:count]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def test_a_new_plan_starts_at_level_1_with_three_core_points_at_30_seconds(clock):
    plan = current_level(start_plan(clock.today), [], clock.today)
    assert plan.week == 1 and plan.level == LEVELS[0] and plan.news == ""
    routine = routine_for_level(build_routine(NO_RISKS), plan.level, NO_RISKS)
    assert [s.point_code for s in routine.steps] == list(CORE_CODES[:3])
    assert {s.seconds_per_side for s in routine.steps} == {30}
    assert plan_words(plan, routine) == "Week 1 of your plan: 3 points, 30 seconds each side."


def test_a_kept_week_moves_up_one_level(clock):
    state = start_plan(clock.today)
    done = week_of_sessions(START, KEPT_SESSIONS)
    assert current_level(state, done, clock.advance(6)).level.number == 1  # the week is not over yet
    plan = current_level(state, done, clock.advance(1))
    assert plan.week == 2 and plan.level.number == 2
    assert plan.news.startswith("Well done")
    routine = routine_for_level(build_routine(NO_RISKS), plan.level, NO_RISKS)
    assert plan_words(plan, routine) == "Week 2 of your plan: 4 points, 45 seconds each side."


def test_a_week_not_mostly_kept_stays_at_the_same_level(clock):
    state = start_plan(clock.today)
    plan = current_level(state, week_of_sessions(START, KEPT_SESSIONS - 1), clock.advance(7))
    assert plan.level.number == 1
    assert plan.state.history[-1].event is Event.STAYED
    assert "stays the same" in plan.news


def test_only_sessions_inside_the_week_count_and_each_slot_counts_once(clock):
    state = start_plan(clock.today)
    before = [(START - timedelta(days=1), Slot.MORNING)] * 5
    twice = week_of_sessions(START, KEPT_SESSIONS - 1) * 2
    assert current_level(state, before + twice, clock.advance(7)).level.number == 1


def test_reviews_happen_once_so_asking_again_changes_nothing(clock):
    state = start_plan(clock.today)
    done = week_of_sessions(START, 14)
    first = current_level(state, done, clock.advance(8))
    again = current_level(first.state, done, clock.today)
    assert again == first
    assert current_level(first.state, done + week_of_sessions(START + timedelta(days=7), 14),
                         clock.today).level.number == 2


def test_explicit_hold_stops_growth_until_resumed(clock):
    state = set_hold(start_plan(clock.today), True, clock.today)
    done = week_of_sessions(START, 14) + week_of_sessions(START + timedelta(days=7), 14)
    held = current_level(state, done, clock.advance(14))
    assert held.level.number == 1 and held.state.hold
    assert [e.event for e in held.state.history[-2:]] == [Event.HELD, Event.HELD]
    assert "on hold" in held.news
    assert plan_words(held, Routine(())).startswith("Week 3 of your plan (on hold)")
    resumed = set_hold(held.state, False, clock.today)
    done += week_of_sessions(clock.today, 14)
    assert current_level(resumed, done, clock.advance(7)).level.number == 2


def test_step_back_goes_down_and_waits_a_full_week_before_growing(clock):
    state = start_plan(clock.today)
    done = [s for w in range(6) for s in week_of_sessions(START + timedelta(weeks=w), 14)]
    plan = current_level(state, done, clock.advance(14))
    assert plan.level.number == 3
    back = step_back(plan.state, clock.advance(3))  # day 17, mid-week 3
    assert back.level == 2 and back.history[-1].event is Event.STEPPED_BACK
    assert current_level(back, done, clock.advance(4)).level.number == 2  # day 21: too soon
    assert current_level(back, done, clock.advance(7)).level.number == 3  # day 28: a full week at 2


def test_never_below_level_1(clock):
    state = start_plan(clock.today)
    assert not state.can_step_back
    assert step_back(state, clock.today) == state


def test_never_above_the_top_level(clock):
    state = start_plan(clock.today)
    weeks = TOP_LEVEL + 4
    done = [s for w in range(weeks) for s in week_of_sessions(START + timedelta(weeks=w), 14)]
    plan = current_level(state, done, clock.advance(7 * weeks))
    assert plan.level.number == TOP_LEVEL and plan.level == LEVELS[-1]
    assert plan.news == ""
    full = build_routine(replace(NO_RISKS, zones=frozenset({Zone.FINGERS})))
    routine = routine_for_level(full, plan.level, NO_RISKS)
    assert routine == full
    assert plan_words(plan, routine) == f"Week {weeks + 1} of your plan: your full routine, 7 points, 1 minute each side."


def test_a_long_break_does_not_grow_the_routine(clock):
    plan = current_level(start_plan(clock.today), [], clock.advance(35))
    assert plan.level.number == 1 and plan.week == 6
    assert plan.state.weeks_reviewed == 5


def test_a_date_before_the_start_is_week_1(clock):
    plan = current_level(start_plan(clock.today), [], clock.today - timedelta(days=3))
    assert plan.week == 1 and plan.state.weeks_reviewed == 0


def test_dates_not_datetimes(clock):
    with pytest.raises(TypeError):
        start_plan(datetime(2026, 3, 2, 8, 0))


def test_level_routine_still_obeys_safety():
    profile = Profile(
        zones=frozenset(Zone), pregnant_or_maybe=True, foot_ulcer_or_charcot=True, bleeding_risk=True,
        skin_problems=frozenset({SkinProblem(SkinArea.HAND, BodySide.LEFT)}),
    )
    unsafe_full = build_routine(Profile(zones=frozenset(Zone)))  # chosen before the answers changed
    for level in LEVELS:
        routine = routine_for_level(unsafe_full, level, profile)
        assert_safe(routine, profile)
        assert "LI4" not in {s.point_code for s in routine.steps}
    first = routine_for_level(unsafe_full, LEVELS[0], profile)
    # the best allowed points, hands and legs in turn (no foot point after an ulcer, none on the left hand)
    assert [s.point_code for s in first.steps] == ["LI11", "PC6", "ST36"]


def test_level_takes_core_points_first_but_keeps_the_routine_order():
    full = build_routine(replace(NO_RISKS, zones=frozenset({Zone.FINGERS})))
    moved = Routine(tuple(sorted(full.steps, key=lambda s: s.point_code not in {"PC6", "PC7"})))
    routine = routine_for_level(moved, Level(9, 4, 45), NO_RISKS)
    assert [s.point_code for s in routine.steps] == ["LI4", "LI11", "ST36", "GB34"]


def test_shorter_own_durations_are_kept_and_mixed_durations_say_up_to(clock):
    full = build_routine(NO_RISKS)
    mixed = Routine((replace(full.steps[0], seconds_per_side=20), *full.steps[1:]))
    plan = current_level(start_plan(clock.today), [], clock.today)
    routine = routine_for_level(mixed, plan.level, NO_RISKS)
    assert [s.seconds_per_side for s in routine.steps] == [20, 30, 30]
    assert plan_words(plan, routine) == "Week 1 of your plan: 3 points, up to 30 seconds each side."


def test_slots_done_counts_finished_sessions_by_day_and_slot():
    tz = timezone(timedelta(hours=1))

    def session(sid: str, hour: int, slot: Slot, finished: bool) -> SessionRecord:
        start = datetime(2026, 3, 2, hour, tzinfo=tz)
        return SessionRecord(sid, slot, start, start + timedelta(minutes=10), (), finished)

    records = [
        session("a", 8, Slot.MORNING, True),
        session("b", 9, Slot.MORNING, True),
        session("c", 19, Slot.EVENING, False),
    ]
    assert slots_done(records) == {(date(2026, 3, 2), Slot.MORNING)}


def test_plan_state_round_trips_through_the_store(clock):
    store = FakeStore()
    assert load_plan(store) is None
    state = step_back(current_level(start_plan(clock.today), week_of_sessions(START, 14),
                                    clock.advance(9)).state, clock.today)
    state = set_hold(state, True, clock.today)
    save_plan(store, state)
    assert PLAN_DOC in store.docs
    assert load_plan(store) == state


@pytest.mark.parametrize("change", [
    {"level": 0}, {"level": TOP_LEVEL + 1}, {"level": "2"}, {"hold": "no"}, {"start": "someday"},
    {"history": [{"on": "2026-03-02", "event": "jumped", "level": 1}]},
])
def test_unreadable_plan_raises(change, clock):
    doc = {**start_plan(clock.today).to_dict(), **change}
    with pytest.raises(ValueError):
        PlanState.from_dict(doc)
    with pytest.raises(ValueError):
        PlanState.from_dict({k: v for k, v in doc.items() if k != "level_since"})


def test_week_one_starts_with_the_best_point_for_each_symptom_area():
    from data.routine.profile import Zone

    profile = replace(NO_RISKS, zones=frozenset({Zone.FINGERS, Zone.SOLE}))
    full = build_routine(profile)
    first = routine_for_level(full, LEVELS[0], profile)
    codes = [s.point_code for s in first.steps]
    assert len(codes) == LEVELS[0].points
    assert {"PC6", "KI3"} <= set(codes)  # numb fingers and sole targeted from week 1
    assert len(set(codes) & set(CORE_CODES)) == 1
    assert codes == [s.point_code for s in full.steps if s.point_code in codes]  # routine order kept
