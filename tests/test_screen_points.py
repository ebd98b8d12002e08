"""The Points library's summary (data.screens.points): search, filters, each point's standing and page.

Uses the real store in a temporary folder; the date is passed in, never read from the clock.
"""
from __future__ import annotations

import errno
import os
from datetime import date

import pytest

import data.storage.files as files
from data.models import Routine, RoutineStep, Side
from data.routine.catalog import POINTS, point
from data.routine.profile import Profile, SkinArea, Zone
from data.routine.progression import finish_setup
from data.routine.saved import save_routine
from data.routine.selection import PREGNANCY_CHOICE, Standing, load_edits
from data.screens.my_routine import add_point, remove_point
from data.screens.points import (
    AREA_CHOICES,
    AREA_FILTER_TITLE,
    SYMPTOM_CHOICES,
    SYMPTOM_FILTER_TITLE,
    exact_code,
    matches,
    mine,
    point_detail,
    points_summary,
)
from data.storage.save_errors import PHONE_FULL, attempt
from data.storage.store import open_store

DAY = date(2026, 3, 2)
PREGNANT_NUMB = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=True)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


@pytest.fixture
def pregnant(store):
    finish_setup(store, PREGNANT_NUMB, DAY)
    return store


def row(summary, code: str):
    return next(r for r in summary.rows if r.code == code)


def test_search_matches_every_word_in_code_name_meaning_surface_or_hanzi():
    li4 = point("LI4")
    assert matches(li4, "hegu") and matches(li4, "LI4 hand") and matches(li4, "合谷")
    assert matches(point("EX-UE9"), "exue9")  # the code without its dash
    assert not matches(li4, "hegu foot")
    assert matches(li4, "   ")


def test_unfiltered_the_list_shows_every_point_in_catalog_order(store):
    summary = points_summary(mine(store, DAY))
    assert [r.code for r in summary.rows] == [p.code for p in POINTS]
    assert not summary.filtered
    assert summary.count_words == (f"All {len(POINTS)} points used in this app. Tap one to see where it is "
                                   "and how to press it.")
    first = summary.rows[0]
    assert (first.title, first.illustration) == (f"{POINTS[0].code} {POINTS[0].pinyin}", POINTS[0].illustration)
    assert first.surface == POINTS[0].surface.capitalize()


def test_search_and_filters_narrow_the_list_and_say_how_many(store):
    me = mine(store, DAY)
    found = points_summary(me, "Hegu")
    assert [r.code for r in found.rows] == ["LI4"] and found.filtered
    assert found.count_words == f"1 of {len(POINTS)} points match."
    fingers = points_summary(me, symptom="fingers")
    assert [r.code for r in fingers.rows] == [p.code for p in POINTS if p.code in ("PC6", "PC7", "HT7", "EX-UE9")]
    feet = points_summary(me, area="foot")
    assert feet.rows and all(point(r.code).region in SkinArea.FOOT.regions for r in feet.rows)
    both = points_summary(me, "KI", area="foot", symptom="sole")
    assert {r.code for r in both.rows} == {"KI1", "KI3"}
    assert points_summary(me, "  ").filtered is False


def test_unknown_filters_are_refused(store):
    me = mine(store, DAY)
    with pytest.raises(ValueError):
        points_summary(me, area="elbow")
    with pytest.raises(ValueError):
        points_summary(me, symptom="knees")


def test_filter_choices_name_every_area_and_symptom():
    assert ("foot", "Foot or ankle") in AREA_CHOICES and len(AREA_CHOICES) == len(SkinArea)
    assert ("fingers", "Fingers") in SYMPTOM_CHOICES
    assert ("low_back", "Nerve trouble in the low back") in SYMPTOM_CHOICES


def test_before_the_questions_points_are_judged_by_the_starting_routine(store):
    summary = points_summary(mine(store, DAY))
    li11 = row(summary, "LI11").status
    assert (li11.label, li11.standing) == ("In your routine", Standing.IN_ROUTINE)
    # Issue 11: one starting routine (week 1 of the plan for unanswered questions) gives its own reason.
    assert li11.why.startswith("One of the five core points")
    pc6 = row(summary, "PC6").status
    assert (pc6.label, pc6.why) == ("Not in your routine", "Not in the starting routine.")


def test_a_saved_routine_without_reasons_still_says_it_is_practised(store):
    save_routine(store, Routine((RoutineStep("GV14", 30, (Side.MIDDLE,)),)))
    status = row(points_summary(mine(store, DAY)), "GV14").status
    assert (status.label, status.why) == ("In your routine", "In the routine you practise.")


def test_after_the_questions_each_point_says_its_standing_and_why(pregnant):
    summary = points_summary(mine(pregnant, DAY))
    li4 = row(summary, "LI4").status
    assert (li4.label, li4.why, li4.standing) == (
        "Not safe for you", "It is not used in pregnancy.", Standing.NOT_SAFE)
    ht7 = row(summary, "HT7").status
    assert (ht7.label, ht7.standing) == ("Not in your routine", Standing.NOT_CHOSEN)
    assert ht7.why == mine(pregnant, DAY).explain("HT7").text  # nothing to take off the front
    pc6 = row(summary, "PC6").status
    assert pc6.label == "In your routine"
    assert pc6.why == "Chosen because you told us about your fingers."  # practised from week 1
    later = next(r.status for r in summary.rows
                 if r.status.standing is Standing.IN_ROUTINE and r.code not in mine(pregnant, DAY).this_week)
    assert later.why.endswith(" It joins your sessions as your plan grows.")


