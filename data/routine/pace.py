"""How the player paces a session: time to find a point and to change sides before the timer runs."""
from __future__ import annotations

from dataclasses import asdict, dataclass

DOC = "practice"


@dataclass(frozen=True)
class PracticeSettings:
    prepare_seconds: float = 8.0  # find a new point, read where it is
    switch_seconds: float = 4.0  # move to the other side of the same point

    def __post_init__(self) -> None:
        if not (0 <= self.prepare_seconds <= 120 and 0 <= self.switch_seconds <= 120):
            raise ValueError("preparation times must be between 0 and 120 seconds")


def load_practice_settings(store) -> PracticeSettings:
    doc = store.get_doc(DOC) or {}
    return PracticeSettings(**{k: float(v) for k, v in doc.items() if k in PracticeSettings.__annotations__})


def save_practice_settings(store, settings: PracticeSettings) -> None:
    store.put_doc(DOC, asdict(settings))
