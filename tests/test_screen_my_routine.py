"""My routine's summary and taps (data.screens.my_routine), on the real store in a temporary folder.

Each tap reads what is saved at the moment of the tap; the date is passed in, never read from the clock.
"""
from __future__ import annotations

import errno
import os
from dataclasses import replace
from datetime import date, timedelta

import pytest

import data.storage.files as files
from data.routine.catalog import CORE_CODES
from data.routine.profile import BodySide, Profile, SkinArea, SkinProblem, Zone
from data.routine.progression import PlanState, finish_setup, load_plan, personal_plan, save_plan
from data.routine.selection import RoutineEdits, load_edits, save_edits
from data.screens.my_routine import (
    Change,
    Recent,
    add_point,
    hold_plan,
    move_point,
    my_routine_summary,
    plan_glance,
    remove_point,
    set_seconds,
    step_back_plan,
)
from data.storage.save_errors import PHONE_FULL, attempt
from data.storage.store import open_store

DAY = date(2026, 3, 2)
PREGNANT_NUMB = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=True)
# The safety questions answered "no": the five core points, pressed as usual.
NOTHING_TO_WATCH = Profile(pregnant_or_maybe=False, bleeding_risk=False, foot_ulcer_or_charcot=False,
                           reduced_feeling=False)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


@pytest.fixture
def answered(store):
    finish_setup(store, NOTHING_TO_WATCH, DAY)
    return store


def codes(summary) -> list[str]:
    return [s.code for s in summary.steps]


def card_of(summary, code: str):
    return next(s for s in summary.steps if s.code == code)


def test_before_the_questions_the_starting_routine_is_read_only(store):
    summary = my_routine_summary(store, DAY, editing=True)
    assert summary.plan is None and summary.steps == () and summary.add is None
    # week 1 of the plan for unanswered questions: no LI4 or SP6 until pregnancy is answered
    assert [s.title for s in summary.starting] == ["1. LI11 Quchi", "2. ST36 Zusanli", "3. GB34 Yanglingquan"]
    assert summary.starting[0].lines == ("One of the five core points.", "30 seconds each side.")


def test_the_plan_card_says_the_level_and_how_it_grows(answered):
    plan = my_routine_summary(answered, DAY).plan
    assert plan is not None
    assert plan.lines == (
        "Week 1 of your plan: 3 points, 30 seconds each side.",
        "You start gently. Your routine grows a little after each week in which you do most of your sessions.",
    )
    assert (plan.hold, plan.level, plan.can_step_back) == (False, 1, False)


def test_hold_is_applied_to_the_saved_plan_once(answered):
    hold_plan(answered, DAY, True)
    plan = my_routine_summary(answered, DAY).plan
    assert plan.hold is True
    assert plan.lines[0] == "Week 1 of your plan (on hold): 3 points, 30 seconds each side."
    assert plan.lines[-1] == "Your plan is on hold: your routine keeps its size until you let it grow again."
    history = load_plan(answered).history
    hold_plan(answered, DAY, True)  # a second tap, or another tab: nothing more happens
    assert load_plan(answered).history == history
    hold_plan(answered, DAY, False)
    assert load_plan(answered).hold is False
    with pytest.raises(TypeError):
        hold_plan(answered, DAY, "yes")


def test_step_back_goes_down_one_level_however_often_it_is_tapped(answered):
    save_plan(answered, PlanState(DAY, 3, DAY))
    assert my_routine_summary(answered, DAY).plan.can_step_back
    step_back_plan(answered, DAY, 3)
    step_back_plan(answered, DAY, 3)  # a quick second tap on the same screen
    assert load_plan(answered).level == 2
    step_back_plan(answered, DAY, 2)
    plan = my_routine_summary(answered, DAY).plan
    assert (plan.level, plan.can_step_back) == (1, False)


def test_nothing_happens_to_a_plan_before_the_questions(store):
    hold_plan(store, DAY, True)
    step_back_plan(store, DAY, 2)
    assert load_plan(store) is None


