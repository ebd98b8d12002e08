"""The guided session played through with a fake clock: no waiting, every transition checked."""
from data.models import Routine, RoutineStep, Side
from data.routine.player import Cue, Phase, SessionPlayer, estimated_seconds, expand

L, R, M = Side.LEFT, Side.RIGHT, Side.MIDDLE


def routine(*steps: tuple[str, int, tuple[Side, ...]]) -> Routine:
    return Routine(tuple(RoutineStep(code, secs, sides) for code, secs, sides in steps))


TWO = routine(("LI4", 10, (L, R)), ("GV14", 20, (M,)))


def test_expand_orders_left_then_right_and_midline_once():
    steps = expand(TWO)
    assert [(s.point_code, s.side, s.first_side, s.point_number) for s in steps] == [
        ("LI4", L, True, 1), ("LI4", R, False, 1), ("GV14", M, True, 2)]


def test_plays_through_with_cues_in_order():
    p = SessionPlayer(TWO, now=0, prepare_seconds=5, switch_seconds=2)
    assert (p.phase, p.current.side, p.remaining) == (Phase.PREPARE, L, 5)
    assert p.advance(5) == [Cue.START_PRESSING]
    assert p.phase is Phase.PRESS and p.remaining == 10
    assert p.advance(10) == []
    assert p.remaining == 5 and 0.49 < p.fraction_done < 0.51
    assert p.advance(15) == [Cue.SWITCH_SIDE]
    assert (p.current.side, p.phase, p.remaining) == (R, Phase.PREPARE, 2)
    assert p.advance(17 + 10) == [Cue.START_PRESSING, Cue.NEXT_POINT]
    assert p.current.point_code == "GV14" and p.remaining == 5
    assert p.advance(27 + 5 + 20) == [Cue.START_PRESSING, Cue.FINISHED]
    assert p.finished and not p.stopped_early
    assert [(r.side, r.pressed_seconds, r.completed) for r in p.results()] == [
        (L, 10, True), (R, 10, True), (M, 20, True)]


def test_one_long_gap_crosses_several_steps_exactly():
    p = SessionPlayer(TWO, now=0, prepare_seconds=5, switch_seconds=2)
    cues = p.advance(100)
    assert cues == [Cue.START_PRESSING, Cue.SWITCH_SIDE, Cue.START_PRESSING, Cue.NEXT_POINT,
                    Cue.START_PRESSING, Cue.FINISHED]
    assert p.completed_count == 3


def test_pause_stops_the_clock():
    p = SessionPlayer(TWO, now=0, prepare_seconds=0, switch_seconds=0)
    p.advance(0)
    p.advance(4)
    p.toggle_pause(4)
    assert p.advance(500) == [] and p.remaining == 6
    p.toggle_pause(500)
    assert p.advance(505) == [] and p.remaining == 1


def test_skip_moves_on_without_completing():
    p = SessionPlayer(TWO, now=0, prepare_seconds=1, switch_seconds=1)
    p.advance(4)  # 3 s pressed on the left
    assert p.skip(4) == [Cue.SWITCH_SIDE]
    left = p.results()[0]
    assert (left.pressed_seconds, left.completed) == (3, False)
    assert p.skip(4) == [Cue.NEXT_POINT]
    assert p.skip(4) == [Cue.FINISHED]
    assert p.finished and p.completed_count == 0
    assert p.skip(5) == []


def test_back_restarts_a_step_or_goes_back_when_just_started():
    p = SessionPlayer(TWO, now=0, prepare_seconds=1, switch_seconds=1)
    p.advance(12)  # left done, right preparing (switch 1 s)... 1 + 10 = 11, then 1 s of switch
    assert p.current.side is R
    p.back(12)  # only just started: back to the left side
    assert (p.current.side, p.phase) == (L, Phase.PREPARE)
    assert p.results()[0].completed is False  # to be done again
    p.advance(12 + 1 + 5)  # 5 s into pressing
    p.back(18)  # well into it: restart the same step
    assert (p.current.side, p.phase, p.phase_elapsed) == (L, Phase.PREPARE, 0)


def test_back_after_the_end_reopens_the_last_step():
    p = SessionPlayer(TWO, now=0, prepare_seconds=0, switch_seconds=0)
    p.advance(100)
    p.back(100)
    assert not p.finished and p.current.point_code == "GV14"


def test_stop_early_keeps_what_was_done():
    p = SessionPlayer(TWO, now=0, prepare_seconds=0, switch_seconds=0)
    p.advance(12)
    p.stop(12)
    assert p.finished and p.stopped_early
    assert [r.completed for r in p.results()] == [True, False, False]
    assert p.results()[1].pressed_seconds == 2


def test_estimated_seconds_counts_preparation():
    assert estimated_seconds(TWO, 5, 2) == 5 + 10 + 2 + 10 + 5 + 20


def test_only_a_session_with_pressing_in_it_counts_as_gone_through():
    skipped = SessionPlayer(TWO, now=0, prepare_seconds=1, switch_seconds=1)
    for _ in range(3):
        skipped.skip(0)
    assert skipped.finished and not skipped.stopped_early and not skipped.went_through
    played = SessionPlayer(TWO, now=0, prepare_seconds=0, switch_seconds=0)
    played.advance(100)
    assert played.went_through
    stopped = SessionPlayer(TWO, now=0, prepare_seconds=0, switch_seconds=0)
    stopped.advance(12)
    stopped.stop(12)
    assert not stopped.went_through
