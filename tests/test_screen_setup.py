"""The first-run questions' rules (data.screens.setup): the draft, each tap, and what each page shows.

Uses the real store in a temporary folder; the date is passed in, never read from the clock.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from data.models import Side
from data.routine.profile import (
    BodySide,
    Cause,
    Profile,
    SkinArea,
    SkinProblem,
    Zone,
    has_profile,
    load_profile,
    save_profile,
    setup_put_off,
)
from data.routine.progression import load_plan
from data.screens.setup import (
    PAGES,
    SetupDraft,
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
    assert words == ["", "Question 1 of 5", "Question 2 of 5", "Question 3 of 5", "Question 4 of 5",
                     "Question 5 of 5", "Last step"]
    assert [setup_page(store, go_to(on("welcome"), i), DAY).saves_here for i in range(len(PAGES) - 1)] == [
        False] * 6 + [True]


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
    assert skipped.page == PAGE["skin"]
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
