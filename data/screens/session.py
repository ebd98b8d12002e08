"""The session player's screen: one visit's session, what it shows, and what each tap does.

Why here: when a session is saved, which slot it counts for and what the person
reads at each moment are rules, and rules are tested without a screen.  The view
only draws `PracticeSession.view()` and forwards taps; the timer loop calls
`advance()`.  Time is injected: `now` (aware wall clock) for what is saved,
`monotonic` for the countdown.
"""
from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from data.journal.sessions import save_session, slot_for
from data.models import SessionRecord, Slot
from data.routine.catalog import point
from data.routine.cues import Clip, clips_for, opening_clips
from data.routine.drawings import VIEWBOX, drawing_for, marked_spot, spot_drawing, spot_words
from data.routine.pace import load_practice_settings
from data.routine.player import Cue, Phase, SessionPlayer
from data.routine.profile import load_rules_profile
from data.routine.progression import PersonalPlan, personal_plan, routine_of
from data.routine.selection import SpotStep, check_point, pressing_words, spot_pressing_words, unanswered_cautions
from data.routine.sides import side_words
from data.routine.sound_settings import load_sound_settings
from data.routine.spot_sessions import session_spots, spot_side_words, step_title
from data.routine.spots import TenderSpot, is_spot_code
from data.screens.checkin import RatingView, SessionRating
from data.screens.footcheck import offer_after_session
from data.storage.save_errors import attempt

#: Said by a screen reader (and felt as a vibration) at each cue.
CUE_WORDS = {
    Cue.START_PRESSING: "Press now",
    Cue.SWITCH_SIDE: "Switch to the other side",
    Cue.NEXT_POINT: "Next point",
    Cue.FINISHED: "Session complete",
}


def cue_words(cues: Sequence[Cue]) -> str:
    """What to announce for the cues that became due at once: the latest one ("" for none)."""
    return CUE_WORDS[cues[-1]] if cues else ""


class Stage(StrEnum):
    NOTHING_TO_PRESS = "nothing_to_press"  # no safe point today (only reachable by a direct link)
    BEFORE = "before"  # the before question is on screen: no player, no timer yet
    PLAYING = "playing"
    SUMMARY = "summary"


@dataclass(frozen=True)
class Countdown:
    """The ring: seconds left in this phase and what they are for."""

    seconds: int
    word: str  # under the number: "Get ready", "Press" or "Paused"
    label: str  # the ring's accessible name, e.g. "Paused, 12 seconds left"
    value: float  # the ring's fill, 1 at the start of a phase down to 0
    pressing: bool
    paused: bool


@dataclass(frozen=True)
class PlayerView:
    """One point on one side: what the player shows above its control bar."""

    preparing: bool  # the short time to find the point, before the countdown of pressing
    progress: float  # through the whole session, 0..1
    point_name: str  # "LI4 Hegu"
    meaning: str  # "“Joining Valley”"
    side: str  # "LEFT HAND"
    illustration: str  # the drawing of the side being pressed
    drawing_label: str  # "Drawing: where LI4 is on the left hand"
    drawing_title: str  # over the drawing shown full screen: "Where LI4 is on the left hand"
    drawing_spot: tuple[float, float]  # where the drawing marks the point (viewBox units): full screen zooms there
    countdown: Countdown
    pressing_words: str  # the one line shown while pressing
    location_lines: tuple[str, ...]  # how to find the point, before its first side
    other_side: str  # "Same point, other side." before its second side, else ""
    warnings: tuple[str, ...]  # unanswered safety questions and the pressure note, before the first side
    one_side: str  # before the first side of a point pressed on one side only: why ("" otherwise)


@dataclass(frozen=True)
class FinishQuestion:
    """Asked before a session is finished early, so one stray tap cannot end it."""

    title: str  # "Finish now?"
    words: str  # "You pressed 2 of 6 point sides."


@dataclass(frozen=True)
class ResultRow:
    words: str  # "LI4 Hegu, left hand"
    label: str  # "LI4 Hegu, left hand: done"
    completed: bool


@dataclass(frozen=True)
class SummaryView:
    title: str  # "Session complete" or "Session stopped"
    message: str
    tally: str  # "2 of 3 point sides pressed, about 4 min."
    rows: tuple[ResultRow, ...]
    offer_foot_check: bool = False  # an evening session (after midnight too) and the feet not yet checked today


