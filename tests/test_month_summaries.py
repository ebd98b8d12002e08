"""Month summaries give exactly the whole-history figures of a full scan (data/journal/stats.py)."""
from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings, strategies as st

from data.journal import month_summaries as ms
from data.journal.checkins import SYMPTOMS, CheckIn, Context, list_checkins, save_checkin
from data.journal.sessions import COLLECTION as SESSIONS, read_sessions, save_session
from data.journal.stats import TREND_CONTEXTS, before_after, compare_with_baseline, current_streak
from data.models import SessionRecord, Slot
from data.screens.progress import first_day_of_use
from data.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2025, 11, 20)
ZONES = [timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-11)), timezone(timedelta(hours=13)),
         BERLIN]

scores = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def days(draw) -> list[dict]:
    """One day of use: a daily check-in maybe, and up to two sessions with a before and an after rating maybe."""
    day = START + timedelta(days=draw(st.integers(0, 150)))
    zone = draw(st.sampled_from(ZONES[:4]))
    out = {"day": day, "zone": zone, "daily": None, "sessions": []}
    if draw(st.booleans()):
        out["daily"] = (draw(st.integers(0, 23 * 60 + 59)), [draw(scores) for _ in SYMPTOMS])
    for slot in draw(st.lists(st.sampled_from(list(Slot)), max_size=2, unique=True)):
        out["sessions"].append({
            "slot": slot,
            "minute": draw(st.integers(0, 23 * 60 + 59)),
            "finished": draw(st.booleans()),
            "before": draw(st.one_of(st.none(), st.lists(scores, min_size=len(SYMPTOMS), max_size=len(SYMPTOMS)))),
            "after": draw(st.one_of(st.none(), st.lists(scores, min_size=len(SYMPTOMS), max_size=len(SYMPTOMS)))),
            "gap": draw(st.integers(1, 90)),
        })
    return out


def checkin(cid: str, at: datetime, values: list, context: Context, session_id: str | None = None):
    if all(v is None for v in values):
        return None
    return CheckIn(cid, at, **dict(zip(SYMPTOMS, values)), context=context, session_id=session_id)


def fill(store: Store, history: list[dict]) -> None:
    for n, entry in enumerate(history):
        midnight = datetime.combine(entry["day"], time(0), entry["zone"])
        if entry["daily"]:
            minute, values = entry["daily"]
            found = checkin(f"d{n}", midnight + timedelta(minutes=minute), values, Context.DAILY)
            if found:
                save_checkin(store, found)
        for k, s in enumerate(entry["sessions"]):
            started = midnight + timedelta(minutes=s["minute"])
            sid = f"s{n}-{k}"
            save_session(store, SessionRecord(sid, s["slot"], started, started + timedelta(minutes=s["gap"]),
                                              (), s["finished"]))
            for kind, values, at in ((Context.BEFORE_SESSION, s["before"], started),
                                     (Context.AFTER_SESSION, s["after"], started + timedelta(minutes=s["gap"]))):
                found = values and checkin(f"{kind.value}{n}-{k}", at, values, kind, sid)
                if found:
                    save_checkin(store, found)


def assert_same_as_full_scan(store: Store, tz, today: date) -> None:
    """Every whole-history figure from the summaries equals the full scan's."""
    everything = list_checkins(store, until=today, tz=tz)
    sessions = read_sessions(store)
    past = ms.history(store, tz, today)
    for symptom in SYMPTOMS:
        assert past.before_after(symptom) == before_after(everything, symptom)
        for contexts in (frozenset({Context.DAILY}), TREND_CONTEXTS):
            chosen = [c for c in everything if c.context in contexts]
            assert ms.compare_with_baseline_from(store, past, symptom, today, contexts) == \
                compare_with_baseline(chosen, symptom, tz, today)
            scored = [c for c in chosen if c.score(symptom) is not None]
            assert past.first_scored_day(symptom, contexts) == \
                min((c.at.astimezone(tz).date() for c in scored), default=None)
    assert past.streak(today) == current_streak(sessions, tz, today)
    assert past.first_use(today) == first_day_of_use(sessions, everything, tz, today)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(days(), max_size=40), st.sampled_from(ZONES), st.integers(0, 160))
def test_summaries_give_the_full_scan_figures(history, tz, today_offset):
    today = START + timedelta(days=today_offset)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(folder)
        fill(store, history)
        assert_same_as_full_scan(store, tz, today)
        assert_same_as_full_scan(store, tz, today)  # now from the saved document