def test_each_card_says_why_this_week_and_how_long(answered):
    summary = my_routine_summary(answered, DAY)
    assert codes(summary) == list(CORE_CODES)
    first = summary.steps[0]
    assert (first.title, first.place, first.surface) == ("1. LI4 Hegu", 0, "Back of the hand")
    assert first.illustration == "illustrations/LI4.svg"
    assert first.hold_words == "Hold: 1 minute each side"
    assert first.lines[0] == "One of the five core points."
    this_week = {s.point_code for s in personal_plan(answered, DAY).routine.steps}
    for card in summary.steps:
        if card.code in this_week:
            assert card.lines[1] == "This week: 30 seconds each side, as your plan builds up."
        else:
            assert card.lines[1] == "Not in this week's sessions yet: it joins as your plan grows."
    assert [(s.can_move_up, s.can_move_down) for s in (summary.steps[0], summary.steps[-1])] == [
        (False, True), (True, False)]


def test_hold_choices_step_through_the_durations_and_light_pressure_caps_them(answered, tmp_path):
    card = my_routine_summary(answered, DAY).steps[0]
    assert (card.shorter, card.longer) == (45, 90)
    set_seconds(answered, "LI4", 120)
    card = card_of(my_routine_summary(answered, DAY), "LI4")
    assert (card.shorter, card.longer, card.hold_words) == (90, None, "Hold: 2 minutes each side")
    set_seconds(answered, "LI4", 15)
    assert (card_of(my_routine_summary(answered, DAY), "LI4").shorter) is None

    light = open_store(tmp_path / "light")
    finish_setup(light, replace(NOTHING_TO_WATCH, bleeding_risk=True), DAY)
    summary = my_routine_summary(light, DAY)
    assert summary.pressure_note
    card = summary.steps[0]
    assert (card.shorter, card.longer) == (15, None)  # 30 s is the most with light pressure


def test_set_seconds_refuses_what_no_button_offers(answered):
    with pytest.raises(ValueError):
        set_seconds(answered, "LI4", 50)
    with pytest.raises(ValueError):
        set_seconds(answered, "LI4", True)
    with pytest.raises(KeyError):
        set_seconds(answered, "XX1", 60)
    assert load_edits(answered) == RoutineEdits()


def test_moving_swaps_with_the_neighbour_in_the_saved_order_and_says_where(answered):
    recent = move_point(answered, "LI11", -1)
    assert recent == Recent(Change.MOVED, "LI11", 0)
    assert load_edits(answered).order == ("LI11", "LI4", "ST36", "GB34", "SP6")
    summary = my_routine_summary(answered, DAY, recent)
    assert codes(summary)[:2] == ["LI11", "LI4"]
    assert summary.steps[0].lines[-1] == "Moved to place 1."
    # The next tap starts from what is saved now, not from an older screen.
    assert move_point(answered, "LI11", 1) == Recent(Change.MOVED, "LI11", 1)
    assert load_edits(answered).order[:2] == ("LI4", "LI11")


def test_a_move_past_either_end_or_of_an_absent_point_changes_nothing(answered):
    assert move_point(answered, "LI4", -1) is None
    assert move_point(answered, "SP6", 1) is None
    assert move_point(answered, "PC6", 1) is None
    assert load_edits(answered) == RoutineEdits()
    with pytest.raises(ValueError):
        move_point(answered, "LI11", -2)


def test_removing_leaves_a_notice_where_the_card_was_and_putting_back_restores_it(answered):
    recent = remove_point(answered, "ST36", 2)
    assert recent == Recent(Change.REMOVED, "ST36", 2)
    summary = my_routine_summary(answered, DAY, recent)
    assert "ST36" not in codes(summary)
    assert summary.removed.code == "ST36" and summary.removed.place == 2
    assert summary.removed.words == "ST36 Zusanli is taken out of your routine."
    back = add_point(answered, "ST36")
    summary = my_routine_summary(answered, DAY, back)
    assert summary.removed is None
    assert card_of(summary, "ST36").lines[-1] == "Added to your routine."


def test_a_removed_notice_never_sits_past_the_last_card(answered):
    for code in ("LI4", "LI11", "ST36", "GB34"):
        remove_point(answered, code, 0)
    summary = my_routine_summary(answered, DAY, Recent(Change.REMOVED, "GB34", 3))
    assert summary.removed.place == 1


