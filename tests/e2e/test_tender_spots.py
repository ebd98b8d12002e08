"""Issue 12 end to end: mark a tender spot, see it in My routine, and find it in the player.

Taps go by accessible names, as a screen reader user would find them.
"""
from datetime import date, datetime

import pytest

from data.journal.sessions import slot_for
from data.routine.profile import Profile, Zone
from data.routine.progression import finish_setup
from data.routine.spots import load_spots
from data.storage.store import open_store

pytestmark = pytest.mark.e2e

NUMB_FINGERS = Profile(zones=frozenset({Zone.FINGERS}), pregnant_or_maybe=False, bleeding_risk=False,
                       foot_ulcer_or_charcot=False, reduced_feeling=False)
TITLE = "Tight bit (left forearm)"


def test_a_marked_spot_is_in_my_routine_and_pressed_in_the_player(app_server, data_dir, phone):
    finish_setup(open_store(data_dir), NUMB_FINGERS, date.today())
    app = app_server()
    phone.open(app.url)
    phone.tap("My routine")
    phone.wait_text("Your tender spots (0)")
    phone.tap("Mark a tender spot")
    phone.wait_text("Mark a new spot")
    phone.tap("Forearm")
    phone.wait_text("Which side?")
    phone.tap("Left")
    phone.type_into("Name of the spot", "Tight bit")
    phone.tap("Save this spot")
    phone.wait_text(TITLE)
    assert [s.title for s in load_spots(open_store(data_dir))] == [TITLE]

    phone.tap("Close")
    phone.wait_text("Your tender spots (1)")
    phone.wait_text("Pressed after your points, 30 seconds.")
    phone.tap("Back")

    slot = slot_for(datetime.now().astimezone()).value
    phone.tap(f"Start {slot} session")
    phone.tap("Skip this question")  # the rating before the session
    phone.wait_text("Point 1 of")
    for _ in range(12):  # the week-1 points, each side, then the spot
        names = phone.names()
        if any(TITLE in n for n in names) or any("Session complete" in n for n in names):
            break
        phone.tap("Skip")
    names = phone.names()
    assert any(TITLE in n for n in names), names
    assert any("LEFT ARM" in n for n in names) and any("Your own tender spot" in n for n in names), names
    assert any("Feel for the place that is tender or numb" in n for n in names), names
