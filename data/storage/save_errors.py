"""Why a save failed, in words the person can act on, and a way to try a save without crashing.

Why: on a full phone "Save check-in" used to do nothing visible while the log
showed an ``OSError``.  Every save on the screens goes through ``attempt``: the
failure is logged for us and turned into one plain sentence for the person,
and the screen keeps what was typed so "try again" is one tap.
"""
from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from data.storage.store import StoreError

T = TypeVar("T")

PHONE_FULL = "Your phone is full: this was not saved. Free some space, then try again."
NOT_ALLOWED = ("Your phone did not let the app write its files: this was not saved. "
               "Close the app, open it again, then try again.")
DISK_TROUBLE = "Your phone could not write this just now: this was not saved. Try again in a moment."
RECORDS_BUSY = ("Your records could not be changed just now: this was not saved. "
                "Close the app, open it again, then try again.")
SOMETHING_WRONG = ("Something went wrong: this was not saved. Try again; if it keeps happening, "
                   "close the app and open it again.")

_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_REFUSED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})

_log = logging.getLogger(__name__)


def not_saved_words(exc: BaseException) -> str:
    """The sentence a screen shows for a save that raised ``exc``."""
    if isinstance(exc, OSError):
        if exc.errno in _FULL:
            return PHONE_FULL
        if exc.errno in _REFUSED:
            return NOT_ALLOWED
        return DISK_TROUBLE
    if isinstance(exc, StoreError):
        return RECORDS_BUSY
    return SOMETHING_WRONG


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What a save returned, or the words saying why nothing was saved."""

    value: T | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def attempt(save: Callable[[], T]) -> Saved[T]:
    """Run ``save``; any failure is logged and comes back as words, never as an exception."""
    try:
        return Saved(save())
    except Exception as exc:  # every failure must reach the person as words, whatever raised it
        _log.warning("save failed: %r", exc, exc_info=True)
        return Saved(None, not_saved_words(exc))
