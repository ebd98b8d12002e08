"""The first-run questions' rules (data.screens.setup): the draft, each tap, and what each page shows.

Uses the real store in a temporary folder; the date is passed in, never read from the clock.
"""
from __future__ import annotations

import errno
from dataclasses import replace
from datetime import date

import pytest

from data.models import Side
from data.routine.catalog import point
from data.routine.profile import (
    Amputation,
    BodySide,
    Cause,
    Profile,
    SkinArea,
    SkinProblem,
    Zone,
    has_profile,
    load_profile,
    load_rules_profile,
    save_profile,
    setup_put_off,
)
from data.routine.progression import load_plan
from data.routine.selection import personal_routine
from data.screens.setup import (
    ARM_QUESTIONS,
    CHOICE_QUESTIONS,
    PAGES,
    Choice,
    SetupDraft,
    choose,
    choose_arm,
    flip_amputation,
    flip_cause,
    flip_skin,
    flip_yes_no,
    flip_zone,
    go_to,
    leave_setup,
    next_page,
    open_setup,
    save_answers,
    setup_page,
    skip,
)
from data.storage.save_errors import PHONE_FULL
from data.storage.store import open_store

DAY = date(2026, 3, 2)
PAGE = {name: i for i, (name, _) in enumerate(PAGES)}


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def on(page: str, answers: Profile = Profile(), saved: Profile = Profile()) -> SetupDraft:
    return SetupDraft(saved, answers, PAGE[page])


def test_the_first_time_the_questions_start_empty_on_the_welcome_page(store):
    draft = open_setup(store)
    assert draft == SetupDraft(Profile(), Profile(), 0, False)
    page = setup_page(store, draft, DAY)
    assert (page.name, page.screen_title, page.step_words) == ("welcome", "Set up", "")
    assert (page.begin_label, page.leave_label) == ("Start", "Not now")


def test_opened_again_they_start_from_the_saved_answers(store):
    saved = Profile(zones=frozenset({Zone.TOES}), bleeding_risk=True)
    save_profile(store, saved)
    draft = open_setup(store)
    assert draft.saved == draft.answers == saved and draft.editing
    page = setup_page(store, draft, DAY)
    assert page.screen_title == "Your answers"
    assert (page.begin_label, page.leave_label) == ("Change my answers", "Keep my answers")


def test_each_question_page_says_which_question_it_is(store):
    words = [setup_page(store, go_to(on("welcome"), i), DAY).step_words for i in range(len(PAGES) - 1)]
    assert words == ["", "Question 1 of 6", "Question 2 of 6", "Question 3 of 6", "Question 4 of 6",
                     "Question 5 of 6", "Question 6 of 6", "Last step"]
    assert [setup_page(store, go_to(on("welcome"), i), DAY).saves_here for i in range(len(PAGES) - 1)] == [
        False] * 7 + [True]


def test_pages_stay_within_the_questions():
    with pytest.raises(ValueError):
        go_to(on("welcome"), -1)
    with pytest.raises(ValueError):
        SetupDraft(Profile(), Profile(), len(PAGES))
    assert next_page(on("done")).page == PAGE["done"]


def test_a_body_map_area_is_ticked_and_unticked(store):
    draft = flip_zone(flip_zone(on("where"), Zone.FINGERS), Zone.SOLE)
    assert setup_page(store, draft, DAY).zones == {Zone.FINGERS, Zone.SOLE}
    assert flip_zone(draft, Zone.FINGERS).answers.zones == {Zone.SOLE}
    with pytest.raises(ValueError):
        flip_zone(draft, "elbow")


def test_a_yes_no_question_ticks_to_yes_and_back_to_no(store):
    draft = flip_yes_no(on("safety"), "pregnant_or_maybe")
    assert draft.answers.pregnant_or_maybe is True
    assert setup_page(store, draft, DAY).ticked == {"pregnant_or_maybe"}
    assert flip_yes_no(draft, "pregnant_or_maybe").answers.pregnant_or_maybe is False
    with pytest.raises(ValueError):
        flip_yes_no(draft, "zones")


def test_i_dont_know_stands_alone_among_the_causes(store):
    draft = flip_cause(flip_cause(on("cause"), Cause.DIABETES), Cause.CHEMOTHERAPY)
    assert draft.answers.causes == {Cause.DIABETES, Cause.CHEMOTHERAPY}
    unknown = flip_cause(draft, Cause.UNKNOWN)
    assert unknown.answers.causes == {Cause.UNKNOWN}
    assert flip_cause(unknown, Cause.OTHER).answers.causes == {Cause.OTHER}
    assert flip_cause(unknown, Cause.UNKNOWN).answers.causes == frozenset()
    assert setup_page(store, draft, DAY).causes == {Cause.DIABETES, Cause.CHEMOTHERAPY}


