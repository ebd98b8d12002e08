"""Behaviour of data.store: round trips, month partitions, migrations, atomic replace_all, sharing."""
from __future__ import annotations

import json
import multiprocessing
import multiprocessing.synchronize
import os
import shutil
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from data.storage import store as store_module
from data.storage.store import PARTITION_KEY, SCHEMA_VERSION, Store, StoreError, open_store

UTC = timezone.utc
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def at(year: int, month: int, day: int, hour: int = 12, tz: timezone | ZoneInfo = UTC) -> datetime:
    return datetime(year, month, day, hour, tzinfo=tz)


def session(record_id: str, **extra: object) -> dict:
    return {"id": record_id, "slot": "morning", "steps": [{"point_code": "LI4", "pressed_seconds": 30}], **extra}


def files_of(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def age_files(directory: Path) -> None:
    """Backdate every file, so the partition cache may keep it (fresh files are never cached)."""
    old = (datetime.now().timestamp() - 3600,) * 2
    for path in directory.rglob("*.json"):
        os.utime(path, old)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "store")


# -- round trips ---------------------------------------------------------------------------------


def test_doc_round_trip_overwrites_whole_doc_and_returns_copies(store: Store) -> None:
    assert store.get_doc("settings") is None
    store.put_doc("settings", {"reminders": True, "times": ["08:00", "20:00"], "nested": {"a": 1}})
    store.put_doc("settings", {"reminders": False})
    got = store.get_doc("settings")
    assert got == {"reminders": False}
    got["reminders"] = "mutated"
    assert store.get_doc("settings") == {"reminders": False}
    store.put_doc("profile", {"name": "Ana"})
    assert store.get_doc("profile") == {"name": "Ana"}
    assert store.get_doc("settings") == {"reminders": False}


def test_records_round_trip_in_insertion_order_as_copies(store: Store) -> None:
    saved = [session(f"s{i}", n=i) for i in range(5)]
    for record in saved:
        store.append("sessions", record, at(2024, 3, 1 + len(saved) - int(record["n"])))  # days out of order
    got = store.records("sessions")
    assert got == saved
    got[0]["steps"][0]["pressed_seconds"] = 999
    assert store.records("sessions") == saved
    assert store.records("checkins") == []


def test_saved_record_is_independent_of_the_callers_dict(store: Store) -> None:
    record = session("a")
    store.append("sessions", record, at(2024, 3, 1))
    record["steps"].append({"point_code": "ST36"})
    assert store.records("sessions") == [session("a")]


# -- month partitions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "month"),
    [
        (datetime(2024, 1, 31, 23, 59, tzinfo=NEW_YORK), "2024-01"),  # already February in UTC
        (datetime(2024, 3, 1, 0, 30, tzinfo=AUCKLAND), "2024-03"),  # still February in UTC
        (datetime(2023, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-10))), "2023-12"),
    ],
)
def test_record_lands_in_the_month_of_its_own_local_date(store: Store, when: datetime, month: str) -> None:
    store.append("sessions", session("edge"), when)
    day = date.fromisoformat(f"{month}-01")
    assert store.records("sessions", since=day, until=day) == [session("edge")]
    assert store.export_all()["collections"]["sessions"][0][PARTITION_KEY] == month
    partition_files = [p.name for p in store.directory.rglob("*.json") if p.parent.name == "sessions"]
    assert partition_files == [f"{month}.json"]


