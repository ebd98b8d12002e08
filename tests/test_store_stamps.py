"""Month stamps for derived caches, the private cache folder, and an open that reads only changed files."""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from data.storage import files as files_module
from data.storage.store import CACHE_FOLDER, Store, StoreError

UTC = timezone.utc
JAN = datetime(2025, 1, 10, 9, tzinfo=UTC)
FEB = datetime(2025, 2, 10, 9, tzinfo=UTC)


def age(directory: Path, seconds: int = 3600) -> None:
    """Every file as if written an hour ago: old enough for its stamp to be trusted."""
    for n, path in enumerate(sorted(directory.rglob("*.json"))):
        when = (datetime.now(UTC) - timedelta(seconds=seconds)).timestamp() - n
        os.utime(path, (when, when))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    store.append("checkins", {"id": "a"}, JAN)
    store.append("checkins", {"id": "b"}, FEB)
    return store


def test_a_fresh_file_has_no_stamp_to_trust_and_an_old_one_has(store):
    assert store.partition_stamps("checkins") == {"2025-01": None, "2025-02": None}
    age(store.directory)
    stamps = store.partition_stamps("checkins")
    assert set(stamps) == {"2025-01", "2025-02"} and all(isinstance(s, str) for s in stamps.values())
    assert store.partition_stamps("sessions") == {}


def test_a_stamp_changes_with_its_month_only_and_with_a_restore(store):
    age(store.directory)
    before = store.partition_stamps("checkins")
    store.replace("checkins", {"id": "b", "note": "edited"}, FEB)
    feb = next(store.directory.glob("gen-*/collections/checkins/2025-02.json"))
    os.utime(feb, (feb.stat().st_mtime - 3600,) * 2)
    after = store.partition_stamps("checkins")
    assert after["2025-01"] == before["2025-01"] and after["2025-02"] not in (None, before["2025-02"])
    store.replace_all(store.export_all())  # a restore: every month in a new copy of the data
    age(store.directory, 7200)
    restored = store.partition_stamps("checkins")
    assert restored.keys() == after.keys() and all(restored[m] != after[m] for m in after)


def test_the_cache_folder_is_private_never_exported_and_never_a_reason_to_refuse_the_store(tmp_path, store):
    path = store.cache_path("summaries_x")
    files_module.write_private(path, b"{}")
    assert path.parent == store.directory / CACHE_FOLDER
    assert path.stat().st_mode & 0o077 == 0 and path.parent.stat().st_mode & 0o077 == 0
    assert CACHE_FOLDER not in json.dumps(store.export_all())
    with pytest.raises(StoreError):
        store.cache_path("../escape")
    fresh = tmp_path / "new"
    (fresh / CACHE_FOLDER).mkdir(parents=True)
    (fresh / CACHE_FOLDER / "summaries_x.json").write_text("{}")
    Store(fresh)  # a cache left without data does not make the folder "not a store"


def count_reads(monkeypatch) -> list[Path]:
    read: list[Path] = []
    real = files_module.read_with_stat

    def spy(path):
        read.append(Path(path))
        return real(path)

    monkeypatch.setattr(files_module, "read_with_stat", spy)
    return read


def month_files(paths: list[Path]) -> list[Path]:
    return [p for p in paths if "collections" in p.parts]


def test_opening_reads_only_the_files_that_changed_since_they_were_last_found_sound(store, monkeypatch):
    for day in range(1, 28):
        store.append("sessions", {"id": f"s{day}"}, datetime(2024, 6, day, 8, tzinfo=UTC))
    age(store.directory)
    Store(store.directory)  # reads every file once and vouches for the sound ones
    read = count_reads(monkeypatch)
    Store(store.directory)
    assert month_files(read) == []
    store.append("checkins", {"id": "c"}, FEB)
    age(store.directory, 7200)
    read.clear()
    Store(store.directory)
    assert {p.name for p in month_files(read)} >= {"2025-02.json"}


def test_damage_to_a_file_vouched_for_is_still_set_aside_at_the_next_open(store):
    age(store.directory)
    Store(store.directory)
    month = next(store.directory.glob("gen-*/collections/checkins/2025-01.json"))
    month.write_bytes(b"garbage")
    opened = Store(store.directory)
    assert [(e.kind, e.month) for e in opened.quarantined()] == [("month", "2025-01")]
    assert [r["id"] for r in opened.records("checkins")] == ["b"]


@pytest.mark.parametrize("garbage", [b"", b"not json", b'{"a": 1}', b'[1, 2]', b'["x"]'])
def test_a_damaged_list_of_sound_files_just_means_reading_them_all(store, monkeypatch, garbage):
    age(store.directory)
    Store(store.directory)
    (store.directory / CACHE_FOLDER / "checked_files.json").write_bytes(garbage)
    read = count_reads(monkeypatch)
    opened = Store(store.directory)
    assert len(month_files(read)) == 2 and opened.quarantined() == []
