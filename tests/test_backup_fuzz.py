"""Hostile backups: whatever the file holds, a restore answers fast with one BackupError or a usable store.

A mutated backup must either be refused (BackupError, store untouched) or be
restored into data the app's own readers accept.  Each input gets a time bound
measured here, since the restore runs while the person waits.
"""
from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from data.exports import backup as backup_module
from data.exports.backup import BackupError, make_backup, restore_backup, validate_backup
from data.exports.csv_export import export_csv
from data.journal.checkins import CheckIn, DayNote, PgicAnswer, save_checkin, save_note, save_pgic
from data.journal.sessions import save_session
from data.models import Routine, RoutineStep, SessionRecord, Side, Slot, StepResult
from data.routine.catalog import CORE_CODES, point
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.profile import Profile, Zone, save_profile
from data.routine.progression import PlanState, save_plan
from data.routine.saved import save_routine
from data.routine.selection import RoutineEdits, save_edits
from data.storage import files as files_module
from data.storage.store import Store
from scheduler.settings import ReminderSettings
from scheduler.store_docs import REMINDER_DOCS, SETTINGS_DOC

UTC = timezone.utc
NOW = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)
# A routine saved before any answers, as an old backup brings one.
OLD_ROUTINE = Routine(
    tuple(RoutineStep(c, 60, point(c).sides, "One of the five core points of the starting routine.") for c in CORE_CODES)
)
T0 = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
BOUND_S = 2.0  # per input up to 1 MB: generous, the machine is shared
FAR = "9999-12-31T23:59:59-14:00"


def fill(store: Store) -> None:
    for day in range(3):
        start = T0 + timedelta(days=day)
        steps = (StepResult("LI4", Side.LEFT, 60, 60, True), StepResult("LI4", Side.RIGHT, 60, 30, False))
        save_session(store, SessionRecord(f"s{day}", Slot.EVENING, start, start + timedelta(minutes=5), steps, True))
        save_checkin(store, CheckIn(f"c{day}", start, numbness=4, pain=2, note="cold feet"))
    save_note(store, DayNote("n1", T0, "new tablets"))
    save_pgic(store, PgicAnswer("p1", T0 + timedelta(days=2), 3))
    save_routine(store, OLD_ROUTINE)
    save_practice_settings(store, PracticeSettings(6.0, 3.0))
    save_profile(store, Profile(zones=frozenset({Zone.FINGERS})))
    save_plan(store, PlanState(T0.date(), 1, T0.date(), weeks_reviewed=1))
    save_edits(store, RoutineEdits().with_added("ST36"))
    store.put_doc(SETTINGS_DOC, ReminderSettings().to_dict())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("fuzz") / "data")
    fill(s)
    return s


@pytest.fixture(scope="module")
def good(store: Store) -> bytes:
    return make_backup(store, NOW, REMINDER_DOCS)


def timed_restore(store: Store, raw: bytes) -> tuple[BackupError | None, float]:
    """Restore ``raw``; the error (only BackupError may come out) and the seconds it took."""
    started = time.perf_counter()
    try:
        restore_backup(store, raw, REMINDER_DOCS, now=NOW)
        error = None
    except BackupError as exc:
        error = exc
    return error, time.perf_counter() - started


def generations(store: Store) -> list[str]:
    return sorted(p.name for p in store.directory.glob("gen-*"))


def assert_refused_fast_and_untouched(store: Store, raw: bytes, message: str = "") -> BackupError:
    before, gens = store.export_all(), generations(store)
    error, seconds = timed_restore(store, raw)
    assert error is not None, "a hostile backup was accepted"
    assert message in str(error)
    assert seconds < BOUND_S, f"{len(raw)} bytes took {seconds:.2f} s"
    assert store.export_all() == before and generations(store) == gens
    return error


def assert_app_can_use(store: Store) -> None:
    """What an accepted restore leaves must be usable by the app's own readers."""
    validate_backup(make_backup(store, NOW, REMINDER_DOCS), REMINDER_DOCS, now=NOW)
    export_csv(store, UTC)


# -- the cases from the issue ------------------------------------------------------------------------


def edit(raw: bytes, change: Any) -> bytes:
    envelope = json.loads(raw)
    change(envelope["data"])
    return json.dumps(envelope).encode()


def first(data: dict, collection: str) -> dict:
    return data["collections"][collection][0]


NAMED = {
    "1e400 in the plan": (lambda raw: raw.replace(b'"weeks_reviewed":1', b'"weeks_reviewed":1e400'), "too large"),
    "a huge whole number": (lambda raw: raw.replace(b'"weeks_reviewed":1', b'"weeks_reviewed":' + b"9" * 4000),
                            "too large"),
    "arrays nested 980 deep under an unknown key": (
        lambda raw: raw.replace(b'"note":"cold feet"', b'"note":"cold feet","x":' + b"[" * 980 + b"]" * 980, 1),
        "nested too deeply",
    ),
    "a plan starting in year 1": (
        lambda raw: edit(raw, lambda d: d["docs"]["plan"].update(start="0001-01-01", level_since="0001-01-01")),
        "document 'plan': start must be between 2000 and today, found 0001-01-01",
    ),
    "weeks_reviewed 10**12": (
        lambda raw: edit(raw, lambda d: d["docs"]["plan"].update(weeks_reviewed=10**12)),
        "document 'plan': weeks_reviewed must be at most",
    ),
    "a plan in the future": (
        lambda raw: edit(raw, lambda d: d["docs"]["plan"].update(start="2030-01-01", level_since="2030-01-01")),
        "start must be between 2000 and today",
    ),
    "an unknown key in the plan": (
        lambda raw: edit(raw, lambda d: d["docs"]["plan"].update(extra=1)), "document 'plan': unknown field 'extra'"
    ),
    "a session at the end of time": (
        lambda raw: edit(raw, lambda d: first(d, "sessions").update(started_at=FAR)),
        f"sessions record 1: started_at is not a time the app can use: '{FAR}'",
    ),
    "a session ending at the end of time": (
        lambda raw: edit(raw, lambda d: first(d, "sessions").update(ended_at=FAR)), "ended_at is not a time"
    ),
    "a check-in at the end of time": (
        lambda raw: edit(raw, lambda d: first(d, "checkins").update(at=FAR)), "checkins record 1: at is not a time"
    ),
    "a PGIC answer at the end of time": (
        lambda raw: edit(raw, lambda d: first(d, "pgic").update(at=FAR)), "pgic record 1: at is not a time"
    ),
    "a note in year 1": (
        lambda raw: edit(raw, lambda d: first(d, "notes").update(at="0001-01-01T00:00:00+00:00")),
        "notes record 1: at must be between 2000 and today",
    ),
    "a check-in next year": (
        lambda raw: edit(raw, lambda d: first(d, "checkins").update(at="2027-04-01T00:00:00+00:00")),
        "at must be between 2000 and today",
    ),
    "an offset no place uses": (
        lambda raw: edit(raw, lambda d: first(d, "checkins").update(at="2026-03-30T08:00:00+23:00")),
        "at has a time zone no place uses",
    ),
    "a backup made in year 1": (
        lambda raw: raw.replace(b'"created_at":"2026-04-06T09:00:00+00:00"', b'"created_at":"0001-01-01T00:00:00Z"'),
        "created_at must be between 2000 and today",
    ),
    "a huge text": (
        lambda raw: raw.replace(b'"cold feet"', b'"' + b"a" * 20_000 + b'"', 1), "a text of 20000 characters"
    ),
    "a huge edit count": (
        lambda raw: edit(raw, lambda d: d["docs"]["routine_edits"].update(order=["LI4"] * 1000)),
        "too many changes",
    ),
    "edit seconds as text": (
        lambda raw: edit(raw, lambda d: d["docs"]["routine_edits"].update(seconds={"LI4": "60"})),
        "document 'routine_edits': seconds",
    ),
    "edit seconds out of range": (
        lambda raw: edit(raw, lambda d: d["docs"]["routine_edits"].update(seconds={"LI4": 10**9})),
        "seconds for LI4 must be a whole number of seconds, found 1000000000",
    ),
    "a session with a million steps": (
        lambda raw: edit(raw, lambda d: first(d, "sessions").update(steps=first(d, "sessions")["steps"] * 300)),
        "steps must be a list of at most 500 steps",
    ),
}


@pytest.mark.parametrize("name", NAMED)
def test_named_hostile_backups_are_refused_fast_with_the_store_untouched(store: Store, good: bytes, name: str) -> None:
    mutate, message = NAMED[name]
    bad = mutate(good)
    assert bad != good
    assert_refused_fast_and_untouched(store, bad, message)