def test_records_since_until_select_overlapping_months_in_chronological_order(store: Store) -> None:
    for month in (5, 1, 3, 12):  # saved out of order
        store.append("sessions", session(f"m{month}"), at(2024, month, 15))
    store.append("sessions", session("m1b"), at(2024, 1, 2))
    store.append("sessions", session("y23"), at(2023, 12, 31))

    def ids(**kwargs: date) -> list[str]:
        return [r["id"] for r in store.records("sessions", **kwargs)]

    assert ids() == ["y23", "m1", "m1b", "m3", "m5", "m12"]
    assert ids(since=date(2024, 1, 31)) == ["m1", "m1b", "m3", "m5", "m12"]  # whole months
    assert ids(until=date(2024, 3, 1)) == ["y23", "m1", "m1b", "m3"]
    assert ids(since=date(2024, 2, 1), until=date(2024, 5, 31)) == ["m3", "m5"]
    assert ids(since=date(2024, 2, 1), until=date(2024, 2, 28)) == []
    assert ids(since=date(2024, 6, 1), until=date(2024, 1, 1)) == []


def test_replace_overwrites_in_place_or_inserts(store: Store) -> None:
    when = at(2024, 4, 10)
    store.append("sessions", session("a", finished=False, note="x"), when)
    store.append("sessions", session("b"), when)
    store.replace("sessions", {"id": "a", "finished": True}, at(2024, 4, 20))
    store.replace("sessions", session("c"), when)
    assert store.records("sessions") == [{"id": "a", "finished": True}, session("b"), session("c")]


def test_delete_removes_only_in_the_given_month(store: Store) -> None:
    store.append("sessions", session("a"), at(2024, 4, 10))
    store.append("sessions", session("a"), at(2024, 5, 10))  # ids are unique per month partition
    assert store.delete("sessions", "a", at(2024, 6, 1)) is False
    assert store.delete("sessions", "a", at(2024, 4, 30)) is True
    assert store.delete("sessions", "a", at(2024, 4, 30)) is False
    assert store.delete("notes", "a", at(2024, 4, 30)) is False
    assert store.records("sessions") == [session("a")]
    assert store.records("sessions", since=date(2024, 5, 1)) == [session("a")]


def test_append_refuses_an_id_already_in_that_month(store: Store) -> None:
    store.append("sessions", session("a"), at(2024, 4, 10))
    with pytest.raises(StoreError, match="already"):
        store.append("sessions", session("a", other=1), at(2024, 4, 11))
    assert store.records("sessions") == [session("a")]


# -- validation ----------------------------------------------------------------------------------

BAD_NAMES = ["", "../etc", "a/b", "Sessions", "a.b", "a-b", "x" * 65, ".lock", 3]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_names_are_refused(store: Store, name: str) -> None:
    when = at(2024, 1, 1)
    for call in (
        lambda: store.get_doc(name),
        lambda: store.put_doc(name, {}),
        lambda: store.append(name, session("a"), when),
        lambda: store.replace(name, session("a"), when),
        lambda: store.delete(name, "a", when),
        lambda: store.records(name),
        lambda: store.replace_all({"schema_version": SCHEMA_VERSION, "docs": {name: {}}, "collections": {}}),
    ):
        with pytest.raises(StoreError):
            call()


@pytest.mark.parametrize(
    "record",
    [
        {"no_id": 1},
        {"id": 5},
        {"id": ""},
        {"id": "a", "t": (1, 2)},
        {"id": "a", 1: "int key"},
        {"id": "a", "x": float("nan")},
        {"id": "a", "x": object()},
        {"id": "a", PARTITION_KEY: "2024-01"},
        ["id", "a"],
    ],
)
def test_records_must_be_plain_json_dicts_with_a_str_id(store: Store, record: object) -> None:
    with pytest.raises(StoreError):
        store.append("sessions", record, at(2024, 1, 1))  # type: ignore[arg-type]
    assert store.records("sessions") == []


def test_when_must_be_time_zone_aware(store: Store) -> None:
    with pytest.raises(StoreError):
        store.append("sessions", session("a"), datetime(2024, 1, 1, 12))
    with pytest.raises(StoreError):
        store.append("sessions", session("a"), date(2024, 1, 1))  # type: ignore[arg-type]


# -- opening -------------------------------------------------------------------------------------


