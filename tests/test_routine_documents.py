"""A plan, routine-edits or saved-routine document that is valid JSON but wrong inside (issue 10).

Each is read with its strict check (data/routine/progression.read_plan, selection.read_edits,
data/routine/saved.read_routine); what the check refuses is set aside in the store's
quarantine (kept, never deleted), reads as absent, and Today says once what was kept aside,
while Today, My routine, the player's routine and Points all work with the defaults.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time as clock_time, timedelta, timezone

import pytest

from data.exports.backup import make_backup, validate_backup
from data.routine.profile import Profile, Zone
from data.routine.progression import (
    PLAN_DOC,
    PlanState,
    current_routine,
    finish_setup,
    load_plan,
    personal_plan,
    read_plan,
    routine_before_answers,
    starting_routine,
)
from data.routine.saved import ROUTINE_DOC
from data.routine.selection import EDITS_DOC, RoutineEdits, load_edits, read_edits
from data.screens.my_routine import hold_plan, my_routine_summary, remove_point
from data.screens.points import mine, point_detail, points_summary
from data.screens.today import KEPT_ASIDE_START, today_summary
from data.storage.store import open_store

DAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
ANSWERS = Profile(zones=frozenset({Zone.FINGERS}), pregnant_or_maybe=False, bleeding_risk=False,
                  foot_ulcer_or_charcot=False, reduced_feeling=False)
GOOD_PLAN = {"start": "2026-03-02", "level": 1, "level_since": "2026-03-02", "hold": False,
             "weeks_reviewed": 0, "history": [{"on": "2026-03-02", "event": "started", "level": 1}]}

DAMAGED_PLANS = {
    "level as text": {**GOOD_PLAN, "level": "2"},
    "level out of range": {**GOOD_PLAN, "level": 9},
    "hold as text": {**GOOD_PLAN, "hold": "yes"},
    "start a number": {**GOOD_PLAN, "start": 5},
    "start in year 1": {**GOOD_PLAN, "start": "0001-01-01", "level_since": "0001-01-01"},
    "start in 2099": {**GOOD_PLAN, "start": "2099-01-01", "level_since": "2099-01-01"},
    "weeks reviewed 10**12": {**GOOD_PLAN, "weeks_reviewed": 10**12},
    "weeks reviewed below 0": {**GOOD_PLAN, "weeks_reviewed": -1},
    "level since before start": {**GOOD_PLAN, "level_since": "2026-02-01"},
    "unknown event": {**GOOD_PLAN, "history": [{"on": "2026-03-02", "event": "bogus", "level": 1}]},
    "event level out of range": {**GOOD_PLAN, "history": [{"on": "2026-03-02", "event": "started", "level": 99}]},
    "history a dict": {**GOOD_PLAN, "history": {"on": "2026-03-02"}},
    "history of lists": {**GOOD_PLAN, "history": [[1]]},
    "missing level": {k: v for k, v in GOOD_PLAN.items() if k != "level"},
    "unknown key": {**GOOD_PLAN, "extra": 1},
    "a list inside": {**GOOD_PLAN, "start": ["2026-03-02"]},
}
DAMAGED_EDITS = {
    "added as text": {"added": "LI4"},
    "unknown code added": {"added": ["XX99"]},
    "unknown code timed": {"seconds": {"XX": 30}},
    "seconds 10**12": {"seconds": {"LI11": 10**12}},
    "seconds below 0": {"seconds": {"LI11": -5}},
    "seconds as text": {"seconds": {"LI11": "60"}},
    "seconds a fraction": {"seconds": {"LI11": 1.5}},
    "seconds true": {"seconds": {"LI11": True}},
    "seconds a list": {"seconds": ["LI11"]},
    "order of numbers": {"order": [1, 2]},
    "removed a dict": {"removed": {"a": 1}},
    "unknown key": {"bogus": []},
    "too many": {"order": ["LI11"] * 501},
}


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


@pytest.fixture
def answered(store):
    finish_setup(store, ANSWERS, DAY)
    return store


def every_screen_works(store) -> None:
    """Today, My routine (and its editing part), the player's routine and Points all give their summaries."""
    routine = current_routine(store, DAY)
    assert routine.steps
    today = today_summary(store, NOW, "", clock_time(13))
    assert today.routine_size == len(routine.steps) and today.start_label
    summary = my_routine_summary(store, DAY, editing=True)
    assert summary.steps and summary.points_heading == f"Your points ({len(summary.steps)})"
    assert points_summary(mine(store, DAY)).rows
    assert point_detail(store, DAY, "LI4") is not None


def told_once_on_today(store, words: str) -> None:
    """The damaged document is in the quarantine and Today names it once, then not again."""
    kept = today_summary(store, NOW, "", clock_time(13)).kept_aside
    assert kept is not None and kept.lines[0] == KEPT_ASIDE_START and words in kept.lines, kept
    store.mark_told(kept.ids)
    assert today_summary(store, NOW, "", clock_time(13)).kept_aside is None


