"""Issue 2 end to end: open Today, practise the routine step by step, see it done and saved."""
import time
from datetime import datetime

import pytest

from data.journal.sessions import sessions_on, slot_for
from data.models import Routine, RoutineStep, Side
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.saved import save_routine
from data.storage.store import open_store

pytestmark = pytest.mark.e2e


def short_routine(store, first_seconds: int = 2) -> None:
    save_routine(store, Routine((
        RoutineStep("LI11", first_seconds, (Side.LEFT, Side.RIGHT)),
        RoutineStep("GV14", 2, (Side.MIDDLE,)),
    )))
    save_practice_settings(store, PracticeSettings(prepare_seconds=1, switch_seconds=1))


def test_practise_a_whole_session(app_server, data_dir, phone, tmp_path):
    short_routine(open_store(data_dir))
    app = app_server()
    slot = slot_for(datetime.now().astimezone()).value
    phone.open(app.url)
    phone.wait_text(f"{slot.capitalize()} session: Not done yet")
    phone.shot(tmp_path / "today.png")

    phone.tap(f"Start {slot} session")
    phone.tap("Skip this question")  # the rating before the session (issue 3)
    phone.wait_text("Point 1 of 2")
    phone.wait_text("LI11 Quchi")
    phone.wait_text("LEFT ARM")
    for name in ("Back", "Pause", "Skip", "Finish"):
        assert phone.node(name, "button").count(), name
    phone.wait_text("RIGHT ARM", timeout=10)  # the timer ran out on the left: switch cue
    phone.tap("Skip")  # right arm left undone on purpose
    phone.wait_text("GV14")
    phone.wait_text("Session complete", timeout=15)
    phone.wait_text("2 of 3 point sides pressed")
    phone.shot(tmp_path / "summary.png")
    phone.tap("Back to Today")
    phone.wait_text(f"{slot.capitalize()} session: Done")

    saved = sessions_on(open_store(data_dir), datetime.now().astimezone().date())
    assert len(saved) == 1
    s = saved[0]
    assert s.finished and s.slot.value == slot and s.ended_at > s.started_at
    assert [(r.point_code, r.side, r.completed) for r in s.steps] == [
        ("LI11", Side.LEFT, True), ("LI11", Side.RIGHT, False), ("GV14", Side.MIDDLE, True)]
    assert not [u for u in phone.outside if "rive" not in u], phone.outside


def begin_session(app_server, data_dir, phone, first_seconds: int) -> str:
    """Save a short routine, open Today, start this slot's session and skip the rating; the slot."""
    short_routine(open_store(data_dir), first_seconds)
    app = app_server()
    slot = slot_for(datetime.now().astimezone()).value
    phone.open(app.url)
    phone.tap(f"Start {slot} session")
    phone.tap("Skip this question")
    return slot


def test_finish_early_saves_a_partial_session(app_server, data_dir, phone):
    slot = begin_session(app_server, data_dir, phone, first_seconds=30)
    phone.wait_text("LI11 Quchi")
    phone.wait_text("seconds left")  # pressing has begun
    phone.page.wait_for_timeout(2500)
    phone.tap("Finish")
    phone.tap("Yes, finish")  # issue 11: Finish asks first
    phone.wait_text("Session stopped")
    phone.tap("Back to Today")
    phone.wait_text(f"{slot.capitalize()} session: Started: 0 of 3 steps done")
    saved = sessions_on(open_store(data_dir), datetime.now().astimezone().date())
    assert len(saved) == 1 and not saved[0].finished
    assert saved[0].steps[0].pressed_seconds >= 2 and not saved[0].steps[0].completed


def test_leaving_before_pressing_saves_nothing(app_server, data_dir, phone):
    slot = begin_session(app_server, data_dir, phone, first_seconds=30)
    phone.wait_text("Get ready")
    phone.tap("Finish")
    phone.tap("Yes, finish")  # issue 11: Finish asks first
    phone.wait_text("Session stopped")
    phone.tap("Back to Today")
    phone.wait_text(f"{slot.capitalize()} session: Not done yet")
    assert sessions_on(open_store(data_dir), datetime.now().astimezone().date()) == []


def test_closing_the_tab_mid_session_does_not_finish_it(app_server, data_dir, phone):
    begin_session(app_server, data_dir, phone, first_seconds=3)
    phone.wait_text("seconds left")
    phone.page.wait_for_timeout(1500)
    phone.page.close()  # the person closes the browser tab
    time.sleep(15)  # far longer than the whole routine would take if the clock ran on
    saved = sessions_on(open_store(data_dir), datetime.now().astimezone().date())
    assert len(saved) == 1 and not saved[0].finished
    assert saved[0].completed_steps == 0 and saved[0].steps[0].pressed_seconds >= 1


def test_points_library_lists_every_point_with_details(app_server, phone):
    app = app_server()
    phone.open(app.url)
    phone.tap("Points")
    phone.wait_text("All 24 points")
    phone.tap("ST36 Zusanli")
    phone.wait_text("How to find it")
    phone.wait_text("Take care")
    assert any("Drawing of where ST36" in n for n in phone.names())