def _streaky_store(folder: str) -> Store:
    """Sessions every day from 1 Sep to 10 Dec 2025, morning finished, plus ratings before and after."""
    store = Store(folder)
    day = date(2025, 9, 1)
    while day <= date(2025, 12, 10):
        at = datetime.combine(day, time(8), BERLIN)
        save_session(store, SessionRecord(f"s{day}", Slot.MORNING, at, at + timedelta(minutes=10), (), True))
        save_checkin(store, CheckIn(f"b{day}", at, numbness=5, context=Context.BEFORE_SESSION, session_id=f"s{day}"))
        save_checkin(store, CheckIn(f"a{day}", at + timedelta(minutes=10), numbness=3,
                                    context=Context.AFTER_SESSION, session_id=f"s{day}"))
        save_checkin(store, CheckIn(f"d{day}", at + timedelta(hours=12), numbness=4 + day.day % 3))
        day += timedelta(days=1)
    return store


def test_figures_of_a_long_history(tmp_path):
    store = _streaky_store(str(tmp_path))
    past = ms.history(store, BERLIN, date(2025, 12, 10))
    assert past.streak(date(2025, 12, 10)) == 101
    assert past.first_use(date(2025, 12, 10)) == date(2025, 9, 1)
    assert past.before_after("numbness") == before_after(list_checkins(store), "numbness")
    assert past.before_after("numbness").pairs == 101
    assert sorted(store.get_doc(ms.DOC)["checkins"]) == ["2025-09", "2025-10", "2025-11"]  # December: open


def test_a_month_changed_behind_its_back_is_read_again(tmp_path):
    store = _streaky_store(str(tmp_path))
    today = date(2025, 12, 10)
    ms.history(store, BERLIN, today)
    gone = datetime.combine(date(2025, 9, 15), time(8), BERLIN)
    store.delete(SESSIONS, "s2025-09-15", gone)  # no note_saved: the file's stamp tells
    store.delete("checkins", "a2025-09-15", gone + timedelta(minutes=10))
    past = ms.history(store, BERLIN, today)
    assert past.before_after("numbness").pairs == 100
    assert past.streak(today) == current_streak(read_sessions(store), BERLIN, today) == 86


def test_a_restore_rebuilds_every_month(tmp_path):
    store = _streaky_store(str(tmp_path / "a"))
    today = date(2025, 12, 10)
    ms.history(store, BERLIN, today)
    data = store.export_all()
    data["collections"]["checkins"] = [r for r in data["collections"]["checkins"] if not r["id"].startswith("a")]
    store.replace_all(data)  # the old document comes back too: its stamps name the old generation
    assert ms.history(store, BERLIN, today).before_after("numbness").pairs == 0


def test_nothing_is_written_when_nothing_changed(tmp_path):
    store = _streaky_store(str(tmp_path))
    ms.history(store, BERLIN, date(2025, 12, 10))
    writes = []
    store.put_doc = lambda name, doc: writes.append(name)
    ms.history(store, BERLIN, date(2025, 12, 10))
    assert writes == []


def test_note_saved_rebuilds_the_month_of_the_save(tmp_path):
    store = _streaky_store(str(tmp_path))
    ms.history(store, BERLIN, date(2025, 12, 10))
    at = datetime.combine(date(2025, 9, 3), time(21), BERLIN)
    save_checkin(store, CheckIn("late", at, pain=9))
    ms.note_saved(store, "checkins", at, BERLIN)
    entry = store.get_doc(ms.DOC)["checkins"]["2025-09"]
    assert entry["counts"]["daily"]["pain"] == [1, 9]
    assert entry["stamp"] == ms.partition_stamps(store, "checkins")["2025-09"]


def test_day_marks_are_kept_for_two_zones(tmp_path):
    store = _streaky_store(str(tmp_path))
    today = date(2025, 12, 10)
    for tz in (BERLIN, timezone(timedelta(hours=-10)), timezone(timedelta(hours=2))):
        past = ms.history(store, tz, today)
        assert past.streak(today) == current_streak(read_sessions(store), tz, today)
    done = store.get_doc(ms.DOC)["sessions"]["2025-09"]["done"]
    assert list(done) == ["fixed-36000", "fixed7200"]
    assert done["fixed7200"][0] == "2025-09-01" and set(done["fixed7200"][1]) == {"1"}


def test_in_month_pairs_use_the_latest_rating_of_each_kind():
    at = datetime(2025, 3, 3, 8, tzinfo=BERLIN)
    ratings = [CheckIn("b1", at, pain=8, context=Context.BEFORE_SESSION, session_id="s"),
               CheckIn("b2", at + timedelta(minutes=1), pain=6, context=Context.BEFORE_SESSION, session_id="s"),
               CheckIn("a1", at + timedelta(minutes=9), pain=2, context=Context.AFTER_SESSION, session_id="s"),
               CheckIn("a2", at + timedelta(minutes=9), numbness=2, context=Context.AFTER_SESSION, session_id="t")]
    summary = ms.summarise_checkins(reversed(ratings))
    assert summary["pairs"] == {"pain": [1, 6, 2]}
    assert summary["loose"] == [["t", "after_session", ms._micros(ratings[3].at), "numbness", 2]]
    assert summary["counts"]["before_session"]["pain"] == [2, 14]
