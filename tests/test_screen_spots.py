"""The "My tender spots" screen's rules (data.screens.spots): the list, where each spot stands,
add, rename and delete, and a failed save that keeps what was typed.

Uses the real store in a temporary folder; the clock is passed in.
"""
from __future__ import annotations

import errno
from datetime import datetime, timezone

import pytest

from data.models import Region, Side
from data.routine.profile import BodySide, Profile, Zone
from data.routine.progression import finish_setup
from data.routine.spots import MAX_SPOTS, load_spots
from data.screens.spots import NO_PLACE, SpotsEditor
from data.storage.save_errors import PHONE_FULL
from data.storage.store import open_store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
ANSWERS = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=False, foot_ulcer_or_charcot=False,
                  numb_feet=True, fistula_arm=BodySide.LEFT)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


@pytest.fixture
def editor(store):
    finish_setup(store, ANSWERS, NOW.date())
    return SpotsEditor(store, lambda: NOW)


def mark(editor: SpotsEditor, name: str, region: Region, side: Side) -> bool:
    editor.type_name(name)
    editor.choose_place(region)
    editor.choose_side(side)
    return editor.save()


def test_before_any_answers_no_spot_can_be_marked(store):
    page = SpotsEditor(store, lambda: NOW).view()
    assert not page.can_add and page.full_words == NO_PLACE and page.places == ()


def test_places_offered_are_the_affected_limbs(editor):
    page = editor.view()
    assert page.can_add and page.count_words == "0 of 6 spots marked."
    assert (Region.HAND, "Hand") in page.places and (Region.SOLE, "Sole of the foot") in page.places
    assert Region.NECK not in dict(page.places)
    assert page.sides == ()  # until a place is chosen
    editor.choose_place(Region.WRIST)
    assert [label for _s, label in editor.view().sides] == ["Left", "Right"]


def test_a_marked_spot_is_listed_with_where_it_stands(editor, store):
    assert mark(editor, "Tender sole", Region.SOLE, Side.RIGHT)
    assert mark(editor, "Wrist", Region.WRIST, Side.LEFT)  # the fistula arm
    page = editor.view()
    assert [r.title for r in page.rows] == ["Tender sole (right sole)", "Wrist (left wrist)"]
    sole, wrist = page.rows
    assert sole.pressed and sole.standing.startswith("Pressed after your points, 30 seconds. Press lightly")
    assert not wrist.pressed
    assert wrist.standing == ("Not pressed now: nothing should press on the arm with a dialysis fistula, "
                              "so your left arm is not used.")
    assert page.name == "" and page.region is None  # the form is cleared after a save


def test_a_spot_needs_a_place_a_side_and_a_short_name(editor):
    editor.type_name("Spot")
    assert not editor.save() and "Choose where" in editor.view().problem
    editor.choose_place(Region.HAND)
    editor.choose_side(Side.LEFT)
    editor.type_name("x" * 41)
    assert not editor.save()
    assert editor.view().problem == "Keep the name to 40 letters or fewer."
    assert editor.view().name == "x" * 41  # kept to correct
    with pytest.raises(ValueError):
        editor.choose_side(Side.MIDDLE)  # a hand has no middle


def test_rename_and_delete(editor, store):
    mark(editor, "Shin", Region.LOWER_LEG, Side.LEFT)
    spot_id = load_spots(store)[0].id
    editor.start_rename(spot_id)
    page = editor.view()
    assert (page.form_title, page.save_label, page.name) == ("Rename Shin (left lower leg)", "Save the new name",
                                                              "Shin")
    editor.type_name("Outer shin")
    assert editor.save()
    assert load_spots(store)[0].name == "Outer shin"
    assert editor.delete(spot_id) and load_spots(store) == ()
    assert not editor.delete(spot_id) and editor.view().problem == "That spot is no longer there."


def test_the_seventh_spot_is_refused_in_plain_words(editor):
    for i in range(MAX_SPOTS):
        assert mark(editor, f"Spot {i}", Region.HAND, Side.RIGHT)
    page = editor.view()
    assert not page.can_add and page.full_words.startswith("You have marked 6 spots")


class FullStore:
    """Reads work; every write fails as on a full phone."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name):
        if name in ("put_doc", "update_doc"):
            def full(*args, **kwargs):
                raise OSError(errno.ENOSPC, "No space left on device")
            return full
        return getattr(self.inner, name)


def test_a_full_phone_says_not_saved_and_keeps_the_form(editor, store):
    full = SpotsEditor(FullStore(store), lambda: NOW)
    assert not mark(full, "Sole", Region.SOLE, Side.LEFT)
    page = full.view()
    assert page.problem == PHONE_FULL
    assert (page.name, page.region, page.side) == ("Sole", Region.SOLE, Side.LEFT)
    assert load_spots(store) == ()