def test_the_add_section_lists_taken_out_points_first_then_the_others_and_what_cannot_be_added(store):
    finish_setup(store, PREGNANT_NUMB, DAY)
    remove_point(store, "KI3", 0)
    assert my_routine_summary(store, DAY).add is None  # only while editing
    add = my_routine_summary(store, DAY, editing=True).add
    assert add.choices[0].code == "KI3" and add.choices[0].can_add
    assert add.choices[0].words == "You took this point out of your routine. You can add it back at any time."
    assert add.choices[0].title.startswith("KI3 Taixi: ")
    assert "LI4 Hegu cannot be added: it is not used in pregnancy." in add.cannot_add
    assert "SP6 Sanyinjiao cannot be added: it is not used in pregnancy." in add.cannot_add
    in_routine = set(codes(my_routine_summary(store, DAY)))
    assert not in_routine & {c.code for c in add.choices}


def test_the_point_just_added_leaves_a_note_in_the_add_section(answered):
    recent = add_point(answered, "PC6")
    summary = my_routine_summary(answered, DAY, recent, editing=True)
    note = next(c for c in summary.add.choices if c.code == "PC6")
    assert not note.can_add
    assert note.words == f"PC6 Neiguan is now in your routine, at place {codes(summary).index('PC6') + 1}."


def test_add_refuses_a_code_the_catalog_does_not_have(answered):
    with pytest.raises(KeyError):
        add_point(answered, "NOPE")
    with pytest.raises(KeyError):
        remove_point(answered, "NOPE", 0)
    assert load_edits(answered) == RoutineEdits()


def test_refusals_are_said_once_on_the_card_or_with_the_changes_that_could_not_be_made(store):
    finish_setup(store, Profile(pregnant_or_maybe=True,
                                skin_problems=frozenset({SkinProblem(SkinArea.HAND, BodySide.LEFT)})), DAY)
    save_edits(store, RoutineEdits(added=("HT7", "SP6")))
    summary = my_routine_summary(store, DAY)
    assert summary.other_refusals == ("SP6 Sanyinjiao cannot be added: it is not used in pregnancy.",)
    ht7 = card_of(summary, "HT7")
    # The card already says which side is used, so the "is added, but" refusal is not repeated.
    assert ht7.lines[0].startswith("Added by you. Only your right hand is used")
    assert not any("is added, but" in line for line in ht7.lines)


def test_taking_every_point_out_says_there_is_nothing_to_press(answered):
    for code in CORE_CODES:
        remove_point(answered, code, 0)
    summary = my_routine_summary(answered, DAY)
    assert summary.steps == ()
    assert summary.nothing_to_press == (
        "You took every point out of your routine. You can add points back in My routine.",)


def test_plan_glance_adds_this_weeks_news(answered):
    hold_plan(answered, DAY, True)
    glance = plan_glance(personal_plan(answered, DAY + timedelta(days=8)))
    assert glance.lines == ("Week 2 of your plan (on hold): 3 points, 30 seconds each side.",
                            "Your plan is on hold, so your routine stays as it is.")
    assert glance.nothing_to_press == ()


def test_an_area_left_with_no_point_is_said_with_its_reason(store):
    """Pregnant with a foot ulcer: the sole and toes get no point, and My routine says why."""
    finish_setup(store, Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE, Zone.TOES}), pregnant_or_maybe=True,
                                foot_ulcer_or_charcot=True), DAY)
    summary = my_routine_summary(store, DAY)
    assert summary.steps  # the fingers still have points
    assert [line.split(":")[0] for line in summary.uncovered] == ["Sole of the foot", "Toes"]
    assert all("no point" in line and "ulcer" in line.lower() for line in summary.uncovered)


def test_every_area_with_a_point_says_nothing(answered):
    assert my_routine_summary(answered, DAY).uncovered == ()


# --- issue 10: a save that fails says so and changes nothing ------------------------------------------


def phone_full(monkeypatch) -> None:
    """Every write to the store fails as on a full phone: the atomic write's fsync raises ENOSPC."""
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", no_space)


