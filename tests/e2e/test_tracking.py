"""Issue 3 end to end: a check-in with the sliders, before/after ratings around a session, both seen on Progress."""
from datetime import datetime, timedelta

import pytest

from data.journal.checkins import CheckIn, Context, accessible_value, list_checkins, list_side_effects, save_checkin
from data.journal.sessions import sessions_on, slot_for
from data.models import Routine, RoutineStep, Side
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.saved import save_routine
from data.storage.store import open_store

pytestmark = pytest.mark.e2e


def slider_says(phone, text: str) -> bool:
    """A slider's accessible value, as a screen reader reads it."""
    return phone.page.locator(f"input[aria-valuetext='{text}']").count() == 1


def test_check_in_with_the_sliders_and_see_it_on_progress(app_server, data_dir, phone):
    app = app_server()
    phone.open(app.url)
    phone.tap("Check in")
    phone.wait_text("Save check-in")
    assert slider_says(phone, accessible_value("numbness", None))  # nothing rated before: not answered (issue 10)
    for name, taps in (("Numbness higher", 4), ("Tingling higher", 2), ("Numbness lower", 1)):
        for _ in range(taps):
            phone.tap(name)
    phone.wait_text("Numbness")
    assert slider_says(phone, "Numbness, 3 of 10") and slider_says(phone, "Tingling, 2 of 10")
    # A screen reader's "increase" on the slider itself (what TalkBack's swipe up does in a browser):
    # the range input's value goes up and the slider node's increase action runs.
    phone.page.locator(f"input[aria-valuetext='{accessible_value('pain', None)}']").evaluate(
        "e => { e.value = Number(e.value) + 1; e.dispatchEvent(new Event('change', {bubbles: true})); }")
    phone.page.wait_for_function("() => document.querySelector(\"input[aria-valuetext='Pain, 1 of 10']\")")
    phone.tap("Save check-in")
    phone.wait_text("You checked in at")
    phone.wait_text("numbness 3, tingling 2, pain 1")

    saved = list_checkins(open_store(data_dir))
    assert [(c.numbness, c.tingling, c.pain, c.context) for c in saved] == [(3, 2, 1, Context.DAILY)]

    phone.tap("Progress")
    phone.wait_text("Numbness: scores on 1 of the last 28 days, from 3 to 3.")
    assert any("Chart of daily numbness scores" in n for n in phone.names())
    assert not [n for n in phone.names() if "Unknown control" in n]

    phone.tap("Today")
    phone.tap("Check in again")
    phone.tap("Same as last time")  # one tap saves the same scores again
    phone.wait_text("You checked in at")
    assert [(c.numbness, c.tingling, c.pain) for c in list_checkins(open_store(data_dir))] == [(3, 2, 1)] * 2


def test_rate_before_and_after_a_session_and_see_the_change(app_server, data_dir, phone):
    store = open_store(data_dir)
    save_routine(store, Routine((RoutineStep("LI11", 2, (Side.LEFT,)),)))
    save_practice_settings(store, PracticeSettings(prepare_seconds=1, switch_seconds=1))
    now = datetime.now().astimezone()
    save_checkin(store, CheckIn("old", now - timedelta(days=1), numbness=5, tingling=2, pain=1))
    app = app_server()
    slot = slot_for(now).value
    phone.open(app.url)
    phone.tap(f"Start {slot} session")
    phone.wait_text("How much numbness do you feel right now?")  # numbness was rated worst last time
    assert slider_says(phone, "Numbness, 5 of 10")  # starts at last time's score: one tap saves it
    phone.tap("Save and start")
    phone.wait_text("Point 1 of 1")
    phone.wait_text("Session complete", timeout=15)
    phone.wait_text("How much numbness do you feel now?")
    phone.tap("Numbness lower")
    phone.tap("Numbness lower")
    phone.tap("Save")
    phone.wait_text("Saved. Numbness: 5 before, 3 just after.")

    phone.tap("Something felt wrong")  # from the summary: linked to this session
    phone.tap("Log dizziness")
    phone.wait_text("Saved: dizziness")
    phone.tap("Done")
    phone.tap("Back to Today")
    phone.tap("Progress")
    phone.scroll_to("On average, numbness was 2.0 points lower just after a session than just before it (1 session).")
    # the calendar's week is one drawing, said as one line: today's session is in it
    phone.scroll_to("M: morning session done.")
    assert any("morning done" in n or "evening done" in n for n in phone.names()), phone.names()
    phone.scroll_to("Dizziness")

    store = open_store(data_dir)
    session = sessions_on(store, now.date())[0]
    rated = [(c.context, c.numbness, c.session_id) for c in list_checkins(store) if c.session_id]
    assert rated == [(Context.BEFORE_SESSION, 5, session.id), (Context.AFTER_SESSION, 3, session.id)]
    assert [(e.kind.value, e.session_id) for e in list_side_effects(store)] == [("dizziness", session.id)]
    assert not [u for u in phone.outside if "rive" not in u], phone.outside


def test_report_backup_and_restore_in_the_browser(app_server, data_dir, phone, tmp_path):
    store = open_store(data_dir)
    now = datetime.now().astimezone()
    for day in range(10):
        save_checkin(store, CheckIn(f"d{day}", now - timedelta(days=day), numbness=6 - day // 3, tingling=3))
    app = app_server()
    phone.open(app.url)
    phone.tap("Progress")
    phone.tap("Report for your doctor")
    phone.wait_text("Last 4 weeks")

    with phone.page.expect_download() as report:  # a download made from the bytes: nothing fetched from a server
        phone.tap("Download the report")
    assert report.value.suggested_filename.startswith("presspoint-report-")
    assert report.value.url.startswith(("blob:", "data:"))
    assert (pdf := report.value.path().read_bytes()).startswith(b"%PDF-") and len(pdf) > 10_000
    phone.wait_text("Your browser is saving presspoint-report-")

    with phone.page.expect_download() as backup:
        phone.tap("Download a backup")
    good = tmp_path / "backup.json"
    backup.value.save_as(good)
    assert good.read_bytes().startswith(b'{"format":"presspoint-backup"')

    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(good.read_bytes().replace(b'"numbness":6', b'"numbness":16', 1))
    save_checkin(open_store(data_dir), CheckIn("later", now, numbness=1))
    with phone.page.expect_file_chooser() as chooser:
        phone.tap("Restore from a backup file")
    chooser.value.set_files(str(damaged))
    phone.wait_text("This file was not restored, and nothing was changed.")
    phone.wait_text("numbness must be a whole number from 0 to 10, found 16")
    assert len(list_checkins(open_store(data_dir))) == 11

    with phone.page.expect_file_chooser() as chooser:
        phone.tap("Restore from a backup file")
    chooser.value.set_files(str(good))
    phone.wait_text("Replace everything with this backup?")
    phone.wait_text("10 check-ins")
    phone.tap("Replace everything")
    phone.wait_text("Restored: 10 records")
    assert len(list_checkins(open_store(data_dir))) == 10  # the later check-in is gone, as the person agreed
    assert not [u for u in phone.outside if "rive" not in u], phone.outside
