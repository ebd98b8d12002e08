"""The player screen's core (data/screens/session.py) on a real store, with a fake wall clock and timer.

Every tap is one call on `PracticeSession`; what the screen shows is `view()`.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.journal.checkins import CheckIn, Context, list_checkins, save_checkin
from data.journal.sessions import sessions_on
from data.models import Routine, RoutineStep, Side, Slot
from data.routine.catalog import point
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.player import Cue
from data.routine.profile import BodySide, Profile, SkinArea, SkinProblem, save_profile
from data.routine.progression import finish_setup
from data.routine.saved import save_routine
from data.routine.sides import body_part, side_words
from data.screens.session import PracticeSession, Stage, cue_words
from data.storage.store import open_store
from tests.player_clock import PlayerClock

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 13, 0, tzinfo=BERLIN)
L, R, M = Side.LEFT, Side.RIGHT, Side.MIDDLE


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    save_routine(s, Routine((RoutineStep("LI11", 10, (L, R)), RoutineStep("GV14", 20, (M,)))))
    save_practice_settings(s, PracticeSettings(prepare_seconds=5, switch_seconds=2))
    return s


@pytest.fixture
def clock():
    return PlayerClock(START)


def session(store, clock, day_split: time = time(14, 0), saved: list | None = None) -> PracticeSession:
    return PracticeSession(store, clock.now, clock.monotonic, day_split,
                           (saved if saved is not None else []).append)


def today(store):
    return sessions_on(store, START.date())


# --- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code, side, words", [
    ("LI4", L, "Left hand"), ("LI11", R, "Right arm"), ("ST36", L, "Left leg"), ("KI1", R, "Right foot"),
    ("KI3", L, "Left ankle"), ("BL10", R, "Right side of the spine"), ("GV14", M, "Middle of the neck"),
    ("GV3", M, "Middle of the back"),
])
def test_side_words_name_the_side_and_the_body_part(code, side, words):
    assert side_words(point(code), side) == words


def test_body_part_of_a_wrist_point_is_the_arm():
    assert body_part(point("PC7")) == "arm"


def test_cue_words_announce_the_latest_cue():
    assert cue_words([]) == ""
    assert cue_words([Cue.START_PRESSING]) == "Press now"
    assert cue_words([Cue.START_PRESSING, Cue.SWITCH_SIDE]) == "Switch to the other side"
    assert cue_words([Cue.NEXT_POINT]) == "Next point"
    assert cue_words([Cue.START_PRESSING, Cue.FINISHED]) == "Session complete"


# --- stages and saving --------------------------------------------------------------------------


def test_before_question_first_no_player_and_leaving_saves_nothing(store, clock):
    s = session(store, clock)
    shown = s.view()
    assert (shown.stage, shown.title, shown.player) == (Stage.BEFORE, "Before you start", None)
    assert s.player is None
    s.pause_to_read()  # the Safety sheet over the before question: nothing to pause
    s.connection_lost()
    s.leave()
    assert today(store) == []


def test_start_time_is_when_pressing_starts_not_when_the_screen_opened(store, clock):
    s = session(store, clock)
    clock.tick(90)  # the person reads the before question
    s.start()
    assert s.started_at == START + timedelta(seconds=90)
    assert s.view().stage is Stage.PLAYING


def test_nothing_is_saved_until_something_is_pressed(store, clock):
    saved = []
    s = session(store, clock, saved=saved)
    s.start()
    clock.tick(4)  # still getting ready
    assert s.advance() == []
    assert s.finish() == [Cue.FINISHED]
    shown = s.view()
    assert (shown.stage, shown.summary.title) == (Stage.SUMMARY, "Session stopped")
    # issue 11: nothing pressed, nothing saved, and the summary says so (no minutes to count)
    assert shown.summary.message == "Nothing was pressed, so nothing was saved."
    assert shown.summary.tally == "0 of 3 point sides pressed."
    assert today(store) == [] and saved == []


def test_the_start_of_pressing_alone_saves_nothing(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5)
    assert s.advance() == [Cue.START_PRESSING]
    assert today(store) == []


def test_finishing_early_saves_a_partial_session_once_per_visit(store, clock):
    saved = []
    s = session(store, clock, saved=saved)
    s.start()
    clock.tick(5 + 3)
    s.advance()
    s.finish()
    got = today(store)
    assert len(got) == 1 and not got[0].finished and got[0].id == s.id
    assert got[0].steps[0].pressed_seconds == 3 and not got[0].steps[0].completed
    assert got[0].started_at == START and got[0].ended_at == START + timedelta(seconds=8)
    assert saved == got
    s.leave()  # closing the summary: the finished record is not saved again
    assert len(saved) == 1


def test_progress_is_kept_as_it_goes_in_one_record(store, clock):
    saved = []
    s = session(store, clock, saved=saved)
    s.start()
    clock.tick(5 + 10)
    assert s.advance() == [Cue.START_PRESSING, Cue.SWITCH_SIDE]
    assert len(saved) == 1 and not saved[0].finished
    assert s.skip() == [Cue.NEXT_POINT]  # the right hand left undone
    clock.tick(5 + 20)
    assert s.advance() == [Cue.START_PRESSING, Cue.FINISHED]
    got = today(store)
    assert len(got) == 1 and got[0].finished and len(saved) == 3
    assert [(r.point_code, r.side, r.completed) for r in got[0].steps] == [
        ("LI11", L, True), ("LI11", R, False), ("GV14", M, True)]
    assert s.saved_done
    s.leave()
    assert len(saved) == 3


@pytest.mark.parametrize("split, slot", [(time(14, 0), Slot.MORNING), (time(12, 30), Slot.EVENING)])
def test_slot_comes_from_the_start_time_and_the_reminder_day_split(store, clock, split, slot):
    s = session(store, clock, day_split=split)  # starts at 13:00
    s.start()
    clock.tick(5 + 10)
    s.advance()
    assert today(store)[0].slot is slot


def test_the_slot_day_is_asked_once_as_pressing_begins_and_saved_with_the_session(store, clock):
    """After the 23:30 evening reminder, a start at 00:05 is that evening's (the hub says so)."""
    asked = []

    def slot_day(started_at, slot):
        asked.append((started_at, slot))
        return (date(2026, 3, 1), Slot.EVENING) if len(asked) == 1 else (started_at.date(), slot)

    saved = []
    s = PracticeSession(store, clock.now, clock.monotonic, time(14, 0), saved.append, slot_day)
    clock.tick(60)
    s.start()
    assert asked == [(START + timedelta(seconds=60), Slot.MORNING)]  # the start time and the day split's slot
    clock.tick(5 + 10)
    s.advance()
    clock.tick(200)
    s.advance()
    s.leave()
    assert len(asked) == 1 and saved  # one answer for the visit, however often it is saved
    assert {(r.slot, r.for_day) for r in saved} == {(Slot.EVENING, date(2026, 3, 1))}
    assert sessions_on(store, date(2026, 3, 1))[0].id == s.id and today(store) == []


