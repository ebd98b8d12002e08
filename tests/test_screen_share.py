"""The Share screen's rules: the report's period and its words, the files and their names, what a backup
holds, and what every outcome says."""
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.exports.backup import OtherDocs
from data.journal.checkins import CheckIn, list_checkins, save_checkin
from data.screens.share import (
    CHOSEN_DATES,
    NOT_OPENED,
    NOT_RESTORED,
    PERIODS,
    Delivery,
    Message,
    Mood,
    PendingRestore,
    Section,
    backup_contents,
    default_chosen,
    delivered,
    make_file,
    not_delivered,
    not_made,
    open_backup,
    picked_dates,
    report_period,
    restore,
)
from data.storage.store import open_store
from scheduler.settings import ReminderSettings
from scheduler.store_docs import REMINDER_DOCS, RUNNER_DOC, SETTINGS_DOC

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 30, 9, 15, tzinfo=BERLIN)
TODAY = NOW.date()


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    for day in range(3):
        save_checkin(s, CheckIn(f"c{day}", NOW - timedelta(days=day), numbness=5, tingling=2))
    return s


# -- the report's period --------------------------------------------------------------------------


def test_the_report_covers_the_last_four_weeks_first():
    assert PERIODS[0] == ("Last 4 weeks", 28)
    first = report_period(TODAY, PERIODS[0][1], default_chosen(TODAY))
    assert (first.start, first.end) == (date(2026, 3, 3), TODAY)
    assert first.words == "3 March 2026 to 30 March 2026"
    three_months = report_period(TODAY, 91, default_chosen(TODAY))
    assert three_months.start == TODAY - timedelta(days=90)
    assert default_chosen(TODAY) == (date(2026, 3, 3), TODAY)


def test_chosen_dates_are_used_only_when_chosen_and_only_when_both_came_back():
    chosen = (date(2025, 12, 24), date(2026, 1, 2))
    period = report_period(TODAY, CHOSEN_DATES, chosen)
    assert (period.start, period.end, period.words) == (*chosen, "24 December 2025 to 2 January 2026")
    assert report_period(TODAY, 28, chosen).end == TODAY
    assert picked_dates(datetime(2026, 1, 5), datetime(2026, 1, 9)) == (date(2026, 1, 5), date(2026, 1, 9))
    assert picked_dates(datetime(2026, 1, 5), None) is None
    assert picked_dates(None, None) is None


# -- making the files -----------------------------------------------------------------------------


def test_each_file_is_named_by_its_period_or_its_day(store):
    period = report_period(TODAY, 28, default_chosen(TODAY))
    report = make_file(store, Section.REPORT, period, NOW, REMINDER_DOCS)
    assert report.name == "presspoint-report-2026-03-03-to-2026-03-30.pdf"
    assert report.data.startswith(b"%PDF-") and report.mime == "application/pdf"
    assert (report.section, report.what) == (Section.REPORT, "report")
    csv = make_file(store, Section.CSV, period, NOW, REMINDER_DOCS)
    assert (csv.name, csv.mime, csv.what) == ("presspoint-data-2026-03-30.csv", "text/csv", "data")
    assert csv.data.startswith("\ufeff".encode())  # spreadsheets read the accents
    backup = make_file(store, Section.BACKUP, period, NOW, REMINDER_DOCS)
    assert (backup.name, backup.mime, backup.what) == ("presspoint-backup-2026-03-30.json", "application/json",
                                                       "backup")
    assert backup.data.startswith(b'{"format":"presspoint-backup"')
    with pytest.raises(ValueError):
        make_file(store, Section.RESTORE, period, NOW, REMINDER_DOCS)


def test_the_backup_carries_the_reminder_settings_handed_in_but_not_this_devices_memory(store):
    store.put_doc(SETTINGS_DOC, ReminderSettings(follow_up_minutes=45).to_dict())
    store.put_doc(RUNNER_DOC, {"state": {}, "last_check": NOW.isoformat()})
    raw = make_file(store, Section.BACKUP, report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS).data
    assert b'"follow_up_minutes":45' in raw and RUNNER_DOC.encode() not in raw


def test_what_each_outcome_says(store):
    out = make_file(store, Section.CSV, report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS)
    assert delivered(out, Delivery.SHARED) == Message(
        Section.CSV, "Your data (presspoint-data-2026-03-30.csv) was handed to the app you chose.", Mood.GOOD)
    assert delivered(out, Delivery.NOT_SHARED) == Message(Section.CSV, "Nothing was shared.", Mood.PLAIN)
    assert delivered(out, Delivery.DOWNLOADING).words == (
        "Your browser is saving presspoint-data-2026-03-30.csv. Look in your Downloads folder.")
    assert delivered(out, Delivery.SAVED, "/home/a/x.csv") == Message(Section.CSV, "Saved: /home/a/x.csv", Mood.GOOD)
    assert delivered(out, Delivery.NOT_SAVED) == Message(Section.CSV, "Nothing was saved.", Mood.PLAIN)
    assert not_delivered(out, OSError("disk full")) == Message(
        Section.CSV, "The data could not be saved: disk full", Mood.WARN)
    assert not_made(Section.REPORT, RuntimeError("no font")) == Message(
        Section.REPORT, "This could not be made: no font", Mood.WARN)