def test_a_point_taken_out_reads_as_removed_by_you(pregnant):
    remove_point(pregnant, "KI3", 0)
    ki3 = row(points_summary(mine(pregnant, DAY)), "KI3").status
    assert (ki3.label, ki3.standing) == ("Removed by you", Standing.REMOVED)
    assert ki3.why == "You took this point out of your routine. You can add it back at any time."


def test_the_detail_page_has_its_sections_and_the_add_only_where_it_can_be_added(pregnant):
    ht7 = point_detail(pregnant, DAY, "HT7")
    assert ht7.title == "HT7 Shenmen" and ht7.meaning_words == f"“{point('HT7').meaning}”"
    assert ht7.can_add and not ht7.offer_setup
    assert ht7.drawing_label == f"Drawing of where HT7 is: {point('HT7').surface}"
    assert [title for title, _ in ht7.sections] == ["How to find it", "How to press", "Take care"]
    assert ht7.sections[1][1][-1] == "Both sides: left, then right."
    add_point(pregnant, "HT7")
    assert "HT7" in load_edits(pregnant).added
    added = point_detail(pregnant, DAY, "HT7")
    assert added.status.label == "In your routine" and not added.can_add
    li4 = point_detail(pregnant, DAY, "LI4")
    assert not li4.can_add and li4.status.label == "Not safe for you"
    assert li4.sections[2][1][0] == "Not in pregnancy: traditionally never pressed when pregnant."


def test_the_detail_page_words_for_midline_and_many_spots(store):
    gv14 = point_detail(store, DAY, "GV14")
    assert gv14.sections[1][1][-1] == "Once, on the middle line of the body."
    baxie = point_detail(store, DAY, "EX-UE9")
    assert baxie.sections[1][1][-1] == ("Both sides: left, then right. There are 4 spots on each side; press "
                                        "them one after another.")


def test_before_the_questions_the_detail_page_offers_the_questions_instead_of_add(store):
    pc6 = point_detail(store, DAY, "PC6")
    assert pc6.offer_setup and not pc6.can_add
    assert not point_detail(store, DAY, "LI11").offer_setup


def test_an_unknown_point_has_no_page(store):
    assert point_detail(store, DAY, "XX99") is None
    assert point_detail(store, DAY, "") is None


# -- issue 11: search by symptom words, exact code first, filters named for what they hold -----------


def test_a_spelled_code_finds_that_point_only(store):
    me = mine(store, DAY)
    assert [r.code for r in points_summary(me, "li 4").rows] == ["LI4"]  # not GB34 ("li" and "4")
    assert [r.code for r in points_summary(me, "ex-le10").rows] == ["EX-LE10"]
    assert [r.code for r in points_summary(me, "St 36").rows] == ["ST36"]
    assert exact_code("li") is None and exact_code("") is None


def test_symptom_words_find_the_points_chosen_for_symptom_areas(store):
    me = mine(store, DAY)
    tingling = [r.code for r in points_summary(me, "tingling").rows]
    assert "PC6" in tingling and "KI1" in tingling and len(tingling) > 10
    assert [r.code for r in points_summary(me, "tingling fingers").rows] == ["PC6", "PC7", "HT7", "EX-UE9"]
    numb_feet = {r.code for r in points_summary(me, "numb feet").rows}
    assert {"KI1", "KI3", "EX-LE10"} <= numb_feet and not numb_feet & {"PC6", "LI4"}
    assert points_summary(me, "burning toes").count_words == "5 of 24 points match."


def test_symptom_words_match_whole_words_only(store):
    """"li" is in "tingling", but a search for "li" must not find every point through it."""
    me = mine(store, DAY)
    assert len(points_summary(me, "li").rows) < len(POINTS)
    assert not matches(point("GV14"), "ling")


def test_the_filters_are_named_for_what_they_hold():
    assert AREA_FILTER_TITLE == "Where the point is"
    assert SYMPTOM_FILTER_TITLE == "Where you feel your symptoms"
    assert ("fingers", "Fingers") in SYMPTOM_CHOICES


# --- issue 10: "Add to my routine" on a full phone; issue 12: the rules' words ------------------------


def test_add_to_my_routine_on_a_full_phone_says_so_and_changes_nothing(pregnant, monkeypatch):
    assert point_detail(pregnant, DAY, "HT7").can_add
    before = pregnant.export_all()

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", no_space)
    saved = attempt(lambda: add_point(pregnant, "HT7"))
    assert (saved.ok, saved.problem) == (False, PHONE_FULL)
    monkeypatch.undo()
    assert pregnant.export_all() == before
    assert point_detail(pregnant, DAY, "HT7").can_add  # still offered: one tap tries again


def test_a_point_a_rule_keeps_out_says_what_serves_each_area_and_why_pregnancy(pregnant):
    sp6 = point_detail(pregnant, DAY, "SP6")  # picked for the soles; not used in pregnancy
    assert sp6.status.label == "Not safe for you"
    assert sp6.rule_lines == ("Sole of the foot: KI3 Taixi.", PREGNANCY_CHOICE)
    take_care = dict(sp6.sections)["Take care"]
    assert PREGNANCY_CHOICE not in take_care  # said once a page, where the person's rule is explained
    assert point_detail(pregnant, DAY, "PC6").rule_lines == ()  # in the routine: nothing to explain


def test_the_pregnancy_choice_is_said_where_the_pregnancy_rule_is_explained(store):
    finish_setup(store, Profile(pregnant_or_maybe=False), DAY)
    li4 = point_detail(store, DAY, "LI4")  # allowed when not pregnant: the rule is in Take care
    assert li4.rule_lines == ()
    take_care = dict(li4.sections)["Take care"]
    assert take_care[:2] == ("Not in pregnancy: traditionally never pressed when pregnant.", PREGNANCY_CHOICE)