def test_a_slot_day_on_the_start_date_is_saved_without_for_day(store, clock):
    s = PracticeSession(store, clock.now, clock.monotonic, time(14, 0), [].append,
                        lambda started_at, slot: (started_at.date(), Slot.EVENING))
    s.start()
    clock.tick(5 + 10)
    s.advance()
    s.leave()
    [record] = today(store)
    assert record.slot is Slot.EVENING and record.for_day is None


def test_skipping_every_step_is_not_practice(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5 + 2)  # two seconds pressed on the left hand
    s.advance()
    for _ in range(3):
        s.skip()
    got = today(store)
    assert len(got) == 1 and not got[0].finished
    assert s.view().summary.title == "Session stopped"


def test_a_closed_tab_stops_the_clock_and_keeps_what_was_pressed(store, clock):
    saved = []
    s = session(store, clock, saved=saved)
    s.start()
    clock.tick(5 + 4)
    s.advance()
    s.connection_lost()
    assert s.player.paused and len(saved) == 1 and saved[0].steps[0].pressed_seconds == 4
    clock.tick(600)  # far longer than the routine
    s.connection_lost()  # called at every tick while the tab is gone: stays paused, saves once
    assert s.player.paused and len(saved) == 1
    assert s.advance() == [] and not s.player.finished


def test_pause_to_read_pauses_a_running_session_only(store, clock):
    s = session(store, clock)
    s.start()
    s.pause_to_read()
    assert s.player.paused
    s.pause_to_read()  # already paused: stays paused
    assert s.player.paused
    s.toggle_pause()
    assert not s.player.paused