def test_skin_problems_on_both_sides_are_saved_as_both(store):
    left = flip_skin(on("skin"), SkinArea.FOOT, Side.LEFT)
    assert left.answers.skin_problems == {SkinProblem(SkinArea.FOOT, BodySide.LEFT)}
    both = flip_skin(left, SkinArea.FOOT, Side.RIGHT)
    assert both.answers.skin_problems == {SkinProblem(SkinArea.FOOT, BodySide.BOTH)}
    assert setup_page(store, both, DAY).skin == {(SkinArea.FOOT, Side.LEFT), (SkinArea.FOOT, Side.RIGHT)}
    right = flip_skin(both, SkinArea.FOOT, Side.LEFT)
    assert right.answers.skin_problems == {SkinProblem(SkinArea.FOOT, BodySide.RIGHT)}
    hand = flip_skin(right, SkinArea.HAND, Side.LEFT)
    assert len(hand.answers.skin_problems) == 2  # other areas are kept
    assert flip_skin(right, SkinArea.FOOT, Side.RIGHT).answers.skin_problems == frozenset()
    with pytest.raises(ValueError):
        flip_skin(right, SkinArea.FOOT, Side.MIDDLE)


def test_skip_keeps_the_page_as_it_was_saved_and_goes_on():
    saved = Profile(bleeding_risk=True, pregnant_or_maybe=None)
    changed = replace(saved, bleeding_risk=False, pregnant_or_maybe=True, zones=frozenset({Zone.TOES}))
    skipped = skip(on("safety", changed, saved))
    assert skipped.page == PAGE["health"]  # the next page
    assert skipped.answers.bleeding_risk is True and skipped.answers.pregnant_or_maybe is None
    assert skipped.answers.zones == {Zone.TOES}  # another page's answer stays


def test_next_counts_unticked_yes_no_questions_as_no_on_that_page_only():
    draft = next_page(on("spine", Profile(neck_compression=True)))
    assert draft.page == PAGE["cause"]
    assert (draft.answers.neck_compression, draft.answers.low_back_compression) == (True, False)
    assert draft.answers.pregnant_or_maybe is None  # asked later
    assert next_page(on("where")).answers == Profile()


def test_save_starts_the_plan_and_the_done_page_says_the_first_week(store):
    answers = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=True)
    with pytest.raises(ValueError):
        save_answers(store, on("safety", answers), DAY)  # only from the last step
    assert not has_profile(store)
    done = save_answers(store, on("red_flags", answers), DAY)
    assert done.name == "done"
    assert load_profile(store) == answers and load_plan(store).start == DAY
    assert setup_page(store, done, DAY).ready_lines == (
        "Week 1 of your plan: 3 points, 30 seconds each side.",
        "It grows a little after each week in which you do most of your sessions.",
    )


def test_the_done_page_says_why_when_nothing_is_safe_to_press(store):
    everywhere = frozenset(SkinProblem(area, BodySide.BOTH) for area in SkinArea)
    done = save_answers(store, on("red_flags", Profile(skin_problems=everywhere)), DAY)
    lines = setup_page(store, done, DAY).ready_lines
    assert lines[0] == "Every point chosen for you is left out for your safety:"
    assert lines[-1].startswith("Do not press anything for now.")


def test_not_now_stops_the_invitation_only_the_first_time(store):
    assert leave_setup(store, on("welcome")) is True
    assert setup_put_off(store) and not has_profile(store)


def test_keep_my_answers_saves_nothing(store):
    assert leave_setup(store, replace(on("welcome"), editing=True)) is False
    assert not setup_put_off(store)


# --- The screening questions of the second safety review (one page, each answer Yes / No / Not sure) ---


def test_screening_questions_start_not_sure_and_take_yes_no_or_not_sure(store):
    draft = on("health")
    page = setup_page(store, draft, DAY)
    assert page.choices == {q: Choice.NOT_SURE for q in (*CHOICE_QUESTIONS, *ARM_QUESTIONS)}
    draft = choose(choose(draft, "numb_feet", Choice.YES), "poor_leg_circulation", Choice.NO)
    assert (draft.answers.numb_feet, draft.answers.poor_leg_circulation) == (True, False)
    assert choose(draft, "numb_feet", Choice.NOT_SURE).answers.numb_feet is None  # not sure is not "no"
    with pytest.raises(ValueError):
        choose(draft, "zones", Choice.YES)
    with pytest.raises(ValueError):
        choose(draft, "numb_feet", "maybe")


def test_next_leaves_screening_questions_unanswered_and_skip_restores_them():
    saved = Profile(numb_feet=True, fistula_arm=BodySide.RIGHT)
    draft = choose(choose(on("health", saved, saved), "numb_feet", Choice.NO), "fistula_arm", Choice.NO)
    assert next_page(on("health")).answers == Profile()  # nothing becomes "no" by itself
    skipped = skip(draft)
    assert skipped.page == PAGE["skin"]
    assert skipped.answers.numb_feet is True and skipped.answers.fistula_arm is BodySide.RIGHT
    assert skipped.said_no == frozenset()


