"""Everything the store creates is private: files 0600, folders 0700, whatever the umask."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from data.exports.backup import make_backup, restore_backup
from data.journal.checkins import CheckIn, DayNote, save_checkin, save_note
from data.journal.sessions import save_session
from data.models import SessionRecord, Side, Slot, StepResult
from data.routine.profile import Profile, Zone, save_profile
from data.storage.files import write_private
from data.storage.store import Store, open_store

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")

T0 = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Umask 0, so only the modes the code asks for can make files private."""
    old = os.umask(0)
    yield
    os.umask(old)


def modes(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): stat.S_IMODE(p.lstat().st_mode)
        for p in [root, *root.rglob("*")]
    }


def test_a_realistic_use_leaves_only_private_files_and_folders(tmp_path: Path, open_umask: None) -> None:
    data_dir = tmp_path / "new" / "parents" / "data"
    store = open_store(data_dir)
    for day in range(40):  # two months of sessions, check-ins and notes
        start = T0 + timedelta(days=day)
        steps = (StepResult("LI4", Side.LEFT, 60, 60, True),)
        save_session(store, SessionRecord(f"s{day}", Slot.MORNING, start, start + timedelta(minutes=4), steps, True))
        save_checkin(store, CheckIn(f"c{day}", start, numbness=3))
    save_note(store, DayNote("n1", T0, "new tablets"))
    save_profile(store, Profile(zones=frozenset({Zone.TOES})))
    store.update_doc("practice", lambda d: {"prepare_seconds": 6.0, "switch_seconds": 3.0})
    restore_backup(store, make_backup(store, T0))  # a whole new generation
    month = next(data_dir.rglob("2026-03.json"))
    month.write_bytes(b"garbage")
    store = Store(data_dir)  # the next start sets it aside
    assert [e.kind for e in store.quarantined()] == ["month"]

    found = modes(data_dir)
    assert ".lock" in found and "quarantine" in found and "meta.json" in found
    assert any(name.startswith("gen-") for name in found)
    for name, mode in found.items():
        expected = 0o700 if (data_dir / name).is_dir() else 0o600
        assert mode == expected, f"{name} is {mode:o}"
    for created in (tmp_path / "new", tmp_path / "new" / "parents"):  # parents the app made
        assert stat.S_IMODE(created.stat().st_mode) == 0o700


def test_an_older_store_with_open_modes_is_made_private_at_open(tmp_path: Path, open_umask: None) -> None:
    store = Store(tmp_path / "d")
    store.append("sessions", {"id": "a"}, T0)
    for path in [tmp_path / "d", *(tmp_path / "d").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    Store(tmp_path / "d")
    assert set(modes(tmp_path / "d").values()) == {0o600, 0o700}


def test_temp_files_are_private_from_the_start(tmp_path: Path, open_umask: None, monkeypatch) -> None:
    store = Store(tmp_path / "d")
    seen: list[int] = []
    real_replace = os.replace

    def spy(src: object, dst: object) -> None:
        seen.append(stat.S_IMODE(os.stat(src).st_mode))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store.put_doc("profile", {"zones": []})
    assert seen == [0o600]


def test_write_private_saves_an_export_only_its_owner_can_read(tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "presspoint-report.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_private(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["presspoint-report.pdf"]  # no temp file left