def test_open_store_returns_one_instance_per_resolved_directory(tmp_path: Path) -> None:
    first = open_store(tmp_path / "s")
    (tmp_path / "link").symlink_to(tmp_path / "s")
    assert open_store(str(tmp_path / "s")) is first
    assert open_store(tmp_path / "link") is first
    assert open_store(tmp_path / "other") is not first


def test_threads_share_one_store(tmp_path: Path) -> None:
    def work(n: int) -> None:
        shared = open_store(tmp_path / "s")
        for i in range(25):
            shared.append("sessions", session(f"t{n}-{i}"), at(2024, 2, 1 + i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [r["id"] for r in open_store(tmp_path / "s").records("sessions")]
    assert sorted(ids) == sorted(f"t{n}-{i}" for n in range(4) for i in range(25))


def test_new_directory_is_stamped_with_the_current_version(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new" / "nested")
    assert store.schema_version == SCHEMA_VERSION
    meta = json.loads((tmp_path / "new" / "nested" / "meta.json").read_text())
    assert meta["schema_version"] == SCHEMA_VERSION
    assert store.export_all() == {"schema_version": SCHEMA_VERSION, "docs": {}, "collections": {}}


def test_a_foreign_directory_is_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a store"):
        Store(tmp_path / "home")
    assert not (tmp_path / "home" / "meta.json").exists()


def make_v1_directory(directory: Path) -> None:
    """A store as version 1 of the code left it, written by hand."""
    gen = directory / "gen-000003"
    (gen / "docs").mkdir(parents=True)
    (gen / "collections" / "sessions").mkdir(parents=True)
    (directory / "meta.json").write_text(json.dumps({"schema_version": 1, "generation": 3}))
    (gen / "docs" / "settings.json").write_text(json.dumps({"doc": {"1": {"reminder": "08:00"}}}))
    (gen / "collections" / "sessions" / "2023-11.json").write_text(
        json.dumps({"records": {"1": {"id": "a", "secs": 30}, "2": {"id": "b", "secs": 60}}})
    )
    (gen / "collections" / "sessions" / "2024-01.json").write_text(
        json.dumps({"records": {"1": {"id": "c", "secs": 90}}})
    )


def v1_to_v2(data: dict) -> dict:
    """Test migration: seconds become milliseconds, the reminder becomes a list."""
    for record in data["collections"].get("sessions", []):
        record["ms"] = record.pop("secs") * 1000
    settings = data["docs"]["settings"]
    settings["reminders"] = [settings.pop("reminder")]
    return data


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store_module, "MIGRATIONS", {1: v1_to_v2})


def test_older_directory_is_migrated_through_the_registry(tmp_path: Path, version_2: None) -> None:
    make_v1_directory(tmp_path)
    store = Store(tmp_path)
    assert store.schema_version == 2
    assert store.get_doc("settings") == {"reminders": ["08:00"]}
    assert [(r["id"], r["ms"]) for r in store.records("sessions")] == [("a", 30000), ("b", 60000), ("c", 90000)]
    assert store.records("sessions", since=date(2024, 1, 1)) == [{"id": "c", "ms": 90000}]
    assert json.loads((tmp_path / "meta.json").read_text())["schema_version"] == 2
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == ["gen-000004"]


def test_interrupted_migration_leaves_the_old_version_and_is_retried(
    tmp_path: Path, version_2: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_v1_directory(tmp_path)
    before = files_of(tmp_path)

    def crash(*_args: object) -> None:
        raise OSError("power cut")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", crash)  # the switch of meta.json never happens
        with pytest.raises(OSError):
            Store(tmp_path)
    left = {k: v for k, v in files_of(tmp_path).items() if k != ".lock" and not k.startswith("gen-000004")}
    assert left == before
    assert Store(tmp_path).get_doc("settings") == {"reminders": ["08:00"]}


def test_missing_migration_step_is_a_clear_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_v1_directory(tmp_path)
    before = files_of(tmp_path)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store_module, "MIGRATIONS", {1: v1_to_v2})
    with pytest.raises(StoreError, match="no migration from schema version 2"):
        Store(tmp_path)
    assert {k: v for k, v in files_of(tmp_path).items() if k != ".lock"} == before


def test_newer_version_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.append("sessions", session("a"), at(2024, 1, 1))
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "schema_version": SCHEMA_VERSION + 1}))
    (tmp_path / "gen-000099").mkdir()  # a leftover that opening would normally clean up
    before = files_of(tmp_path)
    with pytest.raises(StoreError, match="newer version"):
        Store(tmp_path)
    assert files_of(tmp_path) == before
    assert (tmp_path / "gen-000099").is_dir()
    with pytest.raises(StoreError, match="schema version"):  # a handle opened earlier stops writing
        store.append("sessions", session("b"), at(2024, 1, 1))


# -- replace_all ---------------------------------------------------------------------------------

OLD = {
    "schema_version": SCHEMA_VERSION,
    "docs": {"settings": {"theme": "old"}, "routine": {"steps": [1, 2]}},
    "collections": {
        "sessions": [{**session(f"o{i}"), PARTITION_KEY: f"2023-{i:02d}"} for i in range(1, 7)],
        "checkins": [{"id": "c1", "pain": 3, PARTITION_KEY: "2023-02"}],
    },
}
NEW = {
    "schema_version": SCHEMA_VERSION,
    "docs": {"settings": {"theme": "new"}, "profile": {"name": "Bo"}},
    "collections": {
        "sessions": [{**session(f"n{i}"), PARTITION_KEY: f"2024-{i:02d}"} for i in range(1, 5)],
        "notes": [{"id": "x", "text": "hi", PARTITION_KEY: "2024-02"}],
    },
}


def test_export_all_replace_all_round_trip(store: Store) -> None:
    store.replace_all(OLD)
    assert store.export_all() == OLD
    assert store.records("sessions", since=date(2023, 2, 1), until=date(2023, 2, 1)) == [session("o2")]
    store.replace_all(NEW)
    assert store.export_all() == NEW
    assert store.records("checkins") == []
    store.append("sessions", session("later"), at(2024, 2, 5))
    assert [r["id"] for r in store.records("sessions")] == ["n1", "n2", "later", "n3", "n4"]


@pytest.mark.parametrize(
    "bad",
    [
        {**NEW, "schema_version": SCHEMA_VERSION + 1},
        {**NEW, "schema_version": "1"},
        {"schema_version": SCHEMA_VERSION, "docs": {}},
        {**NEW, "collections": {"sessions": [{"id": "a"}]}},  # no month
        {**NEW, "collections": {"sessions": [{"id": "a", PARTITION_KEY: "2024-13"}]}},
        {**NEW, "collections": {"sessions": [{"id": "a", PARTITION_KEY: "2024-01"}] * 2}},
        {**NEW, "docs": {"settings": ["not", "a", "dict"]}},
        {**NEW, "docs": {"settings": {"when": datetime(2024, 1, 1)}}},
    ],
)
def test_invalid_replace_all_changes_nothing(store: Store, bad: dict) -> None:
    store.replace_all(OLD)
    with pytest.raises(StoreError):
        store.replace_all(bad)
    assert store.export_all() == OLD


def test_replace_all_migrates_an_older_backup(tmp_path: Path, version_2: None) -> None:
    store = Store(tmp_path)
    store.replace_all(
        {
            "schema_version": 1,
            "docs": {"settings": {"reminder": "09:00"}},
            "collections": {"sessions": [{"id": "a", "secs": 2, PARTITION_KEY: "2022-07"}]},
        }
    )
    assert store.export_all() == {
        "schema_version": 2,
        "docs": {"settings": {"reminders": ["09:00"]}},
        "collections": {"sessions": [{"id": "a", "ms": 2000, PARTITION_KEY: "2022-07"}]},
    }


class InjectedCrash(Exception):
    """Stands for the process dying at one system call."""