def test_a_fistula_arm_is_both_until_the_person_says_which(store):
    yes = choose(on("health"), "fistula_arm", Choice.YES)
    assert yes.answers.fistula_arm is BodySide.BOTH  # the safe reading of "yes, arm not said"
    left = choose_arm(yes, "fistula_arm", BodySide.LEFT)
    page = setup_page(store, left, DAY)
    assert page.arms["fistula_arm"] is BodySide.LEFT and page.choices["fistula_arm"] is Choice.YES
    assert choose(left, "fistula_arm", Choice.YES).answers.fistula_arm is BodySide.LEFT  # kept
    no = choose(left, "fistula_arm", Choice.NO)
    assert no.answers.fistula_arm is None and setup_page(store, no, DAY).choices["fistula_arm"] is Choice.NO
    unsure = choose(no, "fistula_arm", Choice.NOT_SURE)
    assert setup_page(store, unsure, DAY).choices["fistula_arm"] is Choice.NOT_SURE
    lymph = choose_arm(on("health"), "lymphoedema_arm", BodySide.RIGHT)
    assert lymph.answers.lymphoedema_arm is BodySide.RIGHT
    with pytest.raises(ValueError):
        choose_arm(lymph, "numb_feet", BodySide.LEFT)


def test_where_an_amputation_was_is_ticked_by_side_and_cleared_by_no(store):
    draft = flip_amputation(on("health"), SkinArea.FOOT, Side.LEFT)
    assert draft.answers.amputation is True
    assert draft.answers.amputations == {Amputation(SkinArea.FOOT, BodySide.LEFT)}
    both = flip_amputation(draft, SkinArea.FOOT, Side.RIGHT)
    assert both.answers.amputations == {Amputation(SkinArea.FOOT, BodySide.BOTH)}
    assert setup_page(store, both, DAY).amputation_places == {(SkinArea.FOOT, Side.LEFT), (SkinArea.FOOT, Side.RIGHT)}
    arm = flip_amputation(both, SkinArea.ARM, Side.RIGHT)
    assert len(arm.answers.amputations) == 2
    assert choose(arm, "amputation", Choice.NO).answers == replace(Profile(), amputation=False)
    assert choose(arm, "amputation", Choice.NOT_SURE).answers.amputations == frozenset()
    with pytest.raises(ValueError):
        flip_amputation(draft, SkinArea.NECK, Side.LEFT)
    with pytest.raises(ValueError):
        flip_amputation(draft, SkinArea.FOOT, Side.MIDDLE)


def test_screening_answers_are_saved_and_change_the_routine(store):
    answers = Profile(zones=frozenset({Zone.FINGERS, Zone.TOES}), pregnant_or_maybe=False)
    draft = choose_arm(choose(on("health", answers), "fistula_arm", Choice.YES), "fistula_arm", BodySide.LEFT)
    draft = choose(draft, "poor_leg_circulation", Choice.YES)
    done = save_answers(store, go_to(draft, PAGE["red_flags"]), DAY)
    saved = load_profile(store)
    assert saved.fistula_arm is BodySide.LEFT and saved.poor_leg_circulation is True
    full = personal_routine(load_rules_profile(store)).routine
    for s in full.steps:
        assert not (point(s.point_code).region.limb == "arm" and Side.LEFT in s.sides), s
        assert not point(s.point_code).region.is_foot, s  # poor circulation: no foot points
    assert done.name == "done"


class FullStore:
    """A store whose disk is full: reads work, every write fails."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def get_doc(self, name):
        return self.inner.get_doc(name)

    def __getattr__(self, name):
        if name in ("put_doc", "update_doc", "put_docs"):
            def full(*args, **kwargs):
                raise OSError(errno.ENOSPC, "No space left on device")
            return full
        return getattr(self.inner, name)


def test_a_full_phone_says_not_saved_and_keeps_the_answers(store):
    answers = Profile(zones=frozenset({Zone.SOLE}), numb_feet=True, fistula_arm=BodySide.RIGHT)
    draft = on("red_flags", answers)
    failed = save_answers(FullStore(store), draft, DAY)
    assert failed.name == "red_flags" and failed.answers == answers
    assert failed.problem == PHONE_FULL
    assert setup_page(store, failed, DAY).problem == PHONE_FULL
    assert not has_profile(store)
    done = save_answers(store, failed, DAY)  # try again, once there is space
    assert done.name == "done" and done.problem == "" and load_profile(store) == answers


def test_not_now_on_a_full_phone_loses_nothing(store):
    assert leave_setup(FullStore(store), on("welcome")) is False
    assert not setup_put_off(store)
