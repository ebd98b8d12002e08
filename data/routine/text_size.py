"""How large the app's words are: Normal, Large or Largest, kept as a setting of its own.

Why: phones' own text-size setting does not reach the app in every browser and
build, and people with poor eyesight asked for bigger words.  The screens scale
every text size by ``scale``; the player's layout (data/screens/player_layout.py)
takes it into account, so everything that matters still fits above its buttons.
Kept next to the other practice settings so a backup can check it (data/exports
sits below data/screens).  A damaged or strange saved value reads as Normal.
"""
from __future__ import annotations

from enum import Enum
from typing import Any

from data.storage.documents import read_doc

DOC = "text_size"


class TextSize(Enum):
    NORMAL = "normal"
    LARGE = "large"
    LARGEST = "largest"

    @property
    def scale(self) -> float:
        """Every text size is multiplied by this."""
        return _SCALES[self]

    @property
    def words(self) -> str:
        """The button's word: "Largest"."""
        return self.value.capitalize()


_SCALES = {TextSize.NORMAL: 1.0, TextSize.LARGE: 1.15, TextSize.LARGEST: 1.3}
LARGEST_SCALE = _SCALES[TextSize.LARGEST]


def text_size_from_dict(d: Any) -> TextSize:
    """Strict reader (also the backup's check): exactly ``{"size": "normal" | "large" | "largest"}``."""
    if not isinstance(d, dict):
        raise ValueError(f"text size must be a set of named fields, found {type(d).__name__}")
    if set(d) != {"size"}:
        extra = sorted(set(d) - {"size"}, key=str)
        raise ValueError(f"unknown field {extra[0]!r}" if extra else "size is missing")
    if not isinstance(d["size"], str):
        raise ValueError(f"size must be one of normal, large, largest, found {d['size']!r}")
    try:
        return TextSize(d["size"])
    except ValueError:
        raise ValueError(f"size must be one of normal, large, largest, found {d['size']!r}") from None


def load_text_size(store) -> TextSize:
    """The saved size; Normal when none is saved.  A saved one that cannot be read is set aside (kept,
    and said once on Today) and Normal is used: a damaged setting never stops a screen."""
    return read_doc(store, DOC, text_size_from_dict) or TextSize.NORMAL


def save_text_size(store, size: TextSize) -> None:
    """Save ``size`` (anything but a TextSize is refused before anything is written)."""
    if not isinstance(size, TextSize):
        raise ValueError(f"text size must be Normal, Large or Largest, found {size!r}")
    store.put_doc(DOC, {"size": size.value})