def crash_at(monkeypatch: pytest.MonkeyPatch, step: int) -> list[int]:
    """Make the ``step``-th call to any durable-write primitive raise; return the call counter."""
    calls = [0]
    for owner, name in ((os, "replace"), (os, "fsync"), (os, "mkdir"), (os, "unlink"), (shutil, "rmtree")):
        real = getattr(owner, name)

        def fail_at_step(*args: object, _real=real, **kwargs: object) -> object:  # noqa: ANN001
            calls[0] += 1
            if calls[0] == step:
                raise InjectedCrash(f"crash at step {step}")
            return _real(*args, **kwargs)

        monkeypatch.setattr(owner, name, fail_at_step)
    return calls


def test_replace_all_is_all_or_nothing_whatever_step_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "s"
    Store(directory).replace_all(OLD)
    outcomes = set()
    step = 0
    while True:
        step += 1
        with monkeypatch.context() as patch:
            calls = crash_at(patch, step)
            try:
                Store(directory).replace_all(NEW)
                crashed = False
            except InjectedCrash:
                crashed = True
        reopened = Store(directory)  # a restart after the crash
        state = reopened.export_all()
        assert state in (OLD, NEW), f"mixed state after a crash at step {step}"
        assert sorted(p.name for p in directory.glob("gen-*")) == [f"gen-{json.loads((directory / 'meta.json').read_text())['generation']:06d}"]
        outcomes.add("new" if state == NEW else "old")
        if not crashed:
            assert calls[0] < step
            break
        reopened.replace_all(OLD)
    assert step > 10  # the matrix really went through the build, the switch and the clean-up
    assert outcomes == {"old", "new"}  # a crash after the switch keeps the new data


def test_stamping_a_new_directory_survives_a_crash_at_any_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    step = 0
    while True:
        step += 1
        directory = tmp_path / f"s{step}"
        with monkeypatch.context() as patch:
            calls = crash_at(patch, step)
            try:
                Store(directory)
                crashed = False
            except InjectedCrash:
                crashed = True
        assert Store(directory).export_all() == {"schema_version": SCHEMA_VERSION, "docs": {}, "collections": {}}
        if not crashed:
            assert calls[0] < step
            break


