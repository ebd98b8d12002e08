"""Per-month summaries give the same whole-history figures as reading every record, whatever the history.

Random histories (daily check-ins, sessions rated before and after, some across midnight at
a month's end, saved in two zones), then random edits and deletes in old months: Progress,
the report's comparison with the start and every whole-history figure must equal what a
full scan of the store gives, before and after the edits, with and without the cache.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from data.exports.report_pdf import report_from_store
from data.journal.checkins import (
    SYMPTOMS,
    CheckIn,
    Context,
    PgicAnswer,
    delete_checkin,
    latest_pgic,
    list_checkins,
    list_pgic,
    pgic_due,
    save_checkin,
    save_pgic,
)
from data.journal.sessions import delete_session, read_sessions, save_session
from data.journal.stats import (
    RECENT_DAYS,
    ROLLING_DAYS,
    adherence_calendar,
    adherence_total,
    before_after,
    compare_with_baseline,
    current_streak,
    local_day,
    pair_totals,
)
from data.journal.summaries import baseline_checkins, read_recent, summarise_checkins
from data.models import SessionRecord, Slot
from data.screens import progress as screen
from data.storage.store import CACHE_FOLDER, Store

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TODAY = date(2026, 3, 26)
ZONES = (BERLIN, NEW_YORK, timezone.utc)


# -- the full scan: what Progress and the report worked out before the summaries -----------------


def full_scan_progress(store, today: date, tz) -> dict:
    checkins = list_checkins(store, until=today, tz=tz)
    daily = [c for c in checkins if c.context is Context.DAILY]
    sessions = read_sessions(store)
    period_start = today - timedelta(days=screen.PERIOD_DAYS - 1)
    pairs = [r for r in (before_after(checkins, s) for s in SYMPTOMS) if r.pairs]
    calendar_start = today - timedelta(days=today.weekday() + 7 * (screen.CALENDAR_WEEKS - 1))
    days = [s.practice_day(tz) for s in sessions] + [local_day(c.at, tz) for c in checkins]
    first = min([d for d in days if d <= today], default=today)
    counted_from = max(first, calendar_start)
    rows_from = counted_from - timedelta(days=counted_from.weekday())
    entries = adherence_calendar(sessions, tz, counted_from, today)
    done, planned = adherence_total(entries)
    return {
        "symptoms": screen._symptom_panels(daily, tz, period_start, today),
        "before_after": tuple(r.summary for r in pairs) or (screen.NO_PAIRS,),
        "streak": screen.streak_words(current_streak(sessions, tz, today)),
        "sessions": screen.sessions_words(done, planned, first, calendar_start),
        "calendar": screen.calendar_weeks(entries, rows_from, (today - rows_from).days // 7 + 1),
        "session_ratings": screen.session_lines(checkins, tz),
        "pgic": screen._pgic(store, tz),
    }


def shown_progress(store, today: date, tz) -> dict:
    summary = screen.progress_summary(store, today, tz)
    return {key: getattr(summary, key) for key in
            ("symptoms", "before_after", "streak", "sessions", "calendar", "session_ratings", "pgic")}


def check_against_full_scan(store, tz) -> None:
    assert shown_progress(store, TODAY, tz) == full_scan_progress(store, TODAY, tz)
    everything = list_checkins(store, until=TODAY, tz=tz)
    sessions = read_sessions(store)
    for end in (TODAY, TODAY - timedelta(days=200)):  # the last 4 weeks, and a period long ago
        start = end - timedelta(days=27)
        since = min(start - timedelta(days=ROLLING_DAYS - 1), end - timedelta(days=RECENT_DAYS - 1))
        recent = read_recent(store, tz, since, end)
        up_to = [c for c in everything if local_day(c.at, tz) <= end]
        subset = baseline_checkins(store, recent.history, tz, end, since) + recent.checkins
        for symptom in SYMPTOMS:
            full = [c for c in up_to if c.context is Context.DAILY]
            part = [c for c in subset if c.context is Context.DAILY]
            assert compare_with_baseline(part, symptom, tz, end) == compare_with_baseline(full, symptom, tz, end)
            expected = pair_totals(up_to, symptom)
            assert recent.history.pairs.get(symptom, (0, 0, 0)) == expected
        days = [s.practice_day(tz) for s in sessions] + [local_day(c.at, tz) for c in list_checkins(store)]
        assert recent.history.first_day == min(days, default=None)
        assert recent.history.finished_days == {s.practice_day(tz) for s in sessions if s.finished}
        assert recent.checkins == [c for c in up_to if local_day(c.at, tz) >= since]
    answers = list_pgic(store)
    assert latest_pgic(store) == (answers[-1] if answers else None)


# -- random histories ---------------------------------------------------------------------------


def at(day: date, clock: time, zone) -> datetime:
    return datetime.combine(day, clock, zone)


scores = st.fixed_dictionaries({}, optional={s: st.integers(0, 10) for s in SYMPTOMS[:4]}).filter(bool)

events = st.lists(
    st.one_of(
        st.tuples(st.just("daily"), st.integers(0, 500), st.sampled_from((BERLIN, timezone.utc)), scores),
        st.tuples(st.just("session"), st.integers(0, 500), st.booleans(), scores, scores),
        st.tuples(st.just("month end"), st.integers(1, 16), st.booleans(), scores, scores),
        st.tuples(st.just("pgic"), st.integers(0, 500), st.integers(1, 7)),
    ),
    max_size=25,
)
edits = st.lists(st.tuples(st.sampled_from(("rescore", "delete", "unfinish")), st.integers(0, 10_000), scores),
                 max_size=6)


def build(store: Store, plan: list) -> tuple[list[CheckIn], list[SessionRecord]]:
    checkins: list[CheckIn] = []
    sessions: list[SessionRecord] = []
    for n, event in enumerate(plan):
        kind = event[0]
        if kind == "daily":
            _, back, zone, values = event
            checkins.append(CheckIn(f"c{n}", at(TODAY - timedelta(days=back), time(8, 30), zone), **values))
        elif kind == "pgic":
            save_pgic(store, PgicAnswer(f"p{n}", at(TODAY - timedelta(days=event[1]), time(9), BERLIN), event[2]))
        else:
            _, back, finished, before, after = event
            if kind == "month end":  # begun at 23:55 on a month's last day, rated after at 00:07
                first = date(TODAY.year - (back > 2), (TODAY.month - back - 1) % 12 + 1, 1)
                start = at(first - timedelta(days=1), time(23, 55), BERLIN)
            else:
                start = at(TODAY - timedelta(days=back), time(20, 0), BERLIN)
            end = start + timedelta(minutes=12)
            sessions.append(SessionRecord(f"s{n}", Slot.EVENING, start, end, (), finished))
            checkins.append(CheckIn(f"b{n}", start, context=Context.BEFORE_SESSION, session_id=f"s{n}", **before))
            checkins.append(CheckIn(f"a{n}", end, context=Context.AFTER_SESSION, session_id=f"s{n}", **after))
    for c in checkins:
        save_checkin(store, c)
    for s in sessions:
        save_session(store, s)
    return checkins, sessions


def time_passes(directory: Path, step: list[int]) -> None:
    """Every data file gets an older, distinct time, as if written long ago (stamps can be trusted)."""
    for path in sorted(directory.rglob("*.json")):
        if CACHE_FOLDER not in path.parts and "quarantine" not in path.parts:
            step[0] += 1
            when = 1_700_000_000_000_000_000 + step[0] * 1_000_000
            os.utime(path, ns=(when, when))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=events, changes=edits, zone=st.sampled_from(ZONES))
def test_summary_figures_equal_a_full_scan_before_and_after_edits_in_old_months(plan, changes, zone):
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "data")
        checkins, sessions = build(store, plan)
        step = [0]
        time_passes(store.directory, step)
        check_against_full_scan(store, zone)  # builds the summaries
        check_against_full_scan(store, zone)  # and now reads them from the cache
        for what, pick, values in changes:
            if what == "rescore" and checkins:
                old = checkins[pick % len(checkins)]
                save_checkin(store, CheckIn(old.id, old.at, **values, context=old.context, session_id=old.session_id))
            elif what == "delete" and checkins:
                delete_checkin(store, checkins.pop(pick % len(checkins)))
            elif what == "unfinish" and sessions:
                old = sessions[pick % len(sessions)]
                if pick % 3:
                    save_session(store, SessionRecord(old.id, old.slot, old.started_at, old.ended_at, (), False))
                else:
                    delete_session(store, old)
        time_passes(store.directory, step)
        check_against_full_scan(store, zone)
        assert pgic_due(store, TODAY) == pgic_due(Store(store.directory), TODAY)


# -- the cache is hostile input, never the person's data ------------------------------------------


@pytest.fixture
def old_history(tmp_path):
    store = Store(tmp_path / "data")
    for back in range(0, 120, 3):
        day = TODAY - timedelta(days=back)
        save_checkin(store, CheckIn(f"c{back}", at(day, time(8), BERLIN), numbness=back % 11, pain=3))
        start = at(day, time(20), BERLIN)
        save_session(store, SessionRecord(f"s{back}", Slot.EVENING, start, start + timedelta(minutes=9), (), True))
        save_checkin(store, CheckIn(f"b{back}", start, context=Context.BEFORE_SESSION, session_id=f"s{back}", pain=5))
        save_checkin(store, CheckIn(f"a{back}", start + timedelta(minutes=9), context=Context.AFTER_SESSION,
                                    session_id=f"s{back}", pain=3))
    time_passes(store.directory, [0])
    return store


def cache_files(store: Store) -> list[Path]:
    return sorted(p for p in (store.directory / CACHE_FOLDER).glob("summaries_*.json"))


def test_old_months_are_kept_in_a_private_cache_that_a_backup_leaves_out(old_history):
    expected = full_scan_progress(old_history, TODAY, BERLIN)
    assert shown_progress(old_history, TODAY, BERLIN) == expected
    (cache,) = cache_files(old_history)
    saved = json.loads(cache.read_text())
    assert saved["zone"] == "Europe/Berlin" and "2025-12" in saved["checkins"] and "2026-03" not in saved["checkins"]
    assert cache.stat().st_mode & 0o077 == 0
    assert CACHE_FOLDER not in json.dumps(old_history.export_all())
    assert all(m in saved["checkins"] for m in ("2025-12", "2026-01"))


@pytest.mark.parametrize("garbage", [
    b"", b"not json", b"[]", b'{"version": 1}', b'{"version": 1, "zone": "Europe/Berlin", "checkins": []}',
    "wrong figures",
])
def test_a_damaged_or_doctored_cache_is_worked_out_again(old_history, garbage):
    expected = full_scan_progress(old_history, TODAY, BERLIN)
    shown_progress(old_history, TODAY, BERLIN)
    (cache,) = cache_files(old_history)
    if garbage == "wrong figures":  # right shape, wrong content under a stale stamp: the stamp no longer matches
        saved = json.loads(cache.read_text())
        for month, (stamp, summary) in saved["checkins"].items():
            summary[3] = {"pain": [1, 10, 0]}
            saved["checkins"][month] = ["0:0:0:0", summary]
        raw = json.dumps(saved).encode()
    else:
        raw = garbage
    cache.write_bytes(raw)
    assert shown_progress(old_history, TODAY, BERLIN) == expected
    assert json.loads(cache.read_text())["version"] == 1  # written afresh


def test_a_restore_or_another_process_changing_an_old_month_is_seen(old_history):
    shown_progress(old_history, TODAY, BERLIN)
    other = Store(old_history.directory)  # another process: its own handle
    old = TODAY - timedelta(days=99)
    save_checkin(other, CheckIn("late", at(old, time(9), BERLIN), numbness=10))
    save_checkin(other, CheckIn("b-late", at(old, time(21), BERLIN), context=Context.BEFORE_SESSION,
                                session_id="late", pain=9))
    save_checkin(other, CheckIn("a-late", at(old, time(21, 10), BERLIN), context=Context.AFTER_SESSION,
                                session_id="late", pain=0))
    time_passes(old_history.directory, [10_000])
    assert shown_progress(old_history, TODAY, BERLIN) == full_scan_progress(old_history, TODAY, BERLIN)
    old_history.replace_all(old_history.export_all())  # a restore: a new copy of every file
    assert shown_progress(old_history, TODAY, BERLIN) == full_scan_progress(old_history, TODAY, BERLIN)


def test_a_month_summary_counts_a_session_rated_twice_once():
    start = at(TODAY, time(8), BERLIN)
    rated = [CheckIn("b1", start, context=Context.BEFORE_SESSION, session_id="s", pain=6),
             CheckIn("b2", start + timedelta(minutes=1), context=Context.BEFORE_SESSION, session_id="s", pain=4),
             CheckIn("a", start + timedelta(minutes=9), context=Context.AFTER_SESSION, session_id="s", pain=1)]
    month = summarise_checkins(rated, BERLIN)
    assert month.pairs == {"pain": (1, 4, 1)}  # the latest rating before counts
    assert month.first_day == month.last_day == TODAY.toordinal() and month.daily_first == {}


def test_the_report_for_the_last_weeks_reads_only_its_months(old_history, monkeypatch):
    report_from_store(old_history, TODAY - timedelta(days=27), TODAY, BERLIN, at(TODAY, time(10), BERLIN))
    read: list = []
    real = Store.records

    def spy(self, collection, since=None, until=None):
        read.append((collection, since, until))
        return real(self, collection, since, until)

    monkeypatch.setattr(Store, "records", spy)
    report_from_store(old_history, TODAY - timedelta(days=27), TODAY, BERLIN, at(TODAY, time(10), BERLIN))
    months = {f"{since:%Y-%m}" for collection, since, _until in read if collection in ("checkins", "sessions")
              and since is not None}
    # the period's months and the baseline week's (the first check-in, 117 days back: November)
    assert months <= {"2025-11", "2025-12", "2026-02", "2026-03", "2026-04"}
    assert all(since is not None for collection, since, _until in read if collection in ("checkins", "sessions"))
