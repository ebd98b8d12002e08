"""Make the left-side drawings (assets/illustrations/left/*.svg) from the right-side originals.

Why: the player shows the drawing of the side being pressed, and every two-sided
drawing is drawn on the right.  The body is mirrored, the words are not: the
whole card is flipped left to right, then each label is flipped back around its
own anchor (so it reads normally at the mirrored place, its start/end anchor
swapped), the heading band keeps its place, and "right"/"left" are swapped in
the title, the description and every label ("right angle" is not a side).

Re-run after any change to an original: `.venv/bin/python tools/mirror_illustrations.py`
(it rewrites every file in assets/illustrations/left/ and removes none of the originals).
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.models import Side  # noqa: E402
from data.routine.catalog import POINTS  # noqa: E402

SVG = "http://www.w3.org/2000/svg"
ORIGINALS = ROOT / "assets" / "illustrations"
MIRRORED = ORIGINALS / "left"
HEADING_BOTTOM = 54  # the card's heading band (y < 54) keeps its place and layout
_SIDE_WORD = re.compile(r"\b(right|left)\b(?! angle)", re.IGNORECASE)
_ANCHOR_SWAP = {"start": "end", "end": "start", "middle": "middle"}


def swap_sides(words: str) -> str:
    """"Right hand, back" -> "Left hand, back", keeping the case; "right angle" stays."""

    def other(m: re.Match) -> str:
        w = m.group(0)
        new = "left" if w.lower() == "right" else "right"
        return new.upper() if w.isupper() else new.capitalize() if w[0].isupper() else new

    return _SIDE_WORD.sub(other, words)


def _tag(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _unmirror_text(el: ET.Element, width: float, in_heading: bool) -> None:
    """Flip a label back so it reads normally: at its mirrored place, or (heading) where it was."""
    x = float(el.get("x", "0"))
    if in_heading:
        el.set("transform", f"matrix(-1 0 0 1 {width:g} 0)")  # cancels the card's flip
    else:
        el.set("transform", f"matrix(-1 0 0 1 {2 * x:g} 0)")
        el.set("text-anchor", _ANCHOR_SWAP[el.get("text-anchor", "start")])
    for node in el.iter():
        if node.text:
            node.text = swap_sides(node.text)


def mirror_svg(source: str) -> str:
    """The mirrored drawing of one SVG document (as text)."""
    ET.register_namespace("", SVG)
    root = ET.fromstring(source)
    width = float(root.get("viewBox").split()[2])
    for el in root:
        if _tag(el) in ("title", "desc"):
            el.text = swap_sides(el.text or "")
    card = next(el for el in root if _tag(el) == "g")  # the clipped card holding the whole drawing
    flipped = ET.Element(f"{{{SVG}}}g", {"transform": f"matrix(-1 0 0 1 {width:g} 0)"})
    flipped.extend(list(card))
    for child in list(card):
        card.remove(child)
    card.append(flipped)
    for el in flipped.iter():
        if _tag(el) == "text":
            heading = el in list(flipped) and float(el.get("y", "0")) < HEADING_BOTTOM
            _unmirror_text(el, width, heading)
    return ET.tostring(root, encoding="unicode")


def main() -> None:
    MIRRORED.mkdir(exist_ok=True)
    for p in POINTS:
        if Side.LEFT in p.sides:
            source = (ORIGINALS / f"{p.code}.svg").read_text(encoding="utf-8")
            (MIRRORED / f"{p.code}.svg").write_text(mirror_svg(source) + "\n", encoding="utf-8")
            print(f"{p.code}: left side written")


if __name__ == "__main__":
    main()
