"""Issue 9, "Reminders that keep their promise": each failing case, through the hub with a fake clock.

The hub (scheduler/hub.py) is the app's own: a real store in a temporary folder, the
process runner, the phone adapter (views/notifiers.py) over a recording fake of
flet-notifications' LocalNotifications. Time and the device's zone are injected; nothing
waits. The random lives over months are in tests/test_reminder_lives_random.py.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import flet as ft
import pytest

from data.journal.sessions import save_session
from data.models import SessionRecord, Slot
from data.storage.store import open_store
from scheduler.hub import OS_DOC, ReminderHub, parse_reminder_key
from scheduler.notifications import NOTICE_ID, PermissionStatus, notification_id
from scheduler.plan import follow_up_key, main_key, missed_key, snooze_key
from scheduler.runner import reset_runner
from scheduler.settings import ReminderSettings, SlotReminder
from tests.loop import run_async as run
from views.notifiers import ASK_FLAGS, FletNotificationsService, detect_phone_service, follow_foreground

M, E = Slot.MORNING, Slot.EVENING
D = date(2026, 6, 10)  # a Wednesday
NY, LONDON, LA, TOKYO = (ZoneInfo(z) for z in ("America/New_York", "Europe/London",
                                                "America/Los_Angeles", "Asia/Tokyo"))


def at(d: date, hh: int, mm: int = 0, tz: ZoneInfo = LONDON) -> datetime:
    return datetime.combine(d, time(hh, mm), tzinfo=tz)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Zone:
    """The device's zone name, which a flight changes."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.name = tz.key

    def __call__(self) -> str:
        return self.name


