"""OS notification ids and OsReminderSync against a recording fake service."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402
from hypothesis import given, strategies as st  # noqa: E402

from data.models import Slot  # noqa: E402
from scheduler.notifications import (  # noqa: E402
    MAX_ID,
    InAppOnlyService,
    NotificationService,
    OsReminderSync,
    PermissionStatus,
    notification_id,
)
from scheduler.plan import (  # noqa: E402
    ReminderState,
    follow_up_key,
    main_key,
    missed_key,
    snooze,
    snooze_key,
    upcoming,
)
from scheduler.settings import ReminderSettings, SlotReminder  # noqa: E402

UTC = timezone.utc
TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
M, E = Slot.MORNING, Slot.EVENING
D = date(2026, 6, 10)


def at(d: date, hh: int, mm: int = 0, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime.combine(d, time(hh, mm), tzinfo=tz)


# --- ids ----------------------------------------------------------------------------------
def year_of_keys(first: date = date(2026, 1, 1)) -> list[str]:
    """Every key a year can produce: fixed kinds, plus snoozes every 17 minutes
    (a step coprime with the hour, so all minute offsets occur) over every
    instant a snooze of that slot-day could have in any zone."""
    out = []
    for i in range(366):
        d = first + timedelta(days=i)
        for slot in Slot:
            out += [main_key(d, slot), follow_up_key(d, slot, 1), follow_up_key(d, slot, 2),
                    missed_key(d, slot)]
            base = datetime.combine(d, time(0), tzinfo=UTC) - timedelta(hours=14)
            for step in range(i % 17, (24 + 14 + 14) * 60, 17):
                out.append(snooze_key(d, slot, base + timedelta(minutes=step)))
    return out


def test_no_id_collision_over_a_year_of_keys():
    ks = year_of_keys()
    assert len(ks) == len(set(ks)) > 60_000
    ids = [notification_id(k) for k in ks]
    assert len(set(ids)) == len(ids)
    assert 0 < min(ids) and max(ids) <= MAX_ID


def test_ids_are_stable_and_32_bit_far_ahead():
    assert notification_id("2026-03-29/morning/main") == notification_id("2026-03-29/morning/main")
    assert notification_id("2026-03-29/morning/main") != notification_id("2026-03-29/evening/main")
    assert notification_id("2600-12-31/evening/snooze-26010101T2359Z") <= MAX_ID
    for bad in ("", "2026-03-29/noon/main", "2026-03-29/morning/follow3", "x/y/z",
                "1999-12-31/morning/main"):
        with pytest.raises(ValueError):
            notification_id(bad)


@given(
    a=st.tuples(st.dates(date(2000, 1, 2), date(2600, 1, 1)), st.sampled_from(list(Slot)),
                st.integers(0, 3 * 24 * 60 - 1)),
    b=st.tuples(st.dates(date(2000, 1, 2), date(2600, 1, 1)), st.sampled_from(list(Slot)),
                st.integers(0, 3 * 24 * 60 - 1)),
)
def test_distinct_snooze_keys_never_share_an_id(a, b):
    def key(t):
        d, slot, minute = t
        base = datetime.combine(d - timedelta(days=1), time(0), tzinfo=UTC)
        return snooze_key(d, slot, base + timedelta(minutes=minute))

    if key(a) != key(b):
        assert notification_id(key(a)) != notification_id(key(b))


# --- a recording fake platform -------------------------------------------------------------
@dataclass
class FakeOs:
    """Holds pending notifications like the OS; shows them when time passes."""

    status: PermissionStatus = PermissionStatus.GRANTED
    pending: dict[int, tuple] = field(default_factory=dict)
    calls: list[tuple] = field(default_factory=list)
    shown: list[tuple] = field(default_factory=list)

    def schedule(self, id, title, body, fire_at, actions):  # noqa: A002
        assert fire_at.tzinfo is not None and isinstance(id, int) and 0 < id <= MAX_ID
        self.calls.append(("schedule", id))
        self.pending[id] = (title, body, fire_at.astimezone(UTC), tuple(a.id for a in actions))

    def cancel(self, id):  # noqa: A002
        self.calls.append(("cancel", id))
        self.pending.pop(id, None)

    def cancel_all(self):
        self.calls.append(("cancel_all",))
        self.pending.clear()

    def pending_ids(self):
        return set(self.pending)

    def permission_status(self):
        return self.status

    def advance(self, now: datetime) -> None:
        for nid, n in sorted(self.pending.items(), key=lambda kv: kv[1][2]):
            if n[2] <= now.astimezone(UTC):
                self.shown.append((nid, n[0], n[2]))
                del self.pending[nid]

    def take_calls(self) -> list[tuple]:
        out, self.calls = self.calls, []
        return out


def ids_of(*ks: str) -> set[int]:
    return {notification_id(k) for k in ks}


def slot_ids(d: date, slot: Slot, follow_only: bool = False) -> set[int]:
    ks = [follow_up_key(d, slot, 1), follow_up_key(d, slot, 2)]
    return ids_of(*ks) if follow_only else ids_of(main_key(d, slot), *ks)


def test_fake_is_a_notification_service():
    assert isinstance(FakeOs(), NotificationService)
    assert isinstance(InAppOnlyService(), NotificationService)


def test_sync_lifecycle_start_change_done_snooze_tz():
    os_ = FakeOs()
    sync = OsReminderSync(os_, days=7)
    s, state = ReminderSettings(), ReminderState()
    now = at(D, 7, 0)

    # Start: a week of reminders (7 days x 2 slots x 3) is scheduled, nothing cancelled.
    r = sync.sync(s, state, TZ, now)
    assert r.os_active and len(r.scheduled) == 42 and r.cancelled == ()
    assert set(os_.pending) == {notification_id(x.key) for x in r.planned}
    first = os_.pending[notification_id(main_key(D, M))]
    assert first[2] == at(D, 8).astimezone(UTC) and first[3] == ("start", "snooze-10", "skip")
    assert "morning" in first[0]
    os_.take_calls()

    # Idempotent re-arm: nothing to do.
    assert sync.sync(s, state, TZ, now).scheduled == ()
    assert os_.take_calls() == []

    # Settings change: morning moves to 07:30 -> only morning notifications move.
    s2 = s.with_slot(M, SlotReminder(True, "07:30"))
    r = sync.sync(s2, state, TZ, now)
    calls = os_.take_calls()
    assert {c[0] for c in calls} == {"schedule"}  # same keys, same ids: replaced, not duplicated
    assert set(r.scheduled) == set().union(*(slot_ids(D + timedelta(days=i), M) for i in range(7)))
    assert os_.pending[notification_id(main_key(D, M))][2] == at(D, 7, 30).astimezone(UTC)

    # Evening switched off: its notifications are cancelled.
    s3 = s2.with_slot(E, SlotReminder(False, "20:00"))
    r = sync.sync(s3, state, TZ, now)
    assert set(r.cancelled) == set().union(*(slot_ids(D + timedelta(days=i), E) for i in range(7)))
    assert r.scheduled == ()
    os_.take_calls()

    # The OS shows the 07:30 main reminder; session done at 07:40 -> follow-ups cancelled.
    t = at(D, 7, 40)
    os_.advance(t)
    assert [n[0] for n in os_.shown] == [notification_id(main_key(D, M))]
    state = state.with_done(D, M)
    r = sync.sync(s3, state, TZ, t)
    assert set(r.cancelled) == slot_ids(D, M, follow_only=True)
    # The only new one is the horizon moving on: day 8's 07:30 main.
    assert r.scheduled == (notification_id(main_key(D + timedelta(days=7), M)),)
    os_.take_calls()

    # Next day: the user snoozes the main reminder for 30 minutes.
    d2 = D + timedelta(days=1)
    t = at(d2, 7, 35)
    os_.advance(t)
    main2 = [x for x in upcoming(s3, ReminderState(), TZ, at(d2, 0), at(d2, 12))][0]
    state = snooze(state, main2, t, 30)
    r = sync.sync(s3, state, TZ, t)
    assert r.shown == (main_key(d2, M),)  # the OS showed it: reported for the runner
    assert set(r.cancelled) == slot_ids(d2, M, follow_only=True)
    assert r.scheduled[0] == notification_id(snooze_key(d2, M, at(d2, 8, 5)))
    horizon = {notification_id(x.key) for x in r.planned if x.date >= D + timedelta(days=7)}
    assert set(r.scheduled[1:]) <= horizon  # the rest is the week moving on
    os_.take_calls()

    # Time-zone change (flew to New York): everything pending is re-timed to
    # 07:30 New York; the snooze is an absolute instant and stays put.
    ny = ZoneInfo("America/New_York")
    t_ny = t.astimezone(ny)
    r = sync.sync(s3, state, "America/New_York", t)
    assert r.scheduled and all(os_.pending[i][2] for i in r.scheduled)
    mains = [x for x in r.planned if x.key.endswith("/main")]
    assert all(x.fire_utc.astimezone(ny).strftime("%H:%M") == "07:30" for x in mains)
    # 01:35 in New York: "today" is still 06-11 there, but its morning was
    # already shown in Berlin and snoozed: it does not come back at 07:30 NY.
    assert t_ny.date() == d2 and mains[0].date == d2 + timedelta(days=1)
    assert os_.pending[notification_id(snooze_key(d2, M, at(d2, 8, 5)))][2] == at(d2, 8, 5).astimezone(UTC)
    assert set(os_.pending) == {notification_id(x.key) for x in r.planned}
    os_.take_calls()
    assert sync.sync(s3, state, "America/New_York", t).scheduled == ()
    assert os_.take_calls() == []


def test_reminder_shown_by_the_os_is_not_planned_again_after_moving_west():
    os_ = FakeOs()
    sync = OsReminderSync(os_)
    s, state = ReminderSettings(max_follow_ups=0), ReminderState()
    sync.sync(s, state, TZ, at(D, 7))
    t = at(D, 8, 10)
    os_.advance(t)  # the OS shows 08:00 Berlin
    r = sync.sync(s, state, "America/New_York", t)  # 02:10 in New York, same date
    assert r.shown == (main_key(D, M),)
    assert main_key(D, M) not in [x.key for x in r.planned]
    assert r.planned[0].key == main_key(D, E)  # 20:00 New York is next
    assert notification_id(main_key(D, M)) not in os_.pending


def test_restart_re_arms_once_then_is_idempotent_and_clears_stale():
    os_ = FakeOs()
    s = ReminderSettings()
    OsReminderSync(os_).sync(s, ReminderState(), TZ, at(D, 7))
    # A stale notification from an older plan (e.g. a follow-up of a session
    # since done, or an old key) is still pending on the OS after a restart.
    stale = notification_id(follow_up_key(D - timedelta(days=3), M, 1))
    os_.pending[stale] = ("old", "old", at(D, 9).astimezone(UTC), ())
    os_.take_calls()
    fresh = OsReminderSync(os_)  # new process: no memory of what was armed
    r = fresh.sync(s, ReminderState(), TZ, at(D, 7))
    assert r.cancelled == (stale,)
    assert len(r.scheduled) == 42  # re-armed with the same ids (a replace on the OS)
    assert len(os_.pending) == 42
    os_.take_calls()
    assert fresh.sync(s, ReminderState(), TZ, at(D, 7)).scheduled == ()
    assert os_.take_calls() == []


def test_reschedules_if_the_os_dropped_one():
    os_ = FakeOs()
    sync = OsReminderSync(os_)
    sync.sync(ReminderSettings(), ReminderState(), TZ, at(D, 7))
    victim = notification_id(main_key(D + timedelta(days=2), E))
    del os_.pending[victim]  # e.g. the user cleared it, or a reboot on some devices
    os_.take_calls()
    r = sync.sync(ReminderSettings(), ReminderState(), TZ, at(D, 7))
    assert r.scheduled == (victim,) and r.cancelled == ()


def test_cap_for_ios_pending_limit():
    os_ = FakeOs()
    sync = OsReminderSync(os_, days=14, max_pending=60)
    r = sync.sync(ReminderSettings(), ReminderState(), TZ, at(D, 7))
    assert len(r.scheduled) == 60 and len(os_.pending) == 60
    assert max(x.fire_utc for x in r.planned) < at(D + timedelta(days=11), 0)


@pytest.mark.parametrize("status", [PermissionStatus.DENIED, PermissionStatus.NOT_DETERMINED])
def test_no_permission_schedules_nothing_and_says_why(status):
    os_ = FakeOs(status=status)
    r = OsReminderSync(os_).sync(ReminderSettings(), ReminderState(), TZ, at(D, 7))
    assert r.status is status and not r.os_active and os_.calls == []


def test_in_app_only_fallback_reports_unavailable():
    svc = InAppOnlyService()
    r = OsReminderSync(svc).sync(ReminderSettings(), ReminderState(), TZ, at(D, 7))
    assert r.status is PermissionStatus.UNAVAILABLE and r.scheduled == () and not r.os_active
    assert svc.pending_ids() == set()
    svc.cancel(1)
    svc.cancel_all()


def test_clear_cancels_everything():
    os_ = FakeOs()
    sync = OsReminderSync(os_)
    sync.sync(ReminderSettings(), ReminderState(), TZ, at(D, 7))
    sync.clear()
    assert os_.pending == {} and os_.calls[-1] == ("cancel_all",)
    # After clear, a sync re-arms everything (memory was cleared too).
    assert len(sync.sync(ReminderSettings(), ReminderState(), TZ, at(D, 7)).scheduled) == 42


def test_memory_survives_a_restart_so_a_reminder_the_os_showed_is_reported_once():
    """App closed at 07:00, the OS shows 08:00, the app reopens at 08:05 (from the tap)."""
    os_ = FakeOs()
    first = OsReminderSync(os_)
    s, state = ReminderSettings(), ReminderState()
    first.sync(s, state, TZ, at(D, 7))
    saved = json.loads(json.dumps(first.memory()))  # what the app keeps in its store
    os_.advance(at(D, 8, 5))
    nid = notification_id(main_key(D, M))
    again = OsReminderSync(os_)
    again.restore(saved)
    assert again.key_for(nid) == main_key(D, M)  # armed: the tap can be traced to its reminder
    r = again.sync(s, state, TZ, at(D, 8, 5))
    assert r.shown == (main_key(D, M),)  # so the app marks it delivered instead of repeating it
    assert again.key_for(nid) == main_key(D, M)  # still known once shown
    assert again.key_for(notification_id(main_key(D - timedelta(days=30), E))) is None
    without_memory = OsReminderSync(os_)
    assert without_memory.sync(s, state, TZ, at(D, 8, 6)).shown == ()  # why the memory is kept
    fresh = OsReminderSync(os_)
    fresh.restore(None)
    assert fresh.memory() == {"armed": [], "shown": []}


def test_new_buttons_re_arm_the_same_reminders():
    from scheduler.notifications import NotificationAction

    os_ = FakeOs()
    sync = OsReminderSync(os_)
    s = ReminderSettings(max_follow_ups=0)
    sync.sync(s, ReminderState(), TZ, at(D, 7))
    os_.take_calls()
    sync.actions = (NotificationAction("start", "Start now"), NotificationAction("snooze-30", "Snooze 30 min"))
    r = sync.sync(s, ReminderState(), TZ, at(D, 7))
    assert len(r.scheduled) == 14 and r.cancelled == ()  # same ids, replaced with the new buttons
    assert os_.pending[notification_id(main_key(D, M))][3] == ("start", "snooze-30")
    saved = json.loads(json.dumps(sync.memory()))
    again = OsReminderSync(os_, actions=sync.actions)
    again.restore(saved)
    assert again.sync(s, ReminderState(), TZ, at(D, 7)).scheduled == ()  # restored: nothing to redo


# --- issue 9: a long horizon within the platform's limit, and the app in the foreground ------
def test_long_horizon_main_reminders_far_ahead_follow_ups_near_one_notice():
    from scheduler.notifications import NOTICE_ID

    os_ = FakeOs()
    sync = OsReminderSync(os_, days=60, max_pending=64, follow_up_days=2, notice=True)
    r = sync.sync(ReminderSettings(quiet_start="22:00", quiet_end="07:00"), ReminderState(), TZ, at(D, 7))
    assert len(os_.pending) == 64 and NOTICE_ID in os_.pending
    follow = [x for x in r.planned if x.key.endswith(("follow1", "follow2"))]
    assert follow and max(x.fire_utc for x in follow) < at(D + timedelta(days=2), 7)
    last = max(x.fire_utc for x in r.planned)
    notice = os_.pending[NOTICE_ID]
    assert notice[3] == () and last - timedelta(days=1) < notice[2] < last  # before the end, no buttons
    quiet = ReminderSettings(quiet_start="22:00", quiet_end="07:00")
    assert not quiet.in_quiet_hours(notice[2].astimezone(BERLIN).time())
    # The notice is not a reminder: once shown it is not reported, and a tap names no reminder.
    os_.advance(notice[2])
    r = sync.sync(ReminderSettings(), ReminderState(), TZ, notice[2] + timedelta(minutes=1))
    assert "notice" not in r.shown and sync.key_for(NOTICE_ID) is None


def test_hold_leaves_the_next_minutes_to_the_app_and_rearm_hands_everything_over_again():
    os_ = FakeOs()
    sync = OsReminderSync(os_)
    s = ReminderSettings(max_follow_ups=0)
    r = sync.sync(s, ReminderState(), TZ, at(D, 7, 50), hold_until=at(D, 8, 10))
    assert notification_id(main_key(D, M)) not in os_.pending and len(r.planned) == 13
    r = sync.sync(s, ReminderState(), TZ, at(D, 7, 50))
    assert r.scheduled == (notification_id(main_key(D, M)),)  # handed back when the hold ends
    os_.take_calls()
    assert len(sync.sync(s, ReminderState(), TZ, at(D, 7, 50), rearm=True).scheduled) == 14
    assert {c[0] for c in os_.take_calls()} == {"schedule"}