@pytest.mark.timeout(60)  # a plan from year 1 used to take minutes to review
@pytest.mark.parametrize("doc", DAMAGED_PLANS.values(), ids=DAMAGED_PLANS.keys())
def test_a_damaged_plan_is_set_aside_and_a_new_plan_starts(answered, doc):
    answered.put_doc(PLAN_DOC, doc)
    every_screen_works(answered)
    entries = answered.quarantined()
    assert [(e.kind, e.name) for e in entries] == [("document", PLAN_DOC)]
    assert "not in the app's format" in entries[0].why
    assert load_plan(answered, DAY) == PlanState(DAY, 1, DAY, history=GOOD_PLAN_HISTORY)  # started afresh today
    told_once_on_today(answered, "your weekly plan")


GOOD_PLAN_HISTORY = PlanState.from_dict(GOOD_PLAN).history


@pytest.mark.parametrize("doc", DAMAGED_EDITS.values(), ids=DAMAGED_EDITS.keys())
def test_damaged_routine_edits_are_set_aside_and_the_chosen_routine_is_used(answered, doc):
    chosen = current_routine(answered, DAY)
    answered.put_doc(EDITS_DOC, doc)
    every_screen_works(answered)
    assert current_routine(answered, DAY) == chosen
    assert load_edits(answered) == RoutineEdits()
    assert [(e.kind, e.name) for e in answered.quarantined()] == [("document", EDITS_DOC)]
    told_once_on_today(answered, "your changes to your routine")


@pytest.mark.parametrize("doc", [{}, {"steps": "garbage"}, {"steps": [], "pressure_note": 5},
                                 {"steps": [{"point_code": "XX1", "seconds_per_side": 5, "sides": ["left"],
                                             "reason": ""}], "pressure_note": ""}])
def test_a_damaged_saved_routine_is_set_aside_and_the_starting_routine_played(store, doc):
    store.put_doc(ROUTINE_DOC, doc)
    assert routine_before_answers(store) == starting_routine() == current_routine(store, DAY)
    assert today_summary(store, NOW, "", clock_time(13)).routine_size == len(starting_routine().steps)
    assert my_routine_summary(store, DAY).points_heading == f"Your points ({len(starting_routine().steps)})"
    assert [(e.kind, e.name) for e in store.quarantined()] == [("document", ROUTINE_DOC)]
    told_once_on_today(store, "your saved routine")


def test_a_tap_on_damaged_edits_sets_them_aside_and_makes_the_change_from_none(answered):
    answered.put_doc(EDITS_DOC, {"seconds": {"LI11": "60"}})
    remove_point(answered, "LI11", 0)
    assert load_edits(answered) == RoutineEdits(removed=frozenset({"LI11"}))
    assert [(e.kind, e.name) for e in answered.quarantined()] == [("document", EDITS_DOC)]


def test_a_tap_on_a_damaged_plan_sets_it_aside_and_starts_one_today(answered):
    answered.put_doc(PLAN_DOC, {**GOOD_PLAN, "level": "3"})
    hold_plan(answered, DAY + timedelta(days=2), True)
    plan = load_plan(answered, DAY)
    assert plan.hold and plan.start == DAY + timedelta(days=2)
    assert [(e.kind, e.name) for e in answered.quarantined()] == [("document", PLAN_DOC)]


def test_a_plan_started_within_a_year_of_a_clock_set_back_is_kept(answered):
    """A wrong clock must never take the plan out of use: only days no clock could give are refused."""
    later = {**GOOD_PLAN, "start": "2026-09-01", "level_since": "2026-09-01", "history": []}
    answered.put_doc(PLAN_DOC, later)
    assert personal_plan(answered, DAY).plan.state.start == date(2026, 9, 1)
    assert answered.quarantined() == []


def test_read_plan_and_read_edits_say_what_is_wrong():
    with pytest.raises(ValueError, match="start must be between 2000 and today"):
        read_plan({**GOOD_PLAN, "start": "1999-12-31", "level_since": "1999-12-31"}, DAY)
    with pytest.raises(ValueError, match="weeks_reviewed must be at most 1"):
        read_plan({**GOOD_PLAN, "weeks_reviewed": 2}, DAY)
    assert read_plan(GOOD_PLAN, DAY) == PlanState.from_dict(GOOD_PLAN)
    with pytest.raises(ValueError, match="unknown point 'XX1'"):
        read_edits({"removed": ["XX1"]})
    assert read_edits({"seconds": {"LI11": 90}}) == RoutineEdits(seconds={"LI11": 90})


def test_the_backup_uses_the_same_checks(answered):
    """One check: a plan the app refuses is refused by a restore too, with the same words."""
    raw = make_backup(answered, NOW)
    validate_backup(raw, now=NOW)  # the app's own plan passes
    answered.put_doc(PLAN_DOC, {**GOOD_PLAN, "level": 9})
    with pytest.raises(ValueError, match="level must be 1-5"):
        read_plan(answered.get_doc(PLAN_DOC), DAY)
    damaged = json.loads(raw)
    damaged["data"]["docs"][PLAN_DOC] = {**GOOD_PLAN, "level": 9}
    with pytest.raises(ValueError, match="level must be 1-5"):
        validate_backup(json.dumps(damaged).encode(), now=NOW)