# -- restoring ------------------------------------------------------------------------------------


def test_a_backup_is_described_before_it_replaces_anything(store, tmp_path):
    raw = make_file(store, Section.BACKUP, report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS).data
    assert backup_contents(raw, REMINDER_DOCS, now=NOW) == "made on 30 March 2026 at 09:15, with 3 check-ins"
    pending = open_backup(raw, REMINDER_DOCS, now=NOW)
    assert isinstance(pending, PendingRestore) and pending.raw == raw
    assert pending.lines[0] == "This backup was made on 30 March 2026 at 09:15, with 3 check-ins."
    assert pending.lines[1].startswith("Restoring it replaces everything in the app now.")
    path = tmp_path / "backup.json"
    path.write_bytes(raw)
    assert open_backup(path, REMINDER_DOCS, now=NOW) == pending  # a phone hands a path, a browser the bytes

    empty = make_file(open_store(tmp_path / "empty"), Section.BACKUP,
                      report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS).data
    assert backup_contents(empty, REMINDER_DOCS, now=NOW).endswith("with no records")


def test_a_damaged_or_foreign_file_is_refused_with_the_reason(store):
    raw = make_file(store, Section.BACKUP, report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS).data
    damaged = open_backup(raw.replace(b'"numbness":5', b'"numbness":16', 1), REMINDER_DOCS, now=NOW)
    assert isinstance(damaged, Message) and damaged.section is Section.RESTORE and damaged.mood is Mood.WARN
    assert damaged.words.startswith("This file was not restored, and nothing was changed. ")
    assert "numbness must be a whole number from 0 to 10, found 16" in damaged.words
    assert open_backup(b"{}", REMINDER_DOCS, now=NOW).words.endswith("This is not a PressPoint backup file.")
    envelope = json.loads(raw)
    envelope["data"]["docs"][SETTINGS_DOC] = {"snooze_minutes": 7}
    bad_settings = open_backup(json.dumps(envelope).encode(), REMINDER_DOCS, now=NOW)  # the handed-in check runs
    assert "snooze_minutes must be one of (10, 30, 60), got 7" in bad_settings.words
    unknown = open_backup(json.dumps(envelope).encode(), OtherDocs(), now=NOW)  # nobody said what it is
    assert unknown.words.endswith("The backup holds an unknown document 'reminders'; this version of the app "
                                  "cannot restore it.")


def test_restore_replaces_everything_then_tells_the_reminders(store):
    raw = make_file(store, Section.BACKUP, report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS).data
    save_checkin(store, CheckIn("later", NOW, numbness=1))
    told = []
    message = restore(store, raw, REMINDER_DOCS, then=lambda: told.append(True), now=NOW)
    assert message == Message(Section.RESTORE, "Restored: 3 records from the backup replace what was here before.",
                              Mood.GOOD)
    assert told == [True] and len(list_checkins(store)) == 3

    refused = restore(store, b"not json", REMINDER_DOCS, then=lambda: told.append(True), now=NOW)
    assert refused.mood is Mood.WARN and refused.words.startswith("This file was not restored")
    assert told == [True] and len(list_checkins(store)) == 3  # nothing changed, nobody told


def test_a_file_that_cannot_be_opened_is_one_clear_message(tmp_path):
    missing = open_backup(tmp_path / "gone.json", REMINDER_DOCS, now=NOW)
    assert missing == Message(Section.RESTORE, f"{NOT_RESTORED} {NOT_OPENED}", Mood.WARN)
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    assert open_backup(folder, REMINDER_DOCS, now=NOW) == missing


def test_a_backup_is_checked_against_the_clock_handed_in(store):
    """Times are bounded by the app's clock, not the device's: a backup "made" days after now is refused."""
    raw = make_file(store, Section.BACKUP, report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS).data
    assert isinstance(open_backup(raw, REMINDER_DOCS, now=NOW), PendingRestore)
    too_early = open_backup(raw, REMINDER_DOCS, now=NOW - timedelta(days=30))
    assert isinstance(too_early, Message) and too_early.mood is Mood.WARN


def test_a_backup_that_left_entries_out_says_so_once_delivered(store):
    """Issue 10: an entry dated by a wrong clock stays in the app but cannot go in a backup: say it."""
    save_checkin(store, CheckIn("wrong-clock", datetime(2099, 1, 1, 9, tzinfo=BERLIN), numbness=3))
    out = make_file(store, Section.BACKUP, report_period(TODAY, 28, default_chosen(TODAY)), NOW, REMINDER_DOCS)
    assert b"wrong-clock" not in out.data
    said = delivered(out, Delivery.SAVED, "/home/a/b.json")
    assert said.words.startswith("Saved: /home/a/b.json ") and "1 entry" in said.words and said.mood is Mood.WARN
    assert delivered(out, Delivery.NOT_SAVED) == Message(Section.BACKUP, "Nothing was saved.", Mood.PLAIN)
