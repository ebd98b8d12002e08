"""Today's routine as the screens get it (data.routine.progression.current_routine) and the helpers around it.

Uses the real store in a temporary folder, with dates passed in, never the clock.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pytest

from data.journal.sessions import save_session
from data.models import Routine, RoutineStep, SessionRecord, Side, Slot
from data.routine.catalog import CORE_CODES
from data.routine.profile import (
    BodySide,
    Profile,
    SkinArea,
    SkinProblem,
    Zone,
    has_profile,
    put_off_setup,
    save_profile,
    setup_put_off,
)
from data.routine.progression import (
    KEPT_SESSIONS,
    PLAN_DOC,
    current_routine,
    finish_setup,
    load_plan,
    personal_plan,
    starting_routine,
)
from data.routine.saved import load_routine, save_routine
from data.routine.selection import RoutineEdits, ruled_out_choices, save_edits, symptom_areas
from data.storage.store import open_store

# The answers of someone with nothing to leave out: unanswered questions now count as "maybe".
NO_RISKS = Profile(pregnant_or_maybe=False, foot_ulcer_or_charcot=False, numb_feet=False)

DAY = date(2026, 3, 2)
PREGNANT_NUMB = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=True)
SKIN_EVERYWHERE = replace(NO_RISKS, skin_problems=frozenset(SkinProblem(a, BodySide.BOTH) for a in SkinArea))


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def codes(routine: Routine) -> list[str]:
    return [s.point_code for s in routine.steps]


def keep_sessions(store, first_day: date, count: int) -> None:
    tz = timezone(timedelta(hours=1))
    for i in range(count):
        slot = Slot.MORNING if i % 2 == 0 else Slot.EVENING
        start = datetime.combine(first_day + timedelta(days=i // 2), time(8 if slot is Slot.MORNING else 19), tz)
        save_session(store, SessionRecord(f"s{i}", slot, start, start + timedelta(minutes=10), (), True))


def test_without_answers_the_starting_routine_is_played_and_no_plan_starts(store):
    """One starting routine: week 1 for unanswered questions, the same as after skipping them all."""
    start = current_routine(store, DAY)
    assert start == starting_routine()
    assert codes(start) == ["LI11", "ST36", "GB34"]  # no LI4 or SP6 while pregnancy is unanswered
    assert {s.seconds_per_side for s in start.steps} == {30}
    assert personal_plan(store, DAY) is None
    assert store.get_doc(PLAN_DOC) is None
    finish_setup(store, Profile(), DAY)  # every question skipped: the same points and holds
    assert current_routine(store, DAY).steps == start.steps


def test_without_answers_a_saved_routine_is_played_as_saved_within_the_safety_rules(store):
    saved = Routine((RoutineStep("LI11", 2, (Side.LEFT, Side.RIGHT)), RoutineStep("GV14", 2, (Side.MIDDLE,))))
    save_routine(store, saved)
    assert current_routine(store, DAY) == saved == load_routine(store)  # short holds are kept


def test_a_legacy_routine_never_plays_a_point_the_unanswered_safety_questions_rule_out(store):
    """Issue 10: a routine saved before the safety answers existed passes the same rules (enforce_safety)."""
    saved = Routine((
        RoutineStep("LI4", 2, (Side.LEFT, Side.RIGHT)),  # forbidden while pregnancy is not answered
        RoutineStep("KI3", 120, (Side.RIGHT,)),  # a foot point: 30 s at most, only the side saved
        RoutineStep("GV14", 2, (Side.MIDDLE,)),
        RoutineStep("SP6", 60, (Side.LEFT, Side.RIGHT)),
    ), pressure_note="Press gently.")
    save_routine(store, saved)
    played = current_routine(store, DAY)
    assert codes(played) == ["KI3", "GV14"]
    ki3, gv14 = played.steps
    assert ki3.sides == (Side.RIGHT,) and ki3.seconds_per_side == 30
    assert gv14.seconds_per_side == 2  # below the 15 s a new routine gets: kept, it is a choice, not a danger
    assert played.pressure_note == "Press gently."  # no safety note for these answers: the saved one stays
    assert load_routine(store) == saved  # what is saved is not changed


def test_answers_give_the_personal_routine_at_the_first_level(store):
    finish_setup(store, PREGNANT_NUMB, DAY)
    plan = personal_plan(store, DAY)
    # KI1 is used to promote labour: a caution in pregnancy (domain.md section 5), so it is left out
    assert codes(plan.full.routine) == ["LI11", "PC6", "PC7", "ST36", "GB34", "KI3"]
    today = current_routine(store, DAY)
    assert today == plan.routine
    assert codes(today) == ["LI11", "PC6", "KI3"]  # week 1: finger and sole points with a core one
    assert {s.seconds_per_side for s in today.steps} == {30}
    assert plan.words == "Week 1 of your plan: 3 points, 30 seconds each side."
    assert not {"LI4", "SP6"} & set(codes(plan.full.routine))


def test_the_plan_starts_when_the_answers_are_first_saved_and_carries_on_after_edits(store):
    finish_setup(store, PREGNANT_NUMB, DAY)
    finish_setup(store, replace(NO_RISKS, zones=frozenset({Zone.TOES})), DAY + timedelta(days=3))
    assert load_plan(store).start == DAY


def test_answers_saved_without_a_plan_start_one_on_first_use(store):
    save_profile(store, NO_RISKS)
    assert codes(current_routine(store, DAY)) == list(CORE_CODES[:3])
    assert load_plan(store).start == DAY


def test_a_kept_week_grows_the_routine_and_the_review_is_saved(store):
    finish_setup(store, NO_RISKS, DAY)
    keep_sessions(store, DAY, KEPT_SESSIONS)
    assert len(current_routine(store, DAY + timedelta(days=6)).steps) == 3
    grown = current_routine(store, DAY + timedelta(days=7))
    assert len(grown.steps) == 4 and {s.seconds_per_side for s in grown.steps} == {45}
    saved = load_plan(store)
    assert saved.level == 2 and saved.weeks_reviewed == 1


def test_a_week_not_kept_keeps_the_routine(store):
    finish_setup(store, NO_RISKS, DAY)
    keep_sessions(store, DAY, KEPT_SESSIONS - 1)
    assert len(current_routine(store, DAY + timedelta(days=7)).steps) == 3


def test_the_persons_edits_are_played(store):
    finish_setup(store, NO_RISKS, DAY)
    save_edits(store, RoutineEdits().with_removed("LI4").with_seconds("LI11", 15))
    today = current_routine(store, DAY)
    assert codes(today) == ["LI11", "ST36", "GB34"]
    assert today.steps[0].seconds_per_side == 15


def test_skin_problems_everywhere_leave_nothing_to_press_and_say_why(store):
    finish_setup(store, SKIN_EVERYWHERE, DAY)
    plan = personal_plan(store, DAY)
    assert current_routine(store, DAY).steps == ()
    assert plan.nothing_to_press[0] == "Every point chosen for you is left out for your safety:"
    assert len(plan.nothing_to_press) == 1 + len(CORE_CODES) + 1
    assert plan.nothing_to_press[-1].startswith("Do not press anything for now.")
    hands = "LI4 Hegu: you told us about a wound or skin problem on both your hands or wrists."
    assert hands in plan.nothing_to_press
    assert plan.words == "Week 1 of your plan: there are no points to press right now."


def test_taking_every_point_out_says_so(store):
    finish_setup(store, NO_RISKS, DAY)
    edits = RoutineEdits()
    for code in CORE_CODES:
        edits = edits.with_removed(code)
    save_edits(store, edits)
    assert personal_plan(store, DAY).nothing_to_press == (
        "You took every point out of your routine. You can add points back in My routine.",)


def test_a_routine_with_points_has_nothing_to_explain(store):
    finish_setup(store, NO_RISKS, DAY)
    assert personal_plan(store, DAY).nothing_to_press == ()


def test_ruled_out_choices_name_each_chosen_point_and_its_reason():
    assert ruled_out_choices(NO_RISKS) == ()
    assert ruled_out_choices(PREGNANT_NUMB) == (
        "LI4 Hegu: it is not used in pregnancy.",
        "SP9 Yinlingquan: it is left out in pregnancy, to be safe.",
        "SP6 Sanyinjiao: it is not used in pregnancy.",
        "KI1 Yongquan: it is left out in pregnancy, to be safe.",
    )


def test_symptom_areas_follow_the_selection_rule():
    areas = {key: (label, codes) for key, label, codes in symptom_areas()}
    assert set(areas) == {z.value for z in Zone} | {"neck", "low_back"}
    assert areas["fingers"] == ("Fingers", ("PC6", "PC7", "HT7", "EX-UE9"))
    assert areas["sole"][0] == "Sole of the foot" and "KI3" in areas["sole"][1]
    assert areas["neck"] == ("Nerve trouble in the neck", ("BL10", "GV14", "SI15"))


def test_setup_invitation_is_remembered(store):
    assert not has_profile(store) and not setup_put_off(store)
    put_off_setup(store)
    assert setup_put_off(store) and not has_profile(store)
    save_profile(store, NO_RISKS)
    assert has_profile(store)


def test_an_open_sore_told_in_the_questionnaire_takes_foot_points_out_of_the_plan(store):
    """The MNSI answers feed the same safety rules as the setup answers (domain.md section 5)."""
    from data.journal.checkins import new_id
    from data.journal.questionnaires import MnsiAnswers, save_mnsi
    from data.routine.catalog import point

    finish_setup(store, replace(NO_RISKS, zones=frozenset({Zone.SOLE, Zone.TOES})), DAY)
    feet = [c for c in codes(personal_plan(store, DAY).full.routine) if point(c).region.is_foot]
    assert feet  # numb soles and toes: foot points are chosen
    answers = {n: False for n in range(1, 16)}
    answers[8] = True  # "Have you ever had an open sore on your foot?"
    save_mnsi(store, MnsiAnswers(new_id(), datetime(2026, 3, 2, 9, tzinfo=timezone.utc), answers))
    assert not [c for c in codes(personal_plan(store, DAY).full.routine) if point(c).region.is_foot]