def test_a_save_fsyncs_the_file_before_renaming_it_and_the_directory_after(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.append("sessions", session("first"), at(2024, 1, 1))  # the month folder exists now
    events: list[tuple[str, str]] = []
    paths: dict[int, str] = {}
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def spy_open(path: object, *args: object, **kwargs: object) -> int:
        fd = real_open(path, *args, **kwargs)
        paths[fd] = os.fspath(path)
        return fd

    def spy_fsync(fd: int) -> None:
        events.append(("fsync", paths.get(fd, "?")))
        real_fsync(fd)

    def spy_replace(src: object, dst: object) -> None:
        events.append(("replace", f"{os.fspath(src)} -> {os.fspath(dst)}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    store.append("sessions", session("second"), at(2024, 1, 2))

    target = next(store.directory.rglob("2024-01.json"))
    assert len(events) == 3, events
    (kind1, tmp), (kind2, rename), (kind3, folder) = events
    assert (kind1, kind2, kind3) == ("fsync", "replace", "fsync")
    assert Path(tmp).parent == target.parent and tmp.endswith(".tmp")
    assert rename == f"{tmp} -> {target}"
    assert Path(folder) == target.parent


# -- caching and other handles -------------------------------------------------------------------


def test_cached_history_still_sees_another_handles_writes(tmp_path: Path) -> None:
    mine, theirs = Store(tmp_path), Store(tmp_path)  # two handles, as two processes would have
    for month in range(1, 4):
        mine.append("sessions", session(f"m{month}"), at(2024, month, 1))
    age_files(tmp_path)
    assert len(mine.records("sessions")) == 3  # now cached
    theirs.replace("sessions", session("m1", changed=True), at(2024, 1, 9))
    theirs.append("sessions", session("m2b"), at(2024, 2, 9))
    age_files(tmp_path)
    assert mine.records("sessions") == [
        session("m1", changed=True), session("m2"), session("m2b"), session("m3")
    ]
    theirs.replace_all(NEW)
    assert mine.export_all() == NEW


def test_cached_records_are_copies(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.append("sessions", session("a"), at(2024, 1, 1))
    age_files(tmp_path)
    store.records("sessions")[0]["steps"].clear()
    store.export_all()["collections"]["sessions"][0]["id"] = "z"
    assert store.records("sessions") == [session("a")]


def _append_worker(
    directory: str, prefix: str, count: int, barrier: multiprocessing.synchronize.Barrier
) -> None:
    shared = open_store(directory)
    barrier.wait()
    for i in range(count):
        shared.append("sessions", session(f"{prefix}-{i:03d}"), at(2024, 5, 10))


def test_two_processes_appending_to_one_month_lose_nothing(tmp_path: Path) -> None:
    open_store(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    workers = [
        ctx.Process(target=_append_worker, args=(str(tmp_path), prefix, 200, barrier)) for prefix in ("p", "q")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    ids = [r["id"] for r in open_store(tmp_path).records("sessions")]
    assert len(ids) == 400
    assert set(ids) == {f"{p}-{i:03d}" for p in ("p", "q") for i in range(200)}
    for prefix in ("p", "q"):  # each process's own saves keep their order
        mine = [i for i in ids if i.startswith(prefix)]
        assert mine == sorted(mine)


def test_months_lists_the_months_that_hold_records(tmp_path):
    from datetime import date as d

    store = open_store(tmp_path / "m")
    assert store.months("checkins") == []
    for when in (datetime(2026, 3, 31, 23, 59, tzinfo=timezone.utc), datetime(2026, 1, 5, tzinfo=timezone.utc)):
        store.append("checkins", {"id": when.isoformat()}, when)
    assert store.months("checkins") == [d(2026, 1, 1), d(2026, 3, 1)]


# -- update_doc ----------------------------------------------------------------------------------


def test_update_doc_saves_the_change_of_the_current_doc(store: Store) -> None:
    seen: list[object] = []

    def count(doc: dict | None) -> dict:
        seen.append(doc)
        return {"n": (doc or {"n": 0})["n"] + 1}

    assert store.update_doc("counter", count) == {"n": 1}
    assert store.update_doc("counter", count) == {"n": 2}
    assert seen == [None, {"n": 1}]
    assert store.get_doc("counter") == {"n": 2}


def test_update_doc_that_fails_changes_nothing(store: Store) -> None:
    store.put_doc("counter", {"n": 1})

    def broken(doc: dict | None) -> dict:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        store.update_doc("counter", broken)
    with pytest.raises(StoreError):
        store.update_doc("counter", lambda doc: ["not", "a", "dict"])  # type: ignore[arg-type,return-value]
    with pytest.raises(StoreError):
        store.update_doc("Bad Name", lambda doc: {})
    assert store.get_doc("counter") == {"n": 1}


def test_update_doc_gets_a_private_copy(store: Store) -> None:
    store.put_doc("d", {"items": [1]})

    def mutate(doc: dict | None) -> dict:
        assert doc is not None
        doc["items"].append(2)
        return doc

    saved = store.update_doc("d", mutate)
    saved["items"].append(3)
    assert store.get_doc("d") == {"items": [1, 2]}


def _increment(doc: dict | None) -> dict:
    return {"n": (doc or {"n": 0})["n"] + 1}


def _update_worker(directory: str, count: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    shared = open_store(directory)
    barrier.wait()
    for _ in range(count):
        shared.update_doc("counter", _increment)


def test_two_processes_updating_one_doc_lose_no_update(tmp_path: Path) -> None:
    open_store(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    workers = [ctx.Process(target=_update_worker, args=(str(tmp_path), 300, barrier)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert open_store(tmp_path).get_doc("counter") == {"n": 600}
