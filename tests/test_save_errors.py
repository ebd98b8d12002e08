"""Why a save failed, in plain words (data/storage/save_errors.py), from real OSError values."""
from __future__ import annotations

import errno
import logging
import os
from datetime import datetime, timezone

import pytest

import data.storage.files as files
from data.journal.checkins import CheckIn, list_checkins, save_checkin
from data.storage.save_errors import (
    DISK_TROUBLE,
    NOT_ALLOWED,
    PHONE_FULL,
    RECORDS_BUSY,
    SOMETHING_WRONG,
    Saved,
    attempt,
    not_saved_words,
)
from data.storage.store import StoreError, open_store


def os_error(code: int) -> OSError:
    """An OSError as the OS raises it: errno and message set, turned into its subclass by Python."""
    return OSError(code, os.strerror(code), "/data/gen-1/collections/checkins/2026-03.json")


def test_the_full_disk_message_is_the_issues_words():
    assert PHONE_FULL == "Your phone is full: this was not saved. Free some space, then try again."


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_or_quota_says_the_phone_is_full(code):
    assert not_saved_words(os_error(code)) == PHONE_FULL


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM, errno.EROFS])
def test_a_refused_write_says_the_phone_did_not_let_the_app_write(code):
    exc = os_error(code)
    assert not_saved_words(exc) == NOT_ALLOWED
    assert "not saved" in NOT_ALLOWED and "try again" in NOT_ALLOWED


def test_a_real_full_device_gives_the_full_message():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with pytest.raises(OSError) as caught:
        with open("/dev/full", "w") as f:
            f.write("x")
            f.flush()
    assert caught.value.errno == errno.ENOSPC
    assert not_saved_words(caught.value) == PHONE_FULL


def test_other_disk_errors_the_store_and_anything_else_have_their_own_plain_words():
    assert not_saved_words(os_error(errno.EIO)) == DISK_TROUBLE
    assert not_saved_words(FileNotFoundError(errno.ENOENT, "gone")) == DISK_TROUBLE
    assert not_saved_words(StoreError("/data stayed locked by another process")) == RECORDS_BUSY
    assert not_saved_words(RuntimeError("boom")) == SOMETHING_WRONG
    for words in (DISK_TROUBLE, RECORDS_BUSY, SOMETHING_WRONG):
        assert "this was not saved" in words and "Errno" not in words


def test_attempt_returns_the_value_or_the_words_and_logs_the_failure(caplog, monkeypatch):
    # import-linter (tests/test_architecture.py) configures logging and disables the loggers that exist then.
    monkeypatch.setattr(logging.getLogger("data.storage.save_errors"), "disabled", False)
    assert attempt(lambda: 7) == Saved(7, "")
    assert attempt(lambda: 7).ok

    def full() -> None:
        raise os_error(errno.ENOSPC)

    with caplog.at_level(logging.WARNING):
        failed = attempt(full)
    assert failed == Saved(None, PHONE_FULL) and not failed.ok
    assert "No space left on device" in caplog.text  # the log keeps the real error for us


def test_a_store_on_a_full_disk_fails_with_the_full_message(tmp_path, monkeypatch):
    """The store's own atomic write raising ENOSPC (as it does on a full disk) reaches the person as words."""
    store = open_store(tmp_path / "data")

    def no_space(*args, **kwargs):
        raise os_error(errno.ENOSPC)

    monkeypatch.setattr(files.os, "fsync", no_space)
    checkin = CheckIn("a", datetime(2026, 3, 3, 9, tzinfo=timezone.utc), numbness=3)
    assert attempt(lambda: save_checkin(store, checkin)).problem == PHONE_FULL
    monkeypatch.undo()
    assert list_checkins(store) == []  # nothing half-saved
