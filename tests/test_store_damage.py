"""A damaged store still opens: what cannot be read is set aside (kept, never deleted) and told once.

The matrix: each kind of damage in each kind of file.  After it the store opens,
every readable record and document is still there, the quarantine lists what
was set aside and keeps its bytes, and a backup can still be made and read.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from data.exports.backup import make_backup, validate_backup
from data.journal.checkins import CheckIn, save_checkin
from data.journal.sessions import save_session
from data.models import SessionRecord, Side, Slot, StepResult
from data.routine.profile import Profile, Zone, save_profile
from data.storage import files as files_module
from data.storage.store import PARTITION_KEY, SCHEMA_VERSION, Store, open_store

UTC = timezone.utc
T0 = datetime(2024, 3, 10, 8, 0, tzinfo=UTC)
WHEN = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


def clock() -> datetime:
    return WHEN


def fill(store: Store) -> None:
    for n, start in enumerate((T0 - timedelta(days=20), T0, T0 + timedelta(days=1))):
        steps = (StepResult("LI4", Side.LEFT, 60, 60, True),)
        save_session(store, SessionRecord(f"s{n}", Slot.MORNING, start, start + timedelta(minutes=5), steps, True))
    save_checkin(store, CheckIn("c1", T0, numbness=4))
    save_profile(store, Profile(zones=frozenset({Zone.FINGERS})))
    store.put_doc("practice", {"prepare_seconds": 6.0, "switch_seconds": 3.0})


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    store = Store(tmp_path / "data", clock)
    fill(store)
    return tmp_path / "data"


def generation(directory: Path) -> Path:
    return directory / f"gen-{json.loads((directory / 'meta.json').read_text())['generation']:06d}"


#: file kind -> (path in the data directory, what export_all loses when the whole file is unreadable)
def meta_file(d: Path) -> Path:
    return d / "meta.json"


def doc_file(d: Path) -> Path:
    return generation(d) / "docs" / "profile.json"


def month_file(d: Path) -> Path:
    return generation(d) / "collections" / "sessions" / "2024-03.json"


FILES: dict[str, Callable[[Path], Path]] = {"meta": meta_file, "document": doc_file, "month": month_file}


def without(data: dict, kind: str) -> dict:
    """What export_all should hold once this kind of file is set aside whole."""
    if kind == "meta":
        return data
    if kind == "document":
        return {**data, "docs": {k: v for k, v in data["docs"].items() if k != "profile"}}
    rows = [r for r in data["collections"]["sessions"] if r[PARTITION_KEY] != "2024-03"]
    return {**data, "collections": {**data["collections"], "sessions": rows}}


def cut(path: Path) -> bytes:
    raw = path.read_bytes()
    return raw[: len(raw) // 2]


def wrong_types(path: Path) -> bytes:
    if path.name == "meta.json":
        return b'{"schema_version": "1", "generation": -1}'
    return json.dumps({"records" if path.parent.name == "sessions" else "doc": ["not", "rows"]}).encode()


#: damage -> new bytes for the file (None: a folder takes its place)
DAMAGE: dict[str, Callable[[Path], bytes | None]] = {
    "empty": lambda p: b"",
    "cut short": cut,
    "binary garbage": lambda p: bytes(range(256)) * 4,
    "text garbage": lambda p: b"hello, this is not JSON",
    "JSON of another shape": lambda p: b"[1, 2, 3]",
    "wrong types": wrong_types,
    "a folder": lambda p: None,
    "deeply nested": lambda p: b"[" * 100_000 + b"]" * 100_000,
}

REASONS = {
    "empty": "it is empty",
    "cut short": "it is cut short or garbled",
    "binary garbage": "it is not text",
    "text garbage": "it is cut short or garbled",
    "a folder": "a folder stands where this file belongs",
    "deeply nested": "it is cut short or garbled",
}


def damage(path: Path, how: str) -> bytes | None:
    new = DAMAGE[how](path)
    path.unlink()
    if new is None:
        path.mkdir()
        (path / "inside.txt").write_text("stray")
    else:
        path.write_bytes(new)
    return new


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("kind", FILES)
def test_every_damaged_file_is_set_aside_and_the_rest_is_used(directory: Path, kind: str, how: str) -> None:
    before = Store(directory, clock).export_all()
    path = FILES[kind](directory)
    relative = path.relative_to(directory).as_posix()
    bad = damage(path, how)

    store = Store(directory, clock)  # the app's next start: it must open

    assert store.export_all() == without(before, kind)
    entries = store.quarantined()
    assert [(e.kind, e.file, e.told, e.at) for e in entries] == [(kind, relative, False, WHEN.isoformat())]
    if how in REASONS:
        assert entries[0].why == REASONS[how]
    kept = directory / entries[0].kept_as
    assert kept.parent == directory / "quarantine"
    if bad is None:
        assert (kept / "inside.txt").read_text() == "stray"
    else:
        assert kept.read_bytes() == bad  # the damaged bytes are kept, never deleted
    assert [e.name for e in entries] == [{"meta": "", "document": "profile", "month": "sessions"}[kind]]
    validate_backup(make_backup(store, WHEN))  # a backup of what is readable can be made and restored
    store.append("sessions", {"id": "new"}, T0)  # and the store takes saves again
    assert Store(directory, clock).quarantined() == entries  # set aside once, not again at the next start


def test_some_bad_rows_in_a_month_keep_the_good_ones(directory: Path) -> None:
    path = month_file(directory)
    raw = json.loads(path.read_text())
    rows = raw["records"]
    good = list(rows.values())
    rows["90"] = ["not", "a", "record"]
    rows["91"] = {"id": 5}
    rows["92"] = {"no_id": True}
    rows["93"] = dict(good[0])  # the same id twice in one month
    path.write_text(json.dumps(raw))
    damaged = path.read_bytes()

    store = Store(directory, clock)

    assert [r for r in store.records("sessions", since=T0.date(), until=T0.date())] == good
    (entry,) = store.quarantined()
    assert (entry.kind, entry.name, entry.month) == ("rows", "sessions", "2024-03")
    assert entry.why == "4 of its 6 entries are not in the app's format"
    assert (directory / entry.kept_as).read_bytes() == damaged  # the whole file as it was
    assert json.loads(path.read_text()) == {"records": {k: v for k, v in rows.items() if k in ("1", "2")}}


def test_a_file_the_app_may_not_read_is_set_aside(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = month_file(directory)
    real_open = os.open

    def refuse(target: object, *args: object, **kwargs: object) -> int:
        if Path(os.fspath(target)) == path:
            raise PermissionError(13, "Permission denied", str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "open", refuse)  # root reads every file, so refuse it here
    store = Store(directory, clock)
    (entry,) = store.quarantined()
    assert (entry.kind, entry.why) == ("month", "the app is not allowed to read it")
    assert not path.exists() and (directory / entry.kept_as).is_file()


def test_a_file_that_cannot_even_be_moved_is_listed_once_and_skipped(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = month_file(directory)
    path.write_bytes(b"garbage")
    real_replace = os.replace

    def refuse(src: object, dst: object) -> None:
        if Path(os.fspath(src)) == path:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(files_module.os, "replace", refuse)
    store = Store(directory, clock)
    assert [r["id"] for r in store.records("sessions")] == ["s0"]
    assert [r["id"] for r in store.records("sessions")] == ["s0"]
    (entry,) = store.quarantined()
    assert entry.kept_as == "" and entry.why == "it is cut short or garbled (it could not be moved aside)"


def test_damage_found_while_running_is_set_aside_before_a_save(directory: Path) -> None:
    store = Store(directory, clock)
    month_file(directory).write_bytes(b"\x00\x01")
    store.append("sessions", {"id": "after"}, T0)  # not refused, and not written over the damage unseen
    assert [r["id"] for r in store.records("sessions", since=T0.date(), until=T0.date())] == ["after"]
    doc_file(directory).write_text("{")
    store.put_doc("profile", {"zones": []})
    assert store.get_doc("profile") == {"zones": []}
    assert [e.kind for e in store.quarantined()] == ["month", "document"]


def test_a_damaged_meta_while_running_is_rebuilt(directory: Path) -> None:
    store = Store(directory, clock)
    before = store.export_all()
    (directory / "meta.json").write_text("")
    assert store.export_all() == before
    assert json.loads((directory / "meta.json").read_text())["schema_version"] == SCHEMA_VERSION
    assert [e.kind for e in store.quarantined()] == ["meta"]


def test_a_missing_meta_or_generation_is_rebuilt_from_the_data(directory: Path) -> None:
    before = Store(directory, clock).export_all()
    meta = json.loads((directory / "meta.json").read_text())
    (directory / "meta.json").write_text(json.dumps({**meta, "generation": 77}))
    assert Store(directory, clock).export_all() == before
    (directory / "meta.json").unlink()
    store = Store(directory, clock)
    assert store.export_all() == before
    assert [e.why for e in store.quarantined()] == ["it names a copy of the data that is missing"]


def test_with_meta_damaged_an_older_copy_of_the_data_is_kept_aside(directory: Path) -> None:
    current = generation(directory)
    older = directory / "gen-000000"
    (older / "docs").mkdir(parents=True)
    (older / "docs" / "profile.json").write_text('{"doc": {"1": {"old": true}}}')
    (directory / "meta.json").write_text("{")
    store = Store(directory, clock)
    assert store.get_doc("profile") is not None and store.get_doc("profile") != {"old": True}
    assert [(e.kind, e.file) for e in store.quarantined()] == [("meta", "meta.json"), ("copy", "gen-000000")]
    assert current.is_dir() and not older.exists()


def test_damage_everywhere_at_once_still_opens(directory: Path) -> None:
    for path in (doc_file(directory), month_file(directory), meta_file(directory)):
        path.write_bytes(b"\xff")
    store = Store(directory, clock)
    assert [r["id"] for r in store.records("sessions")] == ["s0"]
    assert store.get_doc("practice") == {"prepare_seconds": 6.0, "switch_seconds": 3.0}
    assert sorted(e.kind for e in store.quarantined()) == ["document", "meta", "month"]


def test_the_person_is_told_once(directory: Path) -> None:
    doc_file(directory).write_text("")
    month_file(directory).write_text("")
    store = Store(directory, clock)
    untold = store.quarantined(untold_only=True)
    assert len(untold) == 2
    store.mark_told([untold[0].id])
    assert store.quarantined(untold_only=True) == untold[1:]
    store.mark_told(e.id for e in untold)
    assert store.quarantined(untold_only=True) == []
    assert [e.told for e in Store(directory, clock).quarantined()] == [True, True]  # remembered


def test_a_damaged_quarantine_list_is_itself_set_aside(directory: Path) -> None:
    doc_file(directory).write_text("")
    Store(directory, clock)
    log = directory / "quarantine" / "log.json"
    log.write_text('{"entries": [{"id": 1}]}')
    entries = Store(directory, clock).quarantined()
    assert [(e.kind, e.why) for e in entries] == [
        ("log", "the list of what was set aside: it is not in the app's format")
    ]
    assert (directory / entries[0].kept_as).read_text() == '{"entries": [{"id": 1}]}'


def test_a_record_its_reader_refuses_is_taken_out_and_kept(directory: Path) -> None:
    store = Store(directory, clock)
    store.append("sessions", {"id": "odd", "slot": 7}, T0)
    refused = next(r for r in store.records("sessions") if r["id"] == "odd")
    assert store.quarantine_record("sessions", refused, "slot must be morning or evening") is True
    assert store.quarantine_record("sessions", refused, "again") is False
    assert "odd" not in [r["id"] for r in store.records("sessions")]
    (entry,) = store.quarantined()
    assert (entry.kind, entry.name, entry.month, entry.why) == (
        "record", "sessions", "2024-03", "slot must be morning or evening"
    )
    assert json.loads((directory / entry.kept_as).read_text()) == {
        "collection": "sessions", "month": "2024-03", "record": {"id": "odd", "slot": 7}
    }


def test_a_file_in_place_of_a_folder_is_set_aside(directory: Path) -> None:
    folder = generation(directory) / "collections" / "checkins"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_text("not a folder")
    store = open_store(directory, clock)
    assert store.records("checkins") == []
    store.append("checkins", {"id": "x"}, T0)
    assert [r["id"] for r in store.records("checkins")] == ["x"]
    assert [(e.file, e.why) for e in store.quarantined()] == [
        (folder.relative_to(directory).as_posix(), "a file stands where a folder belongs")
    ]


def test_a_foreign_directory_is_still_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "meta.json").write_text("{")  # not ours: no generation beside it
    (tmp_path / "home" / "notes.txt").write_text("mine")
    with pytest.raises(Exception, match="not a store"):
        Store(tmp_path / "home", clock)
    assert sorted(p.name for p in (tmp_path / "home").iterdir() if p.name != ".lock") == ["meta.json", "notes.txt"]


def test_a_new_store_with_a_damaged_meta_starts_empty(tmp_path: Path) -> None:
    Store(tmp_path / "new", clock)
    (tmp_path / "new" / "meta.json").write_text("")
    store = Store(tmp_path / "new", clock)
    assert store.export_all() == {"schema_version": SCHEMA_VERSION, "docs": {}, "collections": {}}
    assert [e.kind for e in store.quarantined()] == ["meta"]


def test_a_damaged_list_of_what_was_set_aside_that_cannot_be_moved_never_stops_the_app(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today asks the quarantine what was set aside: a garbled list it may not move reads as empty, kept as is."""
    store = Store(directory, clock)
    log = directory / "quarantine" / "log.json"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"garbage")
    real_replace = os.replace

    def refuse(src: object, dst: object) -> None:
        if Path(os.fspath(src)) == log:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(files_module.os, "replace", refuse)
    assert store.quarantined() == []
    assert log.read_bytes() == b"garbage"  # never overwritten: nothing is lost
