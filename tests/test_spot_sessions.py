"""Tender spots in a day's sessions (issue 12): the player presses them after the points, shows and
says them as the person's own, saves them by their code, and every place that names a saved step
names a spot by its name ("a tender spot" once it is deleted)."""
from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from data.journal.sessions import sessions_on
from data.models import Region, Side
from data.routine.cues import TONES, point_clip, spot_clip
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.player import Cue, estimated_seconds
from data.routine.profile import Profile, Zone
from data.routine.progression import finish_setup, personal_plan
from data.routine.selection import spot_pressing_words
from data.routine.spot_sessions import DELETED_SPOT, session_spots, step_title
from data.routine.spots import add_spot, delete_spot, load_spots
from data.screens.session import PracticeSession, Stage
from data.screens.today import today_summary
from data.storage.store import open_store
from tests.player_clock import PlayerClock

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
DAY = START.date()
# Hands and soles, every safety question answered "no": three points in week 1, 30 s a side.
HANDS_AND_FEET = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=False, bleeding_risk=False,
                         foot_ulcer_or_charcot=False, reduced_feeling=False, numb_feet=False)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    save_practice_settings(s, PracticeSettings(prepare_seconds=5, switch_seconds=2))
    finish_setup(s, HANDS_AND_FEET, DAY)
    return s


def test_step_titles_name_points_spots_and_deleted_spots(store):
    sore = add_spot(store, "Sore spot", Region.FOREARM, Side.LEFT, HANDS_AND_FEET, DAY)
    assert step_title("LI4", load_spots(store)) == "LI4 Hegu"
    assert step_title(sore.code, load_spots(store)) == "Sore spot (left forearm)"
    assert step_title("spot-99", load_spots(store)) == DELETED_SPOT == "a tender spot"
    assert step_title("XX9", ()) == "XX9"  # a code the catalog no longer has: shown as saved


def test_no_spots_before_the_questions(tmp_path):
    fresh = open_store(tmp_path / "fresh")
    assert session_spots(personal_plan(fresh, DAY), fresh) == ()


def test_todays_minutes_include_the_spots(store):
    plan = personal_plan(store, DAY)
    before = today_summary(store, START, "", time(14))
    add_spot(store, "Sore spot", Region.FOREARM, Side.LEFT, HANDS_AND_FEET, DAY)
    spots = session_spots(personal_plan(store, DAY), store)
    assert [s.spot.name for s in spots] == ["Sore spot"]
    with_spot = estimated_seconds(plan.routine, 5, 2, spots)
    assert with_spot == estimated_seconds(plan.routine, 5, 2) + 5 + 30  # found like a new point, then pressed
    after = today_summary(store, START, "", time(14))
    assert (before.minutes, after.minutes) == (round((with_spot - 35) / 60), round(with_spot / 60))


def test_a_spot_is_played_after_the_points_shown_said_and_saved_from_start_to_finish(store):
    sore = add_spot(store, "Sore spot", Region.FOREARM, Side.LEFT, HANDS_AND_FEET, DAY)
    clock, saved = PlayerClock(START), []
    s = PracticeSession(store, clock.now, clock.monotonic, time(14), saved.append)
    s.start()
    p = s.player
    assert p.steps[-1].point_code == sore.code and p.point_count == 4
    while s.player.current.point_code != sore.code:  # press the three points through
        clock.tick(1)
        cues = s.advance()
    assert s.sounds(cues) == (TONES[Cue.NEXT_POINT], spot_clip(sore))  # "Now, the left arm.": no point's clip
    shown = s.view()
    assert (shown.stage, shown.title) == (Stage.PLAYING, "4 of 4")
    v = shown.player
    assert (v.point_name, v.meaning, v.side) == ("Sore spot (left forearm)", "Your own tender spot", "LEFT ARM")
    assert v.illustration == "bodymap/palm.svg" and v.preparing
    assert v.location_lines == ("Your own spot, \"Sore spot\", on your left forearm. Feel for the place that is "
                                "tender or numb, and press there.",)
    assert v.other_side == "" and v.one_side == "" and v.warnings == ()
    clock.tick(5)
    s.advance()
    assert s.view().player.pressing_words == spot_pressing_words(sore, HANDS_AND_FEET)
    clock.tick(30)
    cues = s.advance()
    assert Cue.FINISHED in cues and s.stage is Stage.SUMMARY
    summary = s.view().summary
    assert summary.rows[-1].words == "Sore spot (left forearm)" and summary.rows[-1].completed
    assert summary.rows[-1].label == "Sore spot (left forearm): done"
    (record,) = sessions_on(store, DAY)
    assert record.steps[-1].point_code == sore.code and record.steps[-1].completed and record.finished


def test_a_spot_on_the_neck_has_no_drawing_and_says_where_in_words(store):
    neck_profile = Profile(zones=frozenset({Zone.FINGERS}), neck_compression=True, pregnant_or_maybe=False,
                           bleeding_risk=False, foot_ulcer_or_charcot=False, reduced_feeling=False)
    finish_setup(store, neck_profile, DAY)
    spot = add_spot(store, "Stiff bit", Region.NECK, Side.MIDDLE, neck_profile, DAY)
    clock = PlayerClock(START)
    s = PracticeSession(store, clock.now, clock.monotonic, time(14), lambda r: None)
    s.start()
    while s.player.current.point_code != spot.code:
        s.skip()
    v = s.view().player
    assert v.illustration == "" and v.side == "MIDDLE OF THE NECK"
    assert v.drawing_label.startswith("Your own spot, \"Stiff bit\", on the middle of your neck.")
    assert s.opening_sounds() != () and s.sounds([Cue.NEXT_POINT])[1].words == "Now, the middle of the neck."
    assert point_clip("LI4", Side.LEFT) not in s.sounds([Cue.NEXT_POINT])


def test_a_spot_deleted_after_a_session_is_named_a_tender_spot_in_the_summary_words(store):
    sore = add_spot(store, "Sore spot", Region.FOREARM, Side.LEFT, HANDS_AND_FEET, DAY)
    delete_spot(store, sore.id)
    assert step_title(sore.code, load_spots(store)) == "a tender spot"
    assert session_spots(personal_plan(store, DAY), store) == ()