@dataclass(frozen=True)
class SessionView:
    """The whole screen at this moment: its stage, title and the part that stage shows."""

    stage: Stage
    title: str  # short enough for a 360 px title bar: "3 of 7" while playing
    plan: PersonalPlan | None = None  # NOTHING_TO_PRESS: why (None before the first-run questions)
    rating: RatingView | None = None  # BEFORE and SUMMARY
    player: PlayerView | None = None  # PLAYING
    summary: SummaryView | None = None  # SUMMARY
    title_name: str = ""  # the title as a screen reader says it, when the short one needs more: "Point 3 of 7"
    problem: str = ""  # why the session could not be saved just now, in plain words ("" when it was)


class PracticeSession:
    """One visit to the player: the player plus what is needed to save it.

    The player is made only when the before question is answered or skipped, so the
    timer and the saved start time begin when pressing does.  Nothing is saved
    until something was pressed (a record would also silence this slot's
    reminders); after that the record is saved as it goes, upserted by one id
    per visit, so closing the app keeps what was pressed.
    """

    def __init__(
        self,
        store,
        now: Callable[[], datetime],
        monotonic: Callable[[], float],
        day_split: time,
        on_saved: Callable[[SessionRecord], None],
        slot_day: Callable[[datetime, Slot], tuple[date, Slot]] | None = None,
    ) -> None:
        """`slot_day(started_at, slot)`: the slot-day a session starting then counts for, asked as
        pressing begins (the reminder hub's slot_day_for: after the 23:30 evening reminder, a start
        at 00:05 is that evening's). Without it, the date it starts on and the slot of its time."""
        self.store = store
        self.now = now
        self.monotonic = monotonic
        self.day_split = day_split
        self.on_saved = on_saved
        self.slot_day = slot_day or (lambda started_at, slot: (started_at.date(), slot))
        self.pace = load_practice_settings(store)
        self.sound = load_sound_settings(store)
        self.plan = personal_plan(store, now().date())
        self.routine = routine_of(self.plan, store)
        self.profile = load_rules_profile(store)
        self.spots = session_spots(self.plan, store)  # the person's tender spots, pressed after the points
        self.player: SessionPlayer | None = None
        self.id = uuid.uuid4().hex
        self.rating = SessionRating(store, self.id, now)
        self.started_at: datetime = now()
        self.counts_for: tuple[date, Slot] | None = None  # the slot-day it closes, fixed when pressing begins
        self.saved_done = False
        self.problem = ""  # why the last save failed ("" when it did not)
        self.record: SessionRecord | None = None  # the last record saved in this visit
        self._held = False  # paused by the finish question or the full-screen drawing, to resume after

    # -- reading -------------------------------------------------------------------------
    @property
    def stage(self) -> Stage:
        if not self.routine.steps:
            return Stage.NOTHING_TO_PRESS
        if self.player is None:
            return Stage.BEFORE
        return Stage.SUMMARY if self.player.finished else Stage.PLAYING

    def view(self) -> SessionView:
        stage = self.stage
        p = self.player
        if stage is Stage.NOTHING_TO_PRESS:
            return SessionView(stage, "Nothing to press", plan=self.plan)
        if stage is Stage.BEFORE:
            return SessionView(stage, "Before you start", rating=self.rating.view())
        if stage is Stage.SUMMARY:
            return SessionView(stage, "Summary", rating=self.rating.view(), summary=self._summary(),
                               problem=self.problem)
        where = f"{p.current.point_number} of {p.point_count}"
        return SessionView(stage, where, player=self._playing(), title_name=f"Point {where}", problem=self.problem)

    def _countdown(self) -> Countdown:
        p = self.player
        secs = math.ceil(p.remaining)
        pressing = p.phase is Phase.PRESS
        if p.paused:
            label, word = f"Paused, {secs} seconds left", "Paused"
        elif pressing:
            label, word = f"{secs} seconds left", "Press"
        else:
            label, word = f"Get ready, pressing starts in {secs} seconds", "Get ready"
        return Countdown(secs, word, label, 1 - p.fraction_done, pressing, p.paused)

    def _spot(self, code: str) -> SpotStep | None:
        """The tender spot a step with this code presses (None for a catalog point)."""
        return next((s for s in self.spots if s.spot.code == code), None)

    def _playing(self) -> PlayerView:
        p = self.player
        step = p.current
        spot = self._spot(step.point_code)
        if spot is not None:
            return self._playing_spot(spot)
        pt = point(step.point_code)
        side = side_words(pt, step.side)
        one_side = check_point(pt.code, self.profile).side_note() if step.first_side else ""
        warnings = [*unanswered_cautions(pt.code, self.profile)]
        if self.routine.pressure_note and step.first_side:
            warnings.append(self.routine.pressure_note)
        return PlayerView(
            preparing=p.phase is Phase.PREPARE,
            progress=(p.index + p.fraction_done * (p.phase is Phase.PRESS)) / len(p.steps),
            point_name=f"{pt.code} {pt.pinyin}",
            meaning=f"“{pt.meaning}”",
            side=side.upper(),
            illustration=drawing_for(pt, step.side),
            drawing_label=f"Drawing: where {pt.code} is on the {side.lower()}",
            drawing_title=f"Where {pt.code} is on the {side.lower()}",
            drawing_spot=marked_spot(pt, step.side),
            countdown=self._countdown(),
            pressing_words=pressing_words(pt.code, self.profile),
            location_lines=pt.location_steps if step.first_side else (),
            other_side="" if step.first_side else "Same point, other side.",
            warnings=tuple(warnings),
            one_side=one_side[:1].upper() + one_side[1:] + "." if one_side else "",
        )

    def _playing_spot(self, step: SpotStep) -> PlayerView:
        """A tender spot: its name, its limb's drawing (none on the neck or back: words say where), and the
        pressing words, cautions and light-pressure note of a point in its place."""
        p, spot = self.player, step.spot
        side = spot_side_words(spot)
        drawing = spot_drawing(spot)
        warnings = [*step.cautions, *((step.note,) if step.note else ())]
        if self.routine.pressure_note and self.routine.pressure_note not in warnings:
            warnings.append(self.routine.pressure_note)
        return PlayerView(
            preparing=p.phase is Phase.PREPARE,
            progress=(p.index + p.fraction_done * (p.phase is Phase.PRESS)) / len(p.steps),
            point_name=spot.title,
            meaning="Your own tender spot",
            side=side.upper(),
            illustration=drawing,
            drawing_label=f"Drawing: your {side.lower()}. {spot_words(spot)}" if drawing else spot_words(spot),
            drawing_title=f"Your spot on {spot.where}",
            drawing_spot=(VIEWBOX[0] / 2, VIEWBOX[1] / 2),  # the person's own place: no ring marks it
            countdown=self._countdown(),
            pressing_words=spot_pressing_words(spot, self.profile),
            location_lines=(spot_words(spot),),
            other_side="",
            warnings=tuple(warnings),
            one_side="",
        )

    def _summary(self) -> SummaryView:
        p = self.player
        results = p.results()
        pressed = f"{p.completed_count} of {len(results)} point sides pressed"
        spots: tuple[TenderSpot, ...] = tuple(s.spot for s in self.spots)
        rows = []
        for r in results:
            if is_spot_code(r.point_code):  # its title says the side: "Sore spot (left forearm)"
                words = step_title(r.point_code, spots)
            else:
                pt = point(r.point_code)
                words = f"{pt.code} {pt.pinyin}, {side_words(pt, r.side).lower()}"
            rows.append(ResultRow(words, f"{words}: {'done' if r.completed else 'not done'}", r.completed))
        if self.record is None:  # nothing was pressed, so nothing was saved
            message, tally = "Nothing was pressed, so nothing was saved.", f"{pressed}."
        else:  # the minutes of the saved record: the same figure whenever the summary is drawn again
            minutes = max(1, round((self.record.ended_at - self.record.started_at).total_seconds() / 60))
            message = ("Well done. Your session is saved." if p.went_through
                       else "That is fine: every bit counts. What you did is saved.")
            tally = f"{pressed}, about {minutes} min."
        return SummaryView(
            title="Session complete" if p.went_through else "Session stopped",
            message=message,
            tally=tally,
            rows=tuple(rows),
            offer_foot_check=self.counts_for is not None and offer_after_session(
                self.store, self.now(), self.counts_for[1]),
        )

    def finish_question(self) -> FinishQuestion:
        """What "Finish" asks first: how much of the session was pressed so far."""
        p = self.player
        return FinishQuestion("Finish now?", f"You pressed {p.completed_count} of {len(p.steps)} point sides.")

    def sounds(self, cues: Sequence[Cue]) -> tuple[Clip, ...]:
        """What to play for the cues just returned: a tone, then the new point's or side's words."""
        p = self.player
        return () if p is None else clips_for(cues, p.current, p.went_through, self.sound, self._spot_at())

    def opening_sounds(self) -> tuple[Clip, ...]:
        """What to play as pressing begins: the first point's words, as for any new point."""
        return () if self.player is None else opening_clips(self.player.current, self.sound, self._spot_at())

    def _spot_at(self) -> TenderSpot | None:
        """The tender spot being pressed now, if it is one (its cue says its side)."""
        found = self._spot(self.player.current.point_code)
        return found.spot if found else None

    # -- taps ----------------------------------------------------------------------------
    def start(self) -> None:
        """The before question was skipped (or answered): the timer and the start time begin now."""
        self.player = SessionPlayer(
            self.routine,
            self.monotonic(),
            prepare_seconds=self.pace.prepare_seconds,
            switch_seconds=self.pace.switch_seconds,
            spots=self.spots,
        )
        self.started_at = self.now()
        self.counts_for = self.slot_day(self.started_at, slot_for(self.started_at, self.day_split))

    def rate_and_start(self) -> None:
        """"Save and start": the before rating is saved, then the session starts.

        If the rating could not be saved the question stays, saying why, with the
        value kept: the person can try again or skip it.
        """
        if self.rating.save_before():
            self.start()

    def toggle_pause(self) -> None:
        self.player.toggle_pause(self.monotonic())

    def pause_to_read(self) -> None:
        """The Safety sheet opens over the player: pause a running session so no time is lost."""
        p = self.player
        if p is not None and not p.finished and not p.paused:
            self.toggle_pause()

    def hold(self) -> None:
        """The finish question or the full-screen drawing opens: pause, and remember to resume."""
        p = self.player
        if p is not None and not p.finished and not p.paused:
            self.toggle_pause()
            self._held = True

    def release(self) -> None:
        """"Keep going" or "Close": resume if `hold` paused the session (a pause of the person's own stays)."""
        p = self.player
        if self._held and p is not None and not p.finished and p.paused:
            self.toggle_pause()
        self._held = False

    def back(self) -> None:
        self.player.back(self.monotonic())

    def skip(self) -> list[Cue]:
        return self._kept(self.player.skip(self.monotonic()))

    def finish(self) -> list[Cue]:
        """"Yes, finish" (after `finish_question`): stop here and keep what was pressed."""
        self._held = False
        self.player.stop(self.monotonic())
        return self._kept([Cue.FINISHED])

    def advance(self) -> list[Cue]:
        """Let the clock run up to now (the timer loop); the cues that became due."""
        return self._kept(self.player.advance(self.monotonic()))

    def connection_lost(self) -> None:
        """The tab was closed or lost its connection: stop the clock, keep what was pressed.

        The session must not "finish" on its own while nobody is watching.
        """
        p = self.player
        if p is not None and not p.finished and not p.paused:
            p.toggle_pause(self.monotonic())
            self.save()

    def leave(self) -> None:
        """The screen closes: keep what was pressed."""
        self.save()

    # -- saving --------------------------------------------------------------------------
    def _kept(self, cues: list[Cue]) -> list[Cue]:
        """Progress is kept as it goes: saved at every cue but the start of pressing."""
        if any(c is not Cue.START_PRESSING for c in cues):
            self.save()
        return cues

    def save(self) -> None:
        p = self.player
        # Nothing pressed yet: nothing to save (a record would also silence this slot's reminders).
        if self.saved_done or p is None or not any(r.pressed_seconds for r in p.results()):
            return
        day, slot = self.counts_for
        record = SessionRecord(
            id=self.id,
            slot=slot,
            started_at=self.started_at,
            ended_at=self.now(),
            steps=p.results(),
            finished=p.went_through,
            for_day=day if day != self.started_at.date() else None,
        )
        # A full disk must not stop the timer: the session goes on, the screen says why, and
        # the next cue (or leaving) tries again with the same record id.
        self.problem = attempt(lambda: save_session(self.store, record)).problem
        if self.problem:
            return
        self.record = record
        self.on_saved(record)
        self.saved_done = p.finished
