"""What every screen can reach: the process-wide services and this browser session's UI state."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import flet as ft

from data.models import SessionRecord
from data.storage.store import Store
from scheduler.hub import ReminderHub


@dataclass(frozen=True)
class AppServices:
    """Opened once per process by main.py and shared by every session."""

    store: Store
    now: Callable[[], datetime]  # aware, in the device's ZoneInfo (stats need real DST rules)
    monotonic: Callable[[], float]  # for timers
    reminders: ReminderHub  # one per process: see scheduler/hub.py
    # Called after every save of a practice session, so what depends on sessions
    # (reminder follow-ups) hears of it without the player knowing who listens.
    on_session_saved: Callable[[SessionRecord], None]


@ft.observable
@dataclass
class UiState:
    """Per browser session: bumping `revision` makes screens read the store again."""

    revision: int = 0

    def data_changed(self) -> None:
        self.revision += 1


ServicesContext = ft.create_context(None)
UiStateContext = ft.create_context(None)


def use_services() -> AppServices:
    return ft.use_context(ServicesContext)


def use_ui_state() -> UiState:
    return ft.use_context(UiStateContext)


def use_redraw() -> Callable[[], None]:
    """A call that draws the screen again after a change made in place on a core object the screen
    keeps (an editor, a draft, a session): Flet redraws on a new state value, not on a changed object."""
    _, set_tick = ft.use_state(0)
    return lambda: set_tick(lambda t: t + 1)