def test_back_restarts_the_point(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5 + 10 + 1)
    s.advance()
    s.back()
    assert s.player.current.side is L and s.view().player.preparing


def test_rate_and_start_saves_the_before_rating_with_the_session_id(store, clock):
    save_checkin(store, CheckIn("old", START - timedelta(days=1), numbness=5, tingling=2, pain=1))
    s = session(store, clock)
    s.rating.pick(6)
    s.rate_and_start()
    assert s.view().stage is Stage.PLAYING
    rated = [(c.context, c.numbness, c.session_id) for c in list_checkins(store) if c.session_id]
    assert rated == [(Context.BEFORE_SESSION, 6, s.id)]


def test_nothing_to_press_shows_the_plan_and_never_plays(store, clock):
    everywhere = Profile(skin_problems=frozenset(SkinProblem(a, BodySide.BOTH) for a in SkinArea))
    finish_setup(store, everywhere, date(2026, 3, 2))
    shown = session(store, clock).view()
    assert (shown.stage, shown.title) == (Stage.NOTHING_TO_PRESS, "Nothing to press")
    assert shown.plan.nothing_to_press[0] == "Every point chosen for you is left out for your safety:"


# --- what the player shows ------------------------------------------------------------------------


def test_getting_ready_for_the_first_side_shows_where_to_find_the_point(store, clock):
    s = session(store, clock)
    s.start()
    shown = s.view()
    p = shown.player
    assert (shown.title, shown.title_name) == ("1 of 2", "Point 1 of 2")  # issue 11: fits a 360 px title bar
    assert (p.point_name, p.meaning, p.side) == ("LI11 Quchi", "“Pool at the Bend”", "LEFT ARM")
    assert p.drawing_label == "Drawing: where LI11 is on the left arm"
    assert p.illustration == "illustrations/left/LI11.svg"  # issue 11: the side pressed is the side drawn
    assert p.preparing and p.location_lines == point("LI11").location_steps and p.other_side == ""
    assert p.warnings == ()  # LI11 has no pregnancy rule (LI4, unanswered, is never played: test_current_routine)
    ring = p.countdown
    assert (ring.seconds, ring.word, ring.label) == (5, "Get ready", "Get ready, pressing starts in 5 seconds")
    assert ring.value == 1 and not ring.pressing and not ring.paused
    assert p.progress == 0


def test_pressing_shows_the_ring_and_the_pressing_words(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5 + 5)
    s.advance()
    p = s.view().player
    assert not p.preparing
    assert (p.countdown.seconds, p.countdown.word, p.countdown.label) == (5, "Press", "5 seconds left")
    assert p.countdown.pressing and p.countdown.value == pytest.approx(0.5)
    assert p.progress == pytest.approx(0.5 / 3)
    assert p.pressing_words.startswith("Firm")  # the wording is data/routine/selection.py's
    s.toggle_pause()
    ring = s.view().player.countdown
    assert (ring.word, ring.label, ring.paused) == ("Paused", "Paused, 5 seconds left", True)


def test_the_second_side_says_same_point_and_the_pressure_note_only_comes_first(store, clock):
    save_routine(store, Routine((RoutineStep("LI11", 10, (L, R)),), pressure_note="Use light pressure."))
    s = session(store, clock)
    s.start()
    first = s.view().player
    assert first.warnings == ("Use light pressure.",)
    clock.tick(5 + 10)
    s.advance()
    second = s.view().player
    assert (second.side, second.location_lines, second.other_side) == ("RIGHT ARM", (), "Same point, other side.")
    assert second.warnings == ()
    assert second.countdown.label == "Get ready, pressing starts in 2 seconds"
    assert second.progress == pytest.approx(1 / 2)


def test_foot_points_and_light_pressure_answers_are_pressed_lightly(store, clock):
    save_routine(store, Routine((RoutineStep("KI3", 10, (L, R)), RoutineStep("LI11", 10, (L, R)))))
    s = session(store, clock)
    s.start()
    assert s.view().player.pressing_words.startswith("Press lightly")
    save_profile(store, Profile(pregnant_or_maybe=False, bleeding_risk=True))  # now the personal plan plays
    s = session(store, clock)
    s.start()
    shown = s.view().player
    assert s.routine.pressure_note and shown.warnings == (s.routine.pressure_note,)  # no unanswered caution
    assert shown.pressing_words.startswith("Press lightly")