class Link:
    """A fake open session: what it was shown, when, and which prompt is open."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock
        self.shown: list[str] = []
        self.when: list[datetime] = []
        self.open: str | None = None

    def show(self, reminder) -> None:
        self.shown.append(reminder.key)
        self.when.append(self.clock() if self.clock else reminder.fire_at)
        self.open = reminder.key

    def dismiss(self, handled) -> None:
        if self.open is not None and handled(self.open):
            self.open = None


@dataclass
class Phone:
    """What the phone's OS holds for the app (it outlives the app's process)."""

    pending: dict[int, dict] = field(default_factory=dict)
    presented: list[tuple[datetime, int]] = field(default_factory=list)
    limit: int = 64

    def show_due(self, now: datetime) -> list[int]:
        """The OS shows what fell due (the app may be closed); returns the ids shown."""
        due = sorted((kw["when"], nid) for nid, kw in self.pending.items() if kw["when"] <= now)
        for when, nid in due:
            del self.pending[nid]
            self.presented.append((when, nid))
        return [nid for _, nid in due]


@dataclass
class FakePlugin:
    """Records calls exactly as flet_notifications.LocalNotifications receives them.

    One plugin object per run of the app; the pending notifications belong to the phone.
    """

    phone: Phone = field(default_factory=Phone)
    enabled: bool = True
    made_with: dict = field(default_factory=dict)
    calls: list[tuple] = field(default_factory=list)
    answer_after: int = 0  # request_permissions times out this many times first
    request_alert_permission: bool = True
    request_sound_permission: bool = True
    request_badge_permission: bool = True

    async def are_notifications_enabled(self) -> bool:
        return self.enabled

    async def can_schedule_exact_notifications(self) -> bool:
        return True

    async def get_pending_notifications(self) -> list:
        return [SimpleNamespace(id=i) for i in self.phone.pending]

    async def schedule(self, **kw) -> None:
        self.calls.append(("schedule", kw["id"]))
        self.phone.pending[kw["id"]] = kw
        assert len(self.phone.pending) <= self.phone.limit, "more pending than the platform keeps"

    async def cancel(self, id: int) -> None:  # noqa: A002
        self.calls.append(("cancel", id))
        self.phone.pending.pop(id, None)

    async def cancel_all(self) -> None:
        self.phone.pending.clear()

    async def create_notification_channel(self, channel) -> None:
        self.calls.append(("channel", channel.id))

    def update(self) -> None:
        self.calls.append(("update", tuple(getattr(self, f) for f in ASK_FLAGS)))

    async def request_permissions(self) -> bool:
        self.calls.append(("request_permissions", tuple(getattr(self, f) for f in ASK_FLAGS)))
        if self.answer_after > 0:
            self.answer_after -= 1
            raise TimeoutError("Timeout waiting for invokeMethod request_permissions")
        self.enabled = True
        return True

    def scheduled(self) -> list[int]:
        return [c[1] for c in self.calls if c[0] == "schedule"]


@pytest.fixture(autouse=True)
def one_runner_per_test():
    reset_runner()
    yield
    reset_runner()


def open_app(tmp_path, clock: Clock, zone: Zone, plugin: FakePlugin | None = None,
             platform: ft.PagePlatform = ft.PagePlatform.IOS) -> tuple[ReminderHub, Link]:
    """A new process of the app (reset_runner() ends the previous one)."""
    reset_runner()
    hub = ReminderHub(open_store(tmp_path / "data"), clock, zone=zone)
    if plugin is not None:
        hub.use_os(FletNotificationsService(plugin, platform))
    link = Link(clock)
    hub.attach(link)
    return hub, link


def first_check(hub: ReminderHub) -> None:
    """What start() does, without APScheduler: follow the zone, hand the phone the plan, check."""
    hub.check_zone()
    run(hub.sync_os())
    hub.runner.tick()


def tick_at(hub: ReminderHub, clock: Clock, *instants: datetime) -> None:
    for t in instants:
        clock.now = t
        hub.runner.tick()


def practise(hub: ReminderHub, started: datetime, slot: Slot) -> SessionRecord:
    record = SessionRecord(f"s-{started.isoformat()}", slot, started, started + timedelta(minutes=12))
    save_session(hub.store, record)
    hub.session_saved(record)
    return record


# --- 1. travel does not re-date the past -------------------------------------------------
def test_a_session_belongs_to_the_date_and_slot_where_it_was_done(tmp_path):
    clock, zone = Clock(at(D, 19, 55, NY)), Zone(NY)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    tick_at(hub, clock, at(D, 20, 0, NY))
    clock.now = at(D, 20, 10, NY)
    practise(hub, clock.now, E)  # the New York evening, saved with its -04:00
    assert (D, E) in hub.runner.state.done

    # Flown to London; the app reopens there the next morning (a new process reads the sessions).
    zone.name = LONDON.key
    clock.now = at(D + timedelta(days=1), 10, 0)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    assert (D, E) in hub.runner.state.done and (D + timedelta(days=1), E) not in hub.runner.state.done
    tick_at(hub, clock, at(D + timedelta(days=1), 20, 0))
    assert link.shown[-1] == main_key(D + timedelta(days=1), E)  # the London evening is reminded
    assert link.when[-1] == at(D + timedelta(days=1), 20, 0)


# --- 2. a flight while the app is closed ---------------------------------------------------
def test_reopened_after_a_flight_the_evening_missed_in_the_old_zone_is_said_once(tmp_path):
    clock, zone = Clock(at(D, 19, 0, NY)), Zone(NY)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)  # closed at 19:00 in New York, before the 20:00 evening reminder
    zone.name = LONDON.key
    clock.now = at(D + timedelta(days=1), 7, 30)  # 02:30 in New York: London's 20:00 was long before
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    tick_at(hub, clock, at(D + timedelta(days=1), 7, 31))
    assert link.shown == [missed_key(D, E)]
    assert hub.runner.tz == "Europe/London"
    tick_at(hub, clock, at(D + timedelta(days=1), 8, 0))
    assert link.shown == [missed_key(D, E), main_key(D + timedelta(days=1), M)]


def test_reopened_after_flying_west_a_reminder_still_ahead_comes_at_local_time_not_as_missed(tmp_path):
    clock, zone = Clock(at(D, 19, 0)), Zone(LONDON)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)  # closed in London at 19:00; London's 20:00 passes in the air
    zone.name = NY.key
    clock.now = at(D, 19, 30, NY)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    assert link.shown == []  # nothing missed: the evening is still ahead where the person is
    tick_at(hub, clock, at(D, 20, 0, NY))
    assert link.shown == [main_key(D, E)] and link.when == [at(D, 20, 0, NY)]


# --- 3. a flight with the app open ----------------------------------------------------------
def test_flying_east_with_the_app_open_does_not_drop_the_evening_silently(tmp_path):
    clock, zone = Clock(at(D, 0, 5, LA)), Zone(LA)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    # In the air on Los Angeles time: 08:00 and its follow-ups come as usual.
    tick_at(hub, clock, at(D, 8, 0, LA), at(D, 8, 30, LA), at(D, 9, 0, LA))
    assert link.shown == [main_key(D, M), follow_up_key(D, M, 1), follow_up_key(D, M, 2)]
    # Landed in Tokyo at 03:05 the next day: Tokyo's 20:00 of that date passed during the
    # flight, Los Angeles' is still ahead. The phone's zone changes; the hub notices.
    clock.now = at(D, 11, 5, LA)
    zone.name = TOKYO.key
    assert hub.check_zone() is True
    assert link.shown[3:] == [missed_key(D, E)]  # said once, calmly
    tick_at(hub, clock, clock.now + timedelta(minutes=1), at(D + timedelta(days=1), 8, 0, TOKYO))
    assert link.shown[3:] == [missed_key(D, E), main_key(D + timedelta(days=1), M)]
    assert link.when[-1] == at(D + timedelta(days=1), 8, 0, TOKYO)  # 08:00 where the person is
    tick_at(hub, clock, at(D, 20, 0, LA))  # Los Angeles' 20:00 comes round: nothing twice
    assert link.shown.count(main_key(D, E)) == 0 and link.shown.count(missed_key(D, E)) == 1


def test_a_reminder_the_flight_put_a_few_minutes_back_is_given_at_once(tmp_path):
    clock, zone = Clock(at(D, 15, 0, NY)), Zone(NY)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    clock.now = at(D, 20, 5)  # the zone changes at 20:05 London: its 20:00 was 5 minutes ago
    zone.name = LONDON.key
    hub.check_zone()
    assert link.shown == [main_key(D, E)]  # live, not "missed"
    tick_at(hub, clock, at(D, 20, 30))
    assert link.shown == [main_key(D, E), follow_up_key(D, E, 1)]


# --- 5. snooze from a phone notification into quiet hours --------------------------------
def quiet_evening() -> ReminderSettings:
    return ReminderSettings(evening=SlotReminder(True, "21:00"), quiet_start="22:00", quiet_end="07:00",
                            snooze_minutes=60)


def test_a_snooze_from_the_notification_into_quiet_hours_comes_at_their_end(tmp_path):
    clock, zone = Clock(at(D, 20, 0)), Zone(LONDON)
    phone = Phone()
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone))
    hub.save_settings(quiet_evening())
    first_check(hub)
    hub.detach(link)  # the app goes away; the phone shows 21:00
    clock.now = at(D, 21, 5)
    [nid] = phone.show_due(clock.now)
    assert nid == notification_id(main_key(D, E))
    # Snooze 60 minutes on the notification: 22:05 is in quiet hours. The button opens the app.
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone))
    first_check(hub)
    reminder = hub.reminder_for_notification(nid)
    until = hub.snooze(reminder)
    assert until == at(D + timedelta(days=1), 7, 0)  # moved to the end of quiet hours, not dropped
    run(hub.sync_os())
    key = snooze_key(D, E, until)
    assert phone.pending[notification_id(key)]["when"] == until
    assert notification_id(follow_up_key(D, E, 1)) not in phone.pending  # replaced by the snooze
    tick_at(hub, clock, at(D, 21, 30), at(D, 23, 0), at(D + timedelta(days=1), 7, 0))
    assert link.shown == [key]


def test_new_quiet_hours_move_a_pending_snooze_to_their_end(tmp_path):
    clock, zone = Clock(at(D, 20, 0)), Zone(LONDON)
    hub, link = open_app(tmp_path, clock, zone)
    hub.save_settings(replace(quiet_evening(), snooze_minutes=10))
    first_check(hub)
    tick_at(hub, clock, at(D, 21, 0))
    clock.now = at(D, 21, 5)
    hub.snooze(parse_reminder_key(main_key(D, E), clock.now))
    assert hub.runner.state.snoozes[(D, E)] == at(D, 21, 15)
    clock.now = at(D, 21, 8)
    hub.save_settings(replace(hub.settings, quiet_start="21:10"))
    assert hub.runner.state.snoozes[(D, E)] == at(D + timedelta(days=1), 7, 0)


# --- 6. settings changed while follow-ups are pending -------------------------------------
def test_a_shorter_interval_at_08_20_keeps_the_follow_ups_at_the_new_times(tmp_path):
    clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
    phone = Phone()
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone))
    first_check(hub)
    tick_at(hub, clock, at(D, 8, 0))
    clock.now = at(D, 8, 20)
    hub.save_settings(replace(hub.settings, follow_up_minutes=10))
    run(hub.sync_os())
    assert phone.pending[notification_id(follow_up_key(D, M, 1))]["when"] == at(D, 8, 30)
    assert phone.pending[notification_id(follow_up_key(D, M, 2))]["when"] == at(D, 8, 40)
    # Survives a restart (the re-plan is part of the stored state).
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone))
    first_check(hub)
    tick_at(hub, clock, at(D, 8, 30), at(D, 8, 40), at(D, 9, 0))
    assert link.shown == [follow_up_key(D, M, 1), follow_up_key(D, M, 2)]
    assert link.when == [at(D, 8, 30), at(D, 8, 40)]


def test_moving_the_morning_earlier_after_it_fired_keeps_its_follow_ups(tmp_path):
    clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    tick_at(hub, clock, at(D, 8, 0))
    clock.now = at(D, 8, 10)
    hub.save_settings(hub.settings.with_slot(M, SlotReminder(True, "07:00")))
    tick_at(hub, clock, at(D, 8, 40), at(D, 9, 10), at(D + timedelta(days=1), 7, 0))
    assert link.shown == [main_key(D, M), follow_up_key(D, M, 1), follow_up_key(D, M, 2),
                          main_key(D + timedelta(days=1), M)]
    assert link.when[1:] == [at(D, 8, 40), at(D, 9, 10), at(D + timedelta(days=1), 7, 0)]


def test_a_follow_up_already_given_is_not_given_again_after_a_change(tmp_path):
    clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
    hub, link = open_app(tmp_path, clock, zone)
    first_check(hub)
    tick_at(hub, clock, at(D, 8, 0), at(D, 8, 30))
    clock.now = at(D, 8, 45)
    hub.save_settings(replace(hub.settings, follow_up_minutes=10))  # follow2 would be 08:20: past
    tick_at(hub, clock, at(D, 8, 55), at(D, 9, 0), at(D, 12, 0))
    assert link.shown == [main_key(D, M), follow_up_key(D, M, 1), follow_up_key(D, M, 2)]
    assert link.when[-1] == at(D, 8, 55)


# --- 7. a long horizon on the phone, and one notice before it ends --------------------------
def test_ios_gets_64_notifications_follow_ups_only_for_two_days_and_one_notice(tmp_path):
    clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
    phone = Phone(limit=64)
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone), ft.PagePlatform.IOS)
    first_check(hub)
    assert len(phone.pending) == 64
    follow = [kw["when"] for kw in phone.pending.values() if "Still time" in kw["title"]]
    assert len(follow) == 8 and max(follow) < clock.now + timedelta(days=2)
    mains = sorted(kw["when"] for kw in phone.pending.values() if kw["title"].startswith("Time for"))
    assert len(mains) == 55 and mains[-1] >= at(D + timedelta(days=27), 8, 0)
    notice = phone.pending[NOTICE_ID]
    assert mains[-1] - timedelta(days=1) < notice["when"] < mains[-1] and notice["actions"] == []
    assert "Open PressPoint" in notice["body"]
    assert hub.reminder_for_notification(NOTICE_ID) is None  # a tap only opens the app


def test_nine_days_away_the_phone_keeps_reminding_and_weeks_away_it_says_so_first(tmp_path):
    clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
    phone = Phone(limit=64)
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone), ft.PagePlatform.IOS)
    first_check(hub)
    reset_runner()  # not opened again for weeks
    nine = phone.show_due(at(D + timedelta(days=9), 21, 0))
    assert notification_id(main_key(D + timedelta(days=9), E)) in nine  # day 9 still reminded
    shown = nine + phone.show_due(at(D + timedelta(days=60), 0, 0))
    assert shown.count(NOTICE_ID) == 1
    when = dict((nid, w) for w, nid in phone.presented)
    last = max(w for w, nid in phone.presented if nid != NOTICE_ID)
    assert timedelta(hours=12) < last - when[NOTICE_ID] < timedelta(days=2)  # told before the end


def test_android_hands_two_months_of_main_reminders_within_its_limit(tmp_path):
    clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
    phone = Phone(limit=500)
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone), ft.PagePlatform.ANDROID)
    first_check(hub)
    mains = [kw["when"] for kw in phone.pending.values() if kw["title"].startswith("Time for")]
    assert len(mains) == 120 and max(mains) >= at(D + timedelta(days=59), 8, 0)
    assert len(phone.pending) == 120 + 8 + 1 <= 400


# --- 8. the zone is followed as soon as the app runs there ----------------------------------
def test_start_follows_the_new_zone_before_handing_the_phone_its_plan(tmp_path):
    clock, zone = Clock(at(D, 12, 0, ZoneInfo("America/Chicago"))), Zone(ZoneInfo("America/Chicago"))
    phone = Phone()
    hub = ReminderHub(open_store(tmp_path / "data"), clock, zone=zone)
    hub.use_os(FletNotificationsService(FakePlugin(phone), ft.PagePlatform.IOS))
    link = Link(clock)
    madrid = ZoneInfo("Europe/Madrid")

    async def scenario():
        hub.attach(link)
        await hub.start()
        hub.detach(link)  # closed; the same process lives on (a computer, a phone kept alive)
        assert phone.pending[notification_id(main_key(D, E))]["when"] == at(D, 20, 0, ZoneInfo("America/Chicago"))
        zone.name = madrid.key
        clock.now = at(D + timedelta(days=1), 1, 0, madrid)
        hub.attach(link)
        await hub.start()  # no waiting for the minute's zone check
        hub.stop()
        await asyncio.sleep(0)

    run(scenario())
    assert hub.runner.tz == "Europe/Madrid"
    assert phone.pending[notification_id(main_key(D + timedelta(days=1), E))]["when"] == at(
        D + timedelta(days=1), 20, 0, madrid)
    assert notification_id(main_key(D, E)) not in phone.pending  # no Chicago 20:00 at 03:00 in Madrid


# --- 9. iOS first launch: ask without a time limit --------------------------------------------
def page(platform: ft.PagePlatform) -> SimpleNamespace:
    return SimpleNamespace(platform=platform, web=False)


def test_ios_first_launch_asks_explicitly_waits_for_the_answer_and_switches_to_the_phone(tmp_path):
    made: list[FakePlugin] = []

    def factory(**kw):
        plugin = FakePlugin(enabled=False, made_with=kw, answer_after=2)  # the person takes their time
        for flag in ASK_FLAGS:
            setattr(plugin, flag, kw[flag])
        made.append(plugin)
        return plugin

    service = run(detect_phone_service(page(ft.PagePlatform.IOS), lambda e: None, factory=factory, timeout=1))
    plugin = made[0]
    assert all(plugin.made_with[f] is False for f in ASK_FLAGS)  # the start does not hold every call
    assert isinstance(service, FletNotificationsService)
    assert service.permission_status() is PermissionStatus.DENIED  # not answered yet
    clock = Clock(at(D, 7, 0))
    hub = ReminderHub(open_store(tmp_path / "data"), clock, zone=Zone(LONDON))
    hub.use_os(service)
    assert run(service.request_permission()) is True
    asked = [c for c in plugin.calls if c[0] in ("update", "request_permissions")]
    assert asked[0] == ("update", (True, True, True))  # alert, sound and badge are asked for
    assert [c[0] for c in asked[1:]] == ["request_permissions"] * 3  # two waits ended, then the answer
    run(hub.sync_os())
    assert hub.last_os_status is PermissionStatus.GRANTED and len(plugin.phone.pending) == 64


# --- 10. iOS restart: the buttons are handed over again -------------------------------------
def test_ios_restart_re_arms_every_pending_notification_once_android_does_not(tmp_path):
    for platform, again in ((ft.PagePlatform.IOS, 64), (ft.PagePlatform.ANDROID, 0)):
        clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
        phone = Phone(limit=500)
        hub, link = open_app(tmp_path / platform.value, clock, zone, FakePlugin(phone), platform)
        first_check(hub)
        assert hub.store.get_doc(OS_DOC)["armed"]
        plugin = FakePlugin(phone)  # a new run: the plugin's memory (iOS categories) is empty
        hub, link = open_app(tmp_path / platform.value, clock, zone, plugin, platform)
        first_check(hub)
        assert len(plugin.scheduled()) == min(again, len(phone.pending)), platform
        assert all(phone.pending[n]["actions"] for n in plugin.scheduled() if n != NOTICE_ID)
        plugin.calls.clear()
        run(hub.sync_os())
        assert plugin.scheduled() == []  # once per start, not on every sync


# --- 11. the app in the foreground: one reminder, not two -----------------------------------
def test_in_the_foreground_the_in_app_prompt_is_the_only_reminder(tmp_path):
    clock, zone = Clock(at(D, 7, 0)), Zone(LONDON)
    phone = Phone(limit=500)
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone), ft.PagePlatform.ANDROID)
    first_check(hub)
    assert notification_id(main_key(D, M)) in phone.pending  # unknown lifecycle: the phone has it
    hub.set_foreground(True)  # no loop here: the hub's own sync is left to the caller
    run(hub.sync_os())
    assert notification_id(main_key(D, M)) in phone.pending  # an hour away: still the phone's
    for minute in range(1, 61):  # the hub's minute check (it re-syncs every 5 minutes meanwhile)
        clock.now = at(D, 7, 0) + timedelta(minutes=minute)
        if minute == 45:
            assert notification_id(main_key(D, M)) not in phone.pending  # left to the app
        run(hub.housekeep())
        hub.runner.tick()
        assert not phone.show_due(clock.now)
    assert link.shown == [main_key(D, M)] and phone.presented == []
    hub.set_foreground(False)
    run(hub.sync_os())
    assert notification_id(follow_up_key(D, M, 1)) in phone.pending  # handed back at once


def test_the_page_lifecycle_tells_the_hub_when_the_app_is_in_the_foreground(tmp_path):
    clock, zone = Clock(at(D, 7, 45)), Zone(LONDON)
    phone = Phone(limit=500)
    hub, link = open_app(tmp_path, clock, zone, FakePlugin(phone), ft.PagePlatform.ANDROID)
    page = SimpleNamespace(on_app_lifecycle_state_change=None)
    follow_foreground(page, hub)  # the app starts in the foreground
    first_check(hub)
    assert notification_id(main_key(D, M)) not in phone.pending  # 08:00 is the prompt's
    page.on_app_lifecycle_state_change(SimpleNamespace(state=ft.AppLifecycleState.HIDE))
    run(hub.sync_os())
    assert notification_id(main_key(D, M)) in phone.pending  # hidden: the phone's again
    page.on_app_lifecycle_state_change(SimpleNamespace(state=ft.AppLifecycleState.RESUME))
    run(hub.sync_os())
    assert notification_id(main_key(D, M)) not in phone.pending
