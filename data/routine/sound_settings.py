"""Sound during a session: tones on or off, spoken words on or off, and how loud.

Why a document of its own: many people press with their eyes closed or the phone
on a table and rely on the sounds, while others practise where sound would
disturb someone.  On by default at a moderate level; the phone's own volume
still applies on top.  Kept in whole percent so the stored value is exact.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

DOC = "sound"

MIN_VOLUME = 10  # percent: quieter is better done with "sound off"
MAX_VOLUME = 100
VOLUME_STEP = 10  # Settings offers 10, 20, ... 100


@dataclass(frozen=True)
class SoundSettings:
    tones: bool = True  # a soft tone at each cue: start pressing, switch side, next point, finished
    voice: bool = True  # spoken words after the tone: side, point and where it is
    volume_percent: int = 60

    def __post_init__(self) -> None:
        for name in ("tones", "voice"):
            if type(getattr(self, name)) is not bool:
                raise ValueError(f"{name} must be true or false, found {getattr(self, name)!r}")
        v = self.volume_percent
        if type(v) is not int or not MIN_VOLUME <= v <= MAX_VOLUME:
            raise ValueError(
                f"volume_percent must be a whole number from {MIN_VOLUME} to {MAX_VOLUME}, found {v!r}"
            )

    @property
    def volume(self) -> float:
        """The player's volume, 0.1 to 1.0."""
        return self.volume_percent / 100

    @property
    def silent(self) -> bool:
        return not (self.tones or self.voice)

    @property
    def summary(self) -> str:
        """One line for Settings, e.g. "Tones and spoken words, volume 6 of 10"."""
        if self.silent:
            return "No sound during sessions"
        if self.tones and self.voice:
            what = "Tones and spoken words"
        else:
            what = "Tones only" if self.tones else "Spoken words only"
        return f"{what}, volume {self.volume_percent // VOLUME_STEP} of {MAX_VOLUME // VOLUME_STEP}"

    def louder(self) -> SoundSettings:
        return self._with_volume(self.volume_percent + VOLUME_STEP)

    def quieter(self) -> SoundSettings:
        return self._with_volume(self.volume_percent - VOLUME_STEP)

    def _with_volume(self, percent: int) -> SoundSettings:
        return SoundSettings(self.tones, self.voice, max(MIN_VOLUME, min(MAX_VOLUME, percent)))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Any) -> SoundSettings:
        """Strict reader (also the backup's check): exactly these fields, right types and range."""
        if not isinstance(d, dict):
            raise ValueError(f"sound settings must be a set of named fields, found {type(d).__name__}")
        unknown = sorted(set(d) - set(cls.__dataclass_fields__), key=str)
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r}")
        missing = sorted(set(cls.__dataclass_fields__) - set(d))
        if missing:
            raise ValueError(f"{missing[0]} is missing")
        return cls(**d)


def load_sound_settings(store) -> SoundSettings:
    """The saved settings; the defaults when none are saved or the saved ones cannot be read.

    A damaged document must never stop a session, so it reads as the defaults
    (and is replaced at the next save).
    """
    return _readable(store.get_doc(DOC))


def save_sound_settings(store, settings: SoundSettings) -> None:
    store.put_doc(DOC, settings.to_dict())


def change_sound_settings(store, change: Callable[[SoundSettings], SoundSettings]) -> SoundSettings:
    """Save ``change(the settings saved now)`` as one step under the store's lock, so a change made at
    the same moment in another tab or process is never lost; returns what was saved."""
    saved = store.update_doc(DOC, lambda doc: change(_readable(doc)).to_dict())
    return SoundSettings.from_dict(saved)


def _readable(doc: Any) -> SoundSettings:
    """A saved document as settings: the defaults when there is none or it cannot be read."""
    if doc is None:
        return SoundSettings()
    try:
        return SoundSettings.from_dict(doc)
    except ValueError:
        return SoundSettings()
