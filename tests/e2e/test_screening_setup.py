"""Issue 12 end to end: the screening questions in setup change the routine.

A dialysis fistula in the left arm, told on the setup's screening page, must leave
every left-arm side out of My routine and out of the player's steps.  Taps go by
accessible names, as a screen reader user would find them.
"""
from datetime import datetime

import pytest

from data.journal.sessions import slot_for
from data.models import Side
from data.routine.catalog import point
from data.routine.profile import BodySide, load_profile
from data.routine.progression import current_routine
from data.storage.store import open_store

pytestmark = pytest.mark.e2e

LEFT_ARM = ("LEFT HAND", "LEFT ARM")


def test_a_fistula_in_the_left_arm_keeps_every_left_arm_point_out(app_server, data_dir, phone):
    app = app_server()
    phone.open(app.url)
    phone.tap("Start setup")
    phone.wait_text("Make the routine yours")
    phone.tap("Start")
    phone.wait_text("Where do you feel it?")
    phone.tap("Fingers")
    phone.tap("Palm or inner forearm")
    phone.wait_text("Palm or inner forearm selected")
    for page in ("Neck or low back", "What causes it?", "Keeping you safe", "A few more safety questions"):
        phone.tap("Next")
        phone.wait_text(page)
    phone.tap("Dialysis fistula: Yes")
    phone.wait_text("Which arm?")
    phone.tap("Dialysis fistula: Left arm")
    phone.wait_text("Dialysis fistula: Left arm selected")
    phone.tap("Numb feet: No")
    phone.wait_text("Numb feet: No selected")
    phone.tap("Next")
    phone.wait_text("Wounds and skin problems")
    phone.tap("Next")
    phone.wait_text("When to stop and get help")
    phone.tap("Save my answers")
    phone.wait_text("Your routine is ready")

    store = open_store(data_dir)
    profile = load_profile(store)
    assert profile.fistula_arm is BodySide.LEFT and profile.numb_feet is False
    assert profile.lymphoedema_arm is None and profile.amputation is None  # "Not sure / skip" kept
    today = current_routine(store, datetime.now().astimezone().date())
    arm_steps = [s for s in today.steps if point(s.point_code).region.limb == "arm"]
    assert arm_steps and all(s.sides == (Side.RIGHT,) for s in arm_steps), today

    phone.tap("See my routine")
    phone.wait_text("Your plan")
    names = phone.names()
    assert any("PC6 Neiguan" in n or "PC7 Daling" in n for n in names), names
    assert any("Only your right arm is used" in n for n in names), names

    phone.tap("Back")
    slot = slot_for(datetime.now().astimezone()).value
    phone.tap(f"Start {slot} session")
    phone.tap("Skip this question")  # the rating before the session
    phone.wait_text("Point 1 of")
    seen: list[str] = []
    for _ in range(len(today.steps) + 1):  # every point side of week 1 (arm points: one side each)
        names = phone.names()
        seen += [n for n in names if n.startswith(("LEFT ", "RIGHT ", "MIDDLE "))]
        if any("Session complete" in n for n in names):
            break
        phone.tap("Skip")
    assert seen and not any(n.startswith(LEFT_ARM) for n in seen), seen
    assert any(n.startswith(("RIGHT HAND", "RIGHT ARM")) for n in seen), seen