def test_the_summary_counts_what_was_pressed(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5 + 10)
    s.advance()
    s.skip()
    clock.tick(5 + 20 + 40)  # and a little more: 80 seconds in all
    s.advance()
    shown = s.view()
    assert shown.title == "Summary"
    summary = shown.summary
    assert (summary.title, summary.message) == ("Session complete", "Well done. Your session is saved.")
    assert summary.tally == "2 of 3 point sides pressed, about 1 min."
    assert [(r.words, r.label, r.completed) for r in summary.rows] == [
        ("LI11 Quchi, left arm", "LI11 Quchi, left arm: done", True),
        ("LI11 Quchi, right arm", "LI11 Quchi, right arm: not done", False),
        ("GV14 Dazhui, middle of the neck", "GV14 Dazhui, middle of the neck: done", True),
    ]
    assert shown.rating.after_open  # the after question is asked on the summary


# --- sound ------------------------------------------------------------------------------------


def test_sounds_follow_the_cues_the_tap_returned(store, clock):
    from data.routine.cues import COMPLETE, STOPPED, TONES, point_clip, side_clip

    s = session(store, clock)
    assert s.sounds([Cue.NEXT_POINT]) == () and s.opening_sounds() == ()  # nothing plays before pressing starts
    s.start()
    assert s.opening_sounds() == (TONES[Cue.NEXT_POINT], point_clip("LI11", L))
    clock.tick(5)
    assert s.sounds(s.advance()) == (TONES[Cue.START_PRESSING],)  # the tone alone: the words came before
    clock.tick(10)
    cues = s.advance()
    assert Cue.SWITCH_SIDE in cues and s.sounds(cues) == (TONES[Cue.SWITCH_SIDE], side_clip("LI11", R))
    assert s.sounds(s.finish()) == (TONES[Cue.FINISHED], STOPPED)
    assert COMPLETE != STOPPED


def test_sound_settings_are_read_once_per_visit_and_respected(store, clock):
    from data.routine.cues import TONES
    from data.routine.sound_settings import SoundSettings, save_sound_settings

    save_sound_settings(store, SoundSettings(tones=True, voice=False, volume_percent=30))
    s = session(store, clock)
    s.start()
    assert s.opening_sounds() == (TONES[Cue.NEXT_POINT],)
    save_sound_settings(store, SoundSettings(tones=False, voice=False, volume_percent=30))
    assert s.sound.tones  # a change in Settings takes effect from the next session


# --- issue 11: the side drawn, why one side, finishing early, one figure of minutes ---------------


def test_the_drawing_shown_is_the_side_being_pressed(store, clock):
    s = session(store, clock)
    s.start()
    first = s.view().player
    assert (first.side, first.illustration) == ("LEFT ARM", "illustrations/left/LI11.svg")
    assert first.drawing_title == "Where LI11 is on the left arm"
    clock.tick(5 + 10)
    s.advance()
    second = s.view().player
    assert (second.side, second.illustration) == ("RIGHT ARM", "illustrations/LI11.svg")
    clock.tick(2 + 10)
    s.advance()
    middle = s.view().player
    assert (middle.side, middle.illustration) == ("MIDDLE OF THE NECK", "illustrations/GV14.svg")


def test_a_point_pressed_on_one_side_only_says_why(store, clock):
    save_profile(store, Profile(pregnant_or_maybe=False,
                                skin_problems=frozenset({SkinProblem(SkinArea.HAND, BodySide.LEFT)})))
    s = session(store, clock)  # the personal plan with the left hand left out
    s.start()
    shown = s.view().player
    assert (shown.point_name, shown.side) == ("LI4 Hegu", "RIGHT HAND")
    assert shown.one_side == ("Only your right hand is used: you told us about a wound or skin problem "
                              "on your left hand or wrist.")
    clock.tick(5 + s.player.current.seconds)
    s.advance()
    assert s.view().player.point_name == "LI11 Quchi"
    assert s.view().player.one_side == ""  # LI11: both arms are pressed