@pytest.mark.parametrize("tap", [
    lambda s: move_point(s, "ST36", -1),
    lambda s: remove_point(s, "ST36", 1),
    lambda s: add_point(s, "HT7"),
    lambda s: set_seconds(s, "ST36", 90),
    lambda s: hold_plan(s, DAY, True),
    lambda s: step_back_plan(s, DAY + timedelta(days=7), 2),
], ids=["move", "remove", "add", "hold time", "hold plan", "step back"])
def test_every_tap_on_a_full_phone_says_so_and_changes_nothing(answered, monkeypatch, tap):
    save_plan(answered, PlanState(DAY, 2, DAY))
    before = answered.export_all()
    shown = my_routine_summary(answered, DAY, editing=True)
    phone_full(monkeypatch)
    saved = attempt(lambda: tap(answered))
    assert (saved.ok, saved.problem) == (False, PHONE_FULL)
    monkeypatch.undo()
    assert answered.export_all() == before
    assert my_routine_summary(answered, DAY, editing=True) == shown
    assert attempt(lambda: tap(answered)).ok  # space freed: the same tap works


def test_the_points_heading_counts_the_cards_or_the_starting_points(store):
    assert my_routine_summary(store, DAY).points_heading == "Your points (3)"  # the starting routine
    finish_setup(store, NOTHING_TO_WATCH, DAY)
    summary = my_routine_summary(store, DAY)
    assert summary.points_heading == f"Your points ({len(summary.steps)})" == "Your points (5)"
    remove_point(store, "ST36", 1)
    assert my_routine_summary(store, DAY).points_heading == "Your points (4)"


# --- Tender spots (issue 12) ---------------------------------------------------------------------


def test_my_routine_lists_the_spots_pressed_after_the_points_and_the_ones_left_out(store):
    from data.models import Region, Side
    from data.routine.spots import add_spot
    from data.screens.my_routine import NO_SPOTS, SOME_SPOTS

    assert my_routine_summary(store, DAY).spots is None  # before the questions no spot can be marked
    legs = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=False, bleeding_risk=False,
                   foot_ulcer_or_charcot=False, reduced_feeling=False, numb_feet=False)
    finish_setup(store, legs, DAY)
    empty = my_routine_summary(store, DAY).spots
    assert (empty.heading, empty.cards, empty.words) == ("Your tender spots (0)", (), NO_SPOTS)
    add_spot(store, "Sore spot", Region.FOREARM, Side.LEFT, legs, DAY)
    add_spot(store, "Hot patch", Region.SOLE, Side.RIGHT, legs, DAY)
    spots = my_routine_summary(store, DAY).spots
    assert spots.heading == "Your tender spots (2)" and spots.words == SOME_SPOTS
    sore, patch = spots.cards
    assert (sore.title, sore.pressed) == ("Sore spot (left forearm)", True)
    assert sore.lines == ("Pressed after your points, 30 seconds.",)  # the plan's week-1 hold
    assert patch.title == "Hot patch (right sole)" and patch.pressed
    # Then the person tells of a foot ulcer: the foot spot waits, with the reason, like a foot point.
    finish_setup(store, replace(legs, foot_ulcer_or_charcot=True), DAY)
    sore, patch = my_routine_summary(store, DAY).spots.cards
    assert sore.pressed and not patch.pressed
    assert patch.lines[0].startswith("Not pressed now: ") and "ulcer" in patch.lines[0]
    assert patch.lines[0].endswith(".")


def test_a_spot_on_numb_feet_says_to_press_lightly(store):
    from data.models import Region, Side
    from data.routine.spots import add_spot

    unsure = Profile(zones=frozenset({Zone.SOLE}), pregnant_or_maybe=False, bleeding_risk=False,
                     reduced_feeling=False)  # the foot-ulcer question not answered yet
    finish_setup(store, unsure, DAY)
    add_spot(store, "Hot patch", Region.SOLE, Side.RIGHT, unsure, DAY)
    (patch,) = my_routine_summary(store, DAY).spots.cards
    assert patch.pressed and len(patch.lines) >= 3
    assert any("lightly" in line for line in patch.lines[1:])
    assert any("foot ulcer" in line for line in patch.lines[1:])  # the caution while unanswered
