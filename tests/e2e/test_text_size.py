"""Issue 11 end to end: at the largest text size the app offers, the player still fits a 360x640 phone.

The size is chosen in Settings, as a person would; the ring, the drawing and the side
then sit above the control bar (measured from the accessibility tree), light and dark.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from data.journal.sessions import slot_for
from data.models import Routine, RoutineStep, Side
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.saved import save_routine
from data.routine.text_size import TextSize, load_text_size
from data.storage.store import open_store
from tests.e2e.conftest import Phone
from tests.e2e.test_player_sizes import assert_big_buttons, box

pytestmark = pytest.mark.e2e
WIDTH, HEIGHT = 360, 640


def assert_fits_above_the_bar(phone: Phone, *names: str) -> None:
    bar_top = min(box(phone, n, "button")["y"] for n in ("Back", "Skip"))
    for name in names:
        b = box(phone, name)
        assert b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["width"] <= WIDTH + 0.5, (name, b)
        assert b["y"] + b["height"] <= bar_top + 0.5, (name, b, bar_top)
        assert b["width"] >= 90 and b["height"] >= 30, (name, b)  # the whole node, not a sliver


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_player_fits_at_the_largest_text_size(app_server, data_dir, browser, scheme):
    store = open_store(data_dir)
    save_routine(store, Routine((RoutineStep("ST36", 6, (Side.LEFT, Side.RIGHT)),)))
    save_practice_settings(store, PracticeSettings(prepare_seconds=5, switch_seconds=1))
    app = app_server()
    ctx = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True,
                              color_scheme=scheme)
    try:
        phone = Phone(ctx.new_page())
        phone.open(app.url)
        phone.tap("Settings")
        phone.wait_text("Morning reminder")
        phone.page.mouse.wheel(0, 6000)  # the question is at the bottom of the screen
        phone.tap("Text size Largest")
        phone.wait_text("Text size Largest, chosen")
        assert load_text_size(open_store(data_dir)) is TextSize.LARGEST
        phone.tap("Today")
        phone.tap(f"Start {slot_for(datetime.now().astimezone()).value} session")
        phone.tap("Skip this question")
        phone.wait_text("Get ready")
        phone.page.wait_for_timeout(600)
        assert_fits_above_the_bar(phone, "Drawing: where", "seconds", "LEFT LEG")
        assert_big_buttons(phone)
        phone.wait_text("seconds left", timeout=12)  # pressing
        phone.page.wait_for_timeout(600)
        assert_fits_above_the_bar(phone, "Drawing: where", "seconds", "LEFT LEG")
        assert_big_buttons(phone)
        assert not phone.outside, phone.outside
    finally:
        ctx.close()