def test_finish_asks_first_and_keep_going_resumes(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5 + 10)
    s.advance()  # the left hand is done
    s.hold()
    question = s.finish_question()
    assert (question.title, question.words) == ("Finish now?", "You pressed 1 of 3 point sides.")
    assert s.view().player.countdown.paused  # no time runs while the question is read
    clock.tick(30)
    assert s.advance() == []
    s.release()  # "Keep going"
    ring = s.view().player.countdown
    assert not ring.paused and ring.seconds == 2  # the right hand's get-ready, where it was left


def test_release_keeps_a_pause_the_person_made(store, clock):
    s = session(store, clock)
    s.start()
    s.toggle_pause()
    s.hold()  # already paused: the question must not resume it afterwards
    s.release()
    assert s.view().player.countdown.paused


def test_yes_finish_after_the_question_stops_the_session(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5 + 4)
    s.advance()
    s.hold()
    assert s.finish() == [Cue.FINISHED]
    shown = s.view()
    assert shown.stage is Stage.SUMMARY and shown.summary.title == "Session stopped"
    assert len(today(store)) == 1 and today(store)[0].steps[0].pressed_seconds == 4


def test_finishing_with_nothing_pressed_tells_no_reminder(store, clock):
    saved = []
    s = session(store, clock, saved=saved)
    s.start()
    clock.tick(3)
    s.advance()
    s.hold()
    assert s.finish_question().words == "You pressed 0 of 3 point sides."
    s.finish()
    s.leave()
    assert saved == [] and today(store) == []  # on_saved is what moves the reminders


def test_summary_minutes_come_from_the_saved_record_and_do_not_change(store, clock):
    s = session(store, clock)
    s.start()
    clock.tick(5 + 10)
    s.advance()
    clock.tick(150)  # paused at the switch? no: the rest runs out, about 3 minutes in all
    s.advance()
    s.advance()
    tally = s.view().summary.tally
    record = today(store)[0]
    minutes = round((record.ended_at - record.started_at).total_seconds() / 60)
    assert tally == f"3 of 3 point sides pressed, about {minutes} min."
    clock.tick(60 * 10)  # another screen visited; the summary is drawn again
    assert s.view().summary.tally == tally


def test_a_before_rating_that_cannot_be_saved_keeps_the_question_and_says_why(store, clock, monkeypatch):
    import errno

    import data.screens.checkin as checkin_screen

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    s = session(store, clock)
    s.rating.pick(6)
    monkeypatch.setattr(checkin_screen, "save_checkin", full)
    s.rate_and_start()
    shown = s.view()
    assert shown.stage is Stage.BEFORE and s.player is None  # nothing starts on a failed save
    assert shown.rating.value == 6 and "phone is full" in shown.rating.problem
    monkeypatch.undo()
    s.rate_and_start()  # tried again, now with room
    assert s.view().stage is Stage.PLAYING and s.rating.view().problem == ""


def test_a_full_disk_during_a_session_keeps_the_timer_going_and_says_why(store, clock, monkeypatch):
    import errno

    import data.screens.session as session_screen

    real_save = session_screen.save_session

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    saved: list = []
    s = session(store, clock, saved=saved)
    s.start()
    monkeypatch.setattr(session_screen, "save_session", full)
    clock.tick(5 + 10)
    s.advance()  # the first side is pressed and saving fails
    shown = s.view()
    assert shown.stage is Stage.PLAYING and "phone is full" in shown.problem
    assert saved == [] and today(store) == []  # nothing claimed as saved, no reminder moved
    monkeypatch.setattr(session_screen, "save_session", real_save)
    s.skip()  # the next cue tries again with the same record
    assert s.view().problem == "" and [r.id for r in today(store)] == [s.id] and saved


@pytest.mark.parametrize("counts_for, offered", [(Slot.EVENING, True), (Slot.MORNING, False)])
def test_the_summary_offers_the_foot_check_after_a_session_that_counts_for_an_evening(store, clock, counts_for,
                                                                                     offered):
    """Issue 12: the daily foot check joins the evening session, one begun after midnight included."""
    from data.journal.footchecks import save_setting

    save_setting(store, True, START.date())
    s = PracticeSession(store, clock.now, clock.monotonic, time(14, 0), [].append,
                        lambda started_at, slot: (started_at.date(), counts_for))
    s.start()
    clock.tick(5 + 10)
    s.advance()
    s.finish()
    assert s.view().summary.offer_foot_check is offered