@pytest.mark.parametrize("size", [40_000, 1_000_000])
def test_an_endless_string_of_escaped_quotes_is_called_incomplete_at_once(store: Store, size: int) -> None:
    raw = b'{"format":"presspoint-backup","app":"' + b'\\"' * (size // 2)
    assert_refused_fast_and_untouched(store, raw, "The backup file is incomplete")
    raw = b'{"format":"presspoint-backup","app":"' + b'\\"' * (size // 2) + b"\\"  # a lone backslash at the end
    assert_refused_fast_and_untouched(store, raw, "The backup file is incomplete")


def test_a_megabyte_of_quotes_and_brackets_is_judged_in_linear_time(store: Store) -> None:
    raw = b'{"a":[' + b'"\\"",' * 170_000  # a long flat list, cut off
    assert_refused_fast_and_untouched(store, raw, "The backup file is incomplete")
    raw = b'{"a":' + b'["\\"",' * 150_000  # cut off and far too deep: either answer is fine, at once
    assert_refused_fast_and_untouched(store, raw, "The backup file is")


def test_the_good_backup_is_accepted(store: Store, good: bytes) -> None:
    error, seconds = timed_restore(store, good)
    assert error is None and seconds < BOUND_S
    assert_app_can_use(store)


def test_a_restore_that_fails_half_way_removes_what_it_built_at_once(
    store: Store, good: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, gens = store.export_all(), generations(store)
    calls = [0]
    real = files_module._write_fsync

    def full_disk(path: Path, data: bytes) -> None:
        calls[0] += 1
        if calls[0] == 5:  # a few files into the new generation
            raise OSError(28, os.strerror(28))
        real(path, data)

    monkeypatch.setattr(files_module, "_write_fsync", full_disk)
    with pytest.raises(BackupError, match="not enough free space on this device"):
        restore_backup(store, good, REMINDER_DOCS, now=NOW)
    assert generations(store) == gens  # not left for the next start
    assert store.export_all() == before


# -- fuzzing ---------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30) | st.sampled_from([FAR, "0001-01-01", "2026-03-30T08:00:00+00:00", "LI4", "morning"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value: a path of keys and indexes."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for n, child in enumerate(value):
            found += paths(child, (*prefix, n))
    return found


def set_at(envelope: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    target = envelope
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return envelope


@st.composite
def structural_mutations(draw: st.DrawFn, raw: bytes) -> bytes:
    envelope = json.loads(raw)
    for _ in range(draw(st.integers(1, 3))):
        places = paths(envelope)
        path = draw(st.sampled_from(places))
        kind = draw(st.sampled_from(["replace", "add key", "deepen", "remove"]))
        if kind == "replace":
            envelope = set_at(envelope, path, draw(json_values))
        elif kind == "add key":
            target = envelope
            for key in path:
                target = target[key]
            if isinstance(target, dict):
                target[draw(st.text(max_size=8))] = draw(json_values)
        elif kind == "deepen":
            depth = draw(st.integers(1, 990))
            envelope = set_at(envelope, path, json.loads("[" * depth + "]" * depth))
        elif path:
            parent = envelope
            for key in path[:-1]:
                parent = parent[key]
            del parent[path[-1]]
    return json.dumps(envelope).encode()


@st.composite
def byte_mutations(draw: st.DrawFn, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "overwrite", "repeat"]))
        if kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=20) | st.sampled_from([b'\\"' * 500, b"[" * 500, b"1e400"]))
        elif kind == "overwrite":
            piece = draw(st.binary(min_size=1, max_size=8))
            data[at:at + len(piece)] = piece
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 2000))] * draw(st.integers(1, 50))
        del data[1_000_000:]
    return bytes(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                      HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_backups_are_refused_fast_or_leave_a_usable_store(
    store: Store, good: bytes, data: st.DataObject
) -> None:
    raw = data.draw(structural_mutations(good) | byte_mutations(good))
    before, gens = store.export_all(), generations(store)
    error, seconds = timed_restore(store, raw)
    assert seconds < BOUND_S, f"{len(raw)} bytes took {seconds:.2f} s"
    if error is None:
        assert_app_can_use(store)
        restore_backup(store, good, REMINDER_DOCS, now=NOW)  # back to the known data for the next input
    else:
        assert str(error)
        assert store.export_all() == before and generations(store) == gens


def test_parsing_has_no_quadratic_cut_off_finder() -> None:
    assert not hasattr(backup_module, "_JSON_STRING")
