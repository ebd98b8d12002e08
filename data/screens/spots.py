"""The "My tender spots" screen's behaviour: the list, where each spot stands, and add, rename, delete.

Why here: which places may be marked (seed 002: an affected limb, or the neck or low
back with a trapped nerve), whether a spot is pressed or why not, and the words when
a save fails are rules, so they are worked out and unit-tested in the core; the screen
draws ``SpotsPage`` and hands each tap to one method of ``SpotsEditor``.  A failed save
keeps what was typed and chosen, and says why in plain words.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from data.models import Region, Side
from data.routine.profile import load_rules_profile
from data.routine.progression import personal_plan
from data.routine.selection import duration_words, spots_in_routine
from data.routine.spots import (
    MAX_NAME_CHARS,
    MAX_SPOTS,
    REGION_WORDS,
    SpotError,
    TenderSpot,
    add_spot,
    delete_spot,
    load_spots,
    rename_spot,
    sides_for,
    spot_regions,
)
from data.storage.save_errors import attempt

SPOTS_ROUTE = "/spots"
NO_PLACE = ("Tell us first where you feel your symptoms (Change my answers): a spot is marked on a hand, "
            "arm, leg or foot where you feel them, or on the neck or low back when a nerve is trapped there.")
SIDE_WORDS = {Side.LEFT: "Left", Side.MIDDLE: "Middle", Side.RIGHT: "Right"}


@dataclass(frozen=True)
class SpotRow:
    """One marked spot in the list."""

    id: int
    title: str  # "Sore spot (left forearm)"
    standing: str  # "Pressed after your points, 30 seconds." or "Not pressed now: <why>."
    pressed: bool


@dataclass(frozen=True)
class SpotsPage:
    """Everything the screen shows, worked out from the store and the form."""

    rows: tuple[SpotRow, ...]
    count_words: str  # "2 of 6 spots marked."
    can_add: bool
    full_words: str  # why no spot can be added now ("" when one can)
    places: tuple[tuple[Region, str], ...]  # where a spot may be marked, with its label
    sides: tuple[tuple[Side, str], ...]  # the sides for the chosen place (none before one is chosen)
    name: str  # what is typed
    region: Region | None
    side: Side | None
    renaming: int | None  # the spot being renamed, or None when adding
    form_title: str  # "Mark a new spot" or "Rename Sore spot (left forearm)"
    save_label: str  # "Save this spot" or "Save the new name"
    problem: str  # why the last save saved nothing, in plain words; "" when it did not fail
    max_name: int = MAX_NAME_CHARS


class SpotsEditor:
    """The screen's state between taps: what is typed and chosen, and the last save's problem."""

    def __init__(self, store, now: Callable[[], datetime]) -> None:
        self.store, self.now = store, now
        self.name, self.region, self.side = "", None, None
        self.renaming: int | None = None
        self.problem = ""

    def view(self) -> SpotsPage:
        profile = load_rules_profile(self.store)
        spots = load_spots(self.store)
        rows = _rows(self.store, spots, self.now())
        places = spot_regions(profile)
        can_add = bool(places) and len(spots) < MAX_SPOTS
        full = "" if can_add else NO_PLACE if not places else (
            f"You have marked {MAX_SPOTS} spots, the most the app keeps. Delete one to mark another.")
        renamed = next((s for s in spots if s.id == self.renaming), None)
        return SpotsPage(
            rows=rows,
            count_words=f"{len(spots)} of {MAX_SPOTS} spots marked.",
            can_add=can_add,
            full_words=full,
            places=tuple((r, REGION_WORDS[r].capitalize()) for r in places),
            sides=tuple((s, SIDE_WORDS[s]) for s in sides_for(self.region)) if self.region else (),
            name=self.name,
            region=self.region,
            side=self.side,
            renaming=renamed.id if renamed else None,
            form_title=f"Rename {renamed.title}" if renamed else "Mark a new spot",
            save_label="Save the new name" if renamed else "Save this spot",
            problem=self.problem,
        )

    # -- taps ------------------------------------------------------------------------------
    def type_name(self, text: str) -> None:
        self.name = text if isinstance(text, str) else ""

    def choose_place(self, region: Region) -> None:
        self.region = Region(region)
        if self.side not in sides_for(self.region):
            self.side = None

    def choose_side(self, side: Side) -> None:
        if self.region is None or Side(side) not in sides_for(self.region):
            raise ValueError(f"{side!r} is not a side of the chosen place")
        self.side = Side(side)

    def start_rename(self, spot_id: int) -> None:
        spot = next((s for s in load_spots(self.store) if s.id == spot_id), None)
        if spot is not None:
            self.renaming, self.name, self.problem = spot.id, spot.name, ""

    def cancel(self) -> None:
        self.name, self.region, self.side, self.renaming, self.problem = "", None, None, None, ""

    def save(self) -> bool:
        """Add the spot (or save the new name); False, with ``problem`` saying why, when nothing was saved."""
        if self.renaming is None and (self.region is None or self.side is None):
            self.problem = "Choose where the spot is, and the side, then save."
            return False
        if self.renaming is not None:
            spot_id = self.renaming
            saved = attempt(lambda: _refused_or(lambda: rename_spot(self.store, spot_id, self.name)))
        else:
            profile, today = load_rules_profile(self.store), self.now().date()
            saved = attempt(lambda: _refused_or(
                lambda: add_spot(self.store, self.name, self.region, self.side, profile, today)))
        refused = saved.value if isinstance(saved.value, SpotError) else None
        self.problem = str(refused) if refused else saved.problem
        if not self.problem:
            self.cancel()
        return not self.problem

    def delete(self, spot_id: int) -> bool:
        """Delete a spot; False (``problem`` saying why) when the phone could not save it."""
        saved = attempt(lambda: _refused_or(lambda: delete_spot(self.store, spot_id)))
        self.problem = str(saved.value) if isinstance(saved.value, SpotError) else saved.problem
        if not self.problem and self.renaming == spot_id:
            self.cancel()
        return not self.problem


def _refused_or(save: Callable[[], TenderSpot]) -> TenderSpot | SpotError:
    """``save()``, or the SpotError it raised: its words (a name too long, a seventh spot) are for the
    person, while any other failure (a full phone) becomes ``attempt``'s plain "not saved" words."""
    try:
        return save()
    except SpotError as refused:
        return refused


def _rows(store, spots: tuple[TenderSpot, ...], now: datetime) -> tuple[SpotRow, ...]:
    plan = personal_plan(store, now.date()) if spots else None
    if plan is None:
        return tuple(SpotRow(s.id, s.title, "Not pressed now: answer the questions first.", False) for s in spots)
    result = spots_in_routine(plan.routine, spots, plan.profile)
    pressed = {step.spot.id: step for step in result.steps}
    why = {spot.id: reason for spot, reason in result.left_out}
    rows = []
    for s in spots:
        if s.id in pressed:
            step = pressed[s.id]
            words = f"Pressed after your points, {duration_words(step.seconds_per_side)}."
            if step.note:
                words += f" {step.note}"
            rows.append(SpotRow(s.id, s.title, words, True))
        else:
            rows.append(SpotRow(s.id, s.title, f"Not pressed now: {why[s.id]}.", False))
    return tuple(rows)
