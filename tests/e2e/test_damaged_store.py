"""Issue "Never lose, never invent, always start" end to end: a damaged data folder still opens on Today,
which says once, in plain words, what was kept aside; OK makes it go away for good."""
from datetime import datetime, timedelta

import pytest

from data.journal.checkins import CheckIn, save_checkin
from data.storage.store import Store, open_store

pytestmark = pytest.mark.e2e

KEPT_ASIDE = "Some of your saved data could not be read. It was kept aside, not deleted:"


def test_a_damaged_month_and_meta_are_kept_aside_and_told_once(app_server, data_dir, phone):
    now = datetime.now().astimezone()
    earlier = now - timedelta(days=40)
    store = Store(data_dir)
    save_checkin(store, CheckIn("today", now, numbness=4))
    save_checkin(store, CheckIn("earlier", earlier, numbness=6))
    month = next(data_dir.rglob(f"collections/checkins/{earlier:%Y-%m}.json"))
    month.write_bytes(b'{"records": {"1": {"id": "earlier", "at": ')  # cut short
    (data_dir / "meta.json").write_bytes(b"\x00garbage")

    app = app_server()
    phone.open(app.url, expect=KEPT_ASIDE)
    phone.wait_text(f"your check-ins of {earlier:%B %Y}")
    phone.wait_text("Everything else is here.")
    for normal in ("Morning session", "Evening session", "Check in again", "When to stop and get help"):
        phone.wait_text(normal)  # Today's own content, with the readable check-in of today
    phone.wait_text("numbness 4")  # today's check-in, read from the good month

    phone.tap("OK")
    gone(phone, KEPT_ASIDE)
    phone.open(app.url, expect="Morning session")  # a reload: told once, never again
    phone.page.wait_for_timeout(1000)
    assert not any(KEPT_ASIDE in n for n in phone.names())
    assert open_store(data_dir).quarantined(untold_only=True) == []
    assert len(open_store(data_dir).quarantined()) >= 2  # the month and meta.json, kept, not deleted


def gone(phone, text: str, timeout_ms: int = 20_000) -> None:
    for _ in range(timeout_ms // 200):
        if not any(text in n for n in phone.names()):
            return
        phone.page.wait_for_timeout(200)
    raise AssertionError(f"{text!r} still on screen")
