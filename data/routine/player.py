"""The guided-session state machine: which point and side, how long is left, what cue is due.

Kept free of the UI and of real time: every call takes `now` (monotonic seconds)
so the whole session can be played through in a test in microseconds, and the
screen only renders `SessionPlayer`'s state and forwards taps.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from data.models import Routine, Side, StepResult
from data.routine.selection import SpotStep

# Tapping Back later than this into a press restarts the step instead of going back one.
BACK_RESTARTS_AFTER_SECONDS = 3.0


class Phase(StrEnum):
    PREPARE = "prepare"  # find the point (or move to the other side) before the timer runs
    PRESS = "press"  # the countdown of pressing
    DONE = "done"


class Cue(StrEnum):
    """Moments the person should notice without looking: each gets a haptic, sound or pulse."""

    START_PRESSING = "start_pressing"
    SWITCH_SIDE = "switch_side"
    NEXT_POINT = "next_point"
    FINISHED = "finished"


@dataclass(frozen=True)
class PlayStep:
    """One point (or one of the person's tender spots) on one side, as played."""

    point_code: str  # a catalog code, or a spot's code ("spot-3", data.routine.spots.is_spot_code)
    side: Side
    seconds: int
    point_number: int  # 1-based position of the point in the routine
    first_side: bool  # the first side of this point: a new point to find


def expand(routine: Routine, spots: Sequence[SpotStep] = ()) -> tuple[PlayStep, ...]:
    """Turn routine steps into the played sequence: each point left then right (or once), then the
    person's tender spots (``selection.spots_in_routine``), each on its own side."""
    out: list[PlayStep] = []
    for number, step in enumerate(routine.steps, start=1):
        for i, side in enumerate(step.sides):
            out.append(PlayStep(step.point_code, side, step.seconds_per_side, number, i == 0))
    for number, spot in enumerate(spots, start=len(routine.steps) + 1):
        out.append(PlayStep(spot.spot.code, spot.spot.side, spot.seconds_per_side, number, True))
    return tuple(out)


class SessionPlayer:
    """Plays a routine step by step; every method takes the current monotonic time."""

    def __init__(
        self,
        routine: Routine,
        now: float,
        prepare_seconds: float = 6.0,
        switch_seconds: float = 3.0,
        spots: Sequence[SpotStep] = (),
    ) -> None:
        self.steps = expand(routine, spots)
        if not self.steps:
            raise ValueError("a routine needs at least one step")
        self.point_count = len(routine.steps) + len(spots)
        self.prepare_seconds = prepare_seconds
        self.switch_seconds = switch_seconds
        self.index = 0
        self.phase = Phase.PREPARE
        self.phase_elapsed = 0.0
        self.paused = False
        self.stopped_early = False
        self._last = now
        self._pressed = [0.0] * len(self.steps)
        self._completed = [False] * len(self.steps)

    # -- reading state -------------------------------------------------------------------
    @property
    def current(self) -> PlayStep:
        return self.steps[min(self.index, len(self.steps) - 1)]

    @property
    def finished(self) -> bool:
        return self.phase is Phase.DONE

    @property
    def phase_length(self) -> float:
        if self.phase is Phase.PRESS:
            return float(self.current.seconds)
        if self.phase is Phase.PREPARE:
            return self.prepare_seconds if self.current.first_side else self.switch_seconds
        return 0.0

    @property
    def remaining(self) -> float:
        """Seconds left in the current phase."""
        return max(0.0, self.phase_length - self.phase_elapsed)

    @property
    def fraction_done(self) -> float:
        """How far the current phase has run, 0..1 (drives the countdown ring)."""
        length = self.phase_length
        return 1.0 if length <= 0 else min(1.0, self.phase_elapsed / length)

    @property
    def next_step(self) -> PlayStep | None:
        return self.steps[self.index + 1] if self.index + 1 < len(self.steps) else None

    def results(self) -> tuple[StepResult, ...]:
        """Every planned step with the seconds actually pressed and whether it ran out."""
        return tuple(
            StepResult(s.point_code, s.side, s.seconds, round(self._pressed[i]), self._completed[i])
            for i, s in enumerate(self.steps)
        )

    @property
    def completed_count(self) -> int:
        return sum(self._completed)

    @property
    def went_through(self) -> bool:
        """The session counts as done: it reached the end and at least one step ran its time.

        Skipping every step reaches the end too, but must not count as practice
        (the calendar, the streak and the plan's growth all rely on this).
        """
        return self.finished and not self.stopped_early and self.completed_count > 0

    # -- driving it ----------------------------------------------------------------------
    def advance(self, now: float) -> list[Cue]:
        """Let time pass up to `now`; returns the cues that became due, in order."""
        dt = max(0.0, now - self._last)
        self._last = now
        cues: list[Cue] = []
        if self.paused:
            return cues
        while dt > 0 and self.phase is not Phase.DONE:
            left = self.phase_length - self.phase_elapsed
            if dt < left:
                self._spend(dt)
                break
            self._spend(left)
            dt -= left
            cues.append(self._end_phase())
        return cues

    def toggle_pause(self, now: float) -> None:
        self.advance(now)
        self.paused = not self.paused

    def skip(self, now: float) -> list[Cue]:
        """Leave the current step unfinished and move on."""
        self.advance(now)
        if self.phase is Phase.DONE:
            return []
        return [self._next_step()]

    def back(self, now: float) -> None:
        """Restart the current step, or go to the previous one if it has only just begun."""
        self.advance(now)
        if self.phase is Phase.DONE:
            self.index = len(self.steps) - 1
        elif self.phase_elapsed <= BACK_RESTARTS_AFTER_SECONDS or self.phase is Phase.PREPARE:
            self.index = max(0, self.index - 1)
        self._completed[self.index] = False
        self.phase = Phase.PREPARE
        self.phase_elapsed = 0.0

    def stop(self, now: float) -> None:
        """End the session now, keeping what was done."""
        self.advance(now)
        if self.phase is not Phase.DONE:
            self.stopped_early = True
        self.phase = Phase.DONE
        self.phase_elapsed = 0.0

    # -- internals -----------------------------------------------------------------------
    def _spend(self, seconds: float) -> None:
        self.phase_elapsed += seconds
        if self.phase is Phase.PRESS:
            self._pressed[self.index] += seconds

    def _end_phase(self) -> Cue:
        if self.phase is Phase.PREPARE:
            self.phase = Phase.PRESS
            self.phase_elapsed = 0.0
            return Cue.START_PRESSING
        self._completed[self.index] = True
        return self._next_step()

    def _next_step(self) -> Cue:
        self.phase_elapsed = 0.0
        if self.index + 1 >= len(self.steps):
            self.phase = Phase.DONE
            return Cue.FINISHED
        self.index += 1
        self.phase = Phase.PREPARE
        return Cue.NEXT_POINT if self.current.first_side else Cue.SWITCH_SIDE


def estimated_seconds(
    routine: Routine, prepare_seconds: float, switch_seconds: float, spots: Sequence[SpotStep] = ()
) -> float:
    """How long the whole session takes if nothing is paused or skipped."""
    steps = expand(routine, spots)
    return sum(s.seconds + (prepare_seconds if s.first_side else switch_seconds) for s in steps)
