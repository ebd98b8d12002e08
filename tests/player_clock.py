"""The player's two clocks for tests: the wall clock and the monotonic timer, moved on together by hand."""
from __future__ import annotations

from datetime import datetime, timedelta


class PlayerClock:
    def __init__(self, start: datetime, mono: float = 100.0) -> None:
        self.wall = start
        self.mono = mono

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def tick(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds
