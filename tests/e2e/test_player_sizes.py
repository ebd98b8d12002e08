"""Issue 11 end to end: the player on small and big phones, light and dark.

The ring, the drawing and the side badge are fully on screen above the control bar
(measured from the accessibility tree's node rectangles), every button is at least
48x48, and "Finish" asks before it ends the session.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from data.journal.sessions import slot_for
from data.models import Routine, RoutineStep, Side
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.saved import save_routine
from data.storage.store import open_store
from tests.e2e.conftest import Phone

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def box(phone: Phone, name: str, role: str | None = None) -> dict:
    """The rectangle of the innermost node named `name` (a text match also matches its ancestors)."""
    phone.wait_text(name)
    boxes = phone.page.evaluate(
        """([name, role]) => [...document.querySelectorAll('flt-semantics')]
             .filter(e => !role || e.getAttribute('role') === role)
             .filter(e => (e.getAttribute('aria-label') || '').includes(name) ||
                          [...e.childNodes].some(n => (n.nodeType === 3 || n.tagName === 'SPAN')
                                                      && n.textContent.includes(name)))
             .map(e => { const r = e.getBoundingClientRect();
                         return {x: r.x, y: r.y, width: r.width, height: r.height}; })""",
        [name, role],
    )
    assert boxes, f"{name!r} not found; names: {phone.names()}"
    return min(boxes, key=lambda b: b["width"] * b["height"])


def assert_above_the_bar(phone: Phone, width: int, height: int, *more: str) -> None:
    bar_top = min(box(phone, n, "button")["y"] for n in ("Back", "Skip"))
    for name in ("Drawing: where", "seconds", "LEFT ARM", *more):
        b = box(phone, name)
        assert b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["width"] <= width + 0.5, (name, b)
        assert b["y"] + b["height"] <= bar_top + 0.5, (name, b, bar_top)
        assert b["width"] >= 100 and b["height"] >= 30, (name, b)  # the whole node, not a sliver


def assert_big_buttons(phone: Phone) -> None:
    small = []
    for node in phone.page.locator("flt-semantics[role='button'], flt-semantics[role='slider']").all():
        b = node.bounding_box()
        if b and (b["width"] < 48 or b["height"] < 48):
            small.append((node.get_attribute("aria-label") or node.inner_text(), b))
    assert not small, small


@pytest.mark.parametrize("width, height", [(360, 640), (412, 915)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_player_fits_above_its_control_bar(app_server, data_dir, browser, width, height, scheme):
    store = open_store(data_dir)
    save_routine(store, Routine((RoutineStep("LI11", 6, (Side.LEFT, Side.RIGHT)),)))
    save_practice_settings(store, PracticeSettings(prepare_seconds=4, switch_seconds=1))
    app = app_server()
    ctx = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                              color_scheme=scheme)
    try:
        phone = Phone(ctx.new_page())
        phone.open(app.url)
        phone.tap(f"Start {slot_for(datetime.now().astimezone()).value} session")
        phone.tap("Skip this question")
        phone.wait_text("Get ready")
        phone.wait_text("Point 1 of 1")
        phone.page.wait_for_timeout(600)
        assert_above_the_bar(phone, width, height)  # getting ready: the big drawing and the ring
        assert_big_buttons(phone)
        assert box(phone, "Drawing: where")["width"] >= 150
        phone.wait_text("seconds left", timeout=10)  # pressing
        phone.page.wait_for_timeout(600)
        assert_above_the_bar(phone, width, height, "Breathe slowly")  # and the pressing line
        assert_big_buttons(phone)
        if scheme == "light":
            phone.shot(SCREENSHOTS / f"player-{width}.png")
    finally:
        ctx.close()


def test_finish_asks_first_and_the_drawing_opens_full_screen(app_server, data_dir, browser):
    store = open_store(data_dir)
    save_routine(store, Routine((RoutineStep("LI11", 30, (Side.LEFT, Side.RIGHT)),)))
    save_practice_settings(store, PracticeSettings(prepare_seconds=1, switch_seconds=1))
    app = app_server()
    ctx = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True)
    try:
        phone = Phone(ctx.new_page())
        phone.open(app.url)
        phone.tap(f"Start {slot_for(datetime.now().astimezone()).value} session")
        phone.tap("Skip this question")
        phone.wait_text("seconds left")
        phone.tap("Drawing: where LI11 is on the left arm")
        phone.wait_text("Where LI11 is on the left arm")
        assert_big_buttons(phone)
        phone.tap("Close")
        phone.tap("Finish")
        phone.wait_text("Finish now?")
        phone.wait_text("You pressed 0 of 2 point sides.")
        assert_big_buttons(phone)
        phone.tap("Keep going")
        phone.wait_text("LEFT ARM")
        assert not any("Finish now?" in n for n in phone.names())
        phone.tap("Finish")
        phone.tap("Yes, finish")
        phone.wait_text("Session stopped")
    finally:
        ctx.close()
