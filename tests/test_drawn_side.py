"""The drawing shown is the side pressed: for every point and side of the catalog (issue 11)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from data.models import Side
from data.routine.catalog import POINTS
from data.routine.drawings import (
    DRAWN_SIDE, SMALLEST_LABEL, VIEWBOX, drawing_for, readable_width, smallest_label_px,
)
from tools.mirror_illustrations import mirror_svg, swap_sides

ASSETS = Path(__file__).resolve().parents[1] / "assets"
NS = "{http://www.w3.org/2000/svg}"
CASES = [(p, s) for p in POINTS for s in p.sides]


def words_of(path: Path) -> str:
    root = ET.parse(path).getroot()
    return " ".join((root.find(f"{NS}{tag}").text or "") for tag in ("title", "desc")).lower()


@pytest.mark.parametrize("p, side", CASES, ids=[f"{p.code}-{s.value}" for p, s in CASES])
def test_the_drawing_names_the_side_pressed(p, side):
    path = ASSETS / drawing_for(p, side)
    assert path.is_file(), path
    words = re.sub(r"right angle", "", words_of(path))
    if side is Side.MIDDLE:
        assert "left" not in words and "right" not in words
    else:
        other = "right" if side is Side.LEFT else "left"
        assert re.search(rf"\b{side.value}\b", words), words
        assert not re.search(rf"\b{other}\b", words), words


def test_the_originals_show_the_drawn_side():
    for p in POINTS:
        if DRAWN_SIDE in p.sides:
            assert drawing_for(p, DRAWN_SIDE) == p.illustration


def test_left_drawings_are_up_to_date_with_their_originals():
    """tools/mirror_illustrations.py was re-run after the last change to an original."""
    for p in POINTS:
        if Side.LEFT in p.sides:
            original = (ASSETS / p.illustration).read_text(encoding="utf-8")
            assert (ASSETS / drawing_for(p, Side.LEFT)).read_text(encoding="utf-8") == mirror_svg(original) + "\n"


def test_mirroring_flips_the_body_but_keeps_the_words_readable():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 480"><title>Right hand</title>'
           '<desc>A right hand, elbow at a right angle</desc><g clip-path="url(#card)">'
           '<path d="M0,0 L10,10"/><text x="18" y="35">Right hand, back</text>'
           '<text x="20" y="300" text-anchor="start">thumb on the left</text></g></svg>')
    root = ET.fromstring(mirror_svg(svg))
    assert root.find(f"{NS}title").text == "Left hand"
    assert root.find(f"{NS}desc").text == "A left hand, elbow at a right angle"
    flipped = root.find(f"{NS}g/{NS}g")
    assert flipped.get("transform") == "matrix(-1 0 0 1 400 0)"
    heading, label = flipped.findall(f"{NS}text")
    assert heading.get("transform") == "matrix(-1 0 0 1 400 0)"  # the heading stays where it was
    assert heading.text == "Left hand, back"
    # a label is flipped back around its own anchor, and now ends where it started
    assert label.get("transform") == "matrix(-1 0 0 1 40 0)" and label.get("text-anchor") == "end"
    assert label.text == "thumb on the right"


def test_swap_sides_keeps_case_and_whole_words():
    assert swap_sides("LEFT hand, Right foot, upright, right angle") == "RIGHT hand, Left foot, upright, right angle"


def test_every_drawing_has_the_viewbox_and_smallest_words_the_sizes_assume():
    for f in (ASSETS / "illustrations").glob("**/*.svg"):
        root = ET.parse(f).getroot()
        assert tuple(float(v) for v in root.get("viewBox").split()[2:]) == VIEWBOX, f
        sizes = [float(t.get("font-size")) for t in root.iter(f"{NS}text")]
        assert min(sizes) >= SMALLEST_LABEL, f


def test_label_size_on_screen_follows_the_drawn_width():
    assert smallest_label_px(400) == SMALLEST_LABEL
    assert smallest_label_px(200) == SMALLEST_LABEL / 2
    assert readable_width(20) == 500 and smallest_label_px(readable_width(20)) >= 20
    assert smallest_label_px(readable_width(21)) >= 21


def test_the_marked_spot_is_mirrored_with_the_drawing():
    from data.routine.catalog import point
    from data.routine.drawings import marked_spot

    right = marked_spot(point("LI4"), Side.RIGHT)
    assert right == (153.0, 297.0)  # the red ring in assets/illustrations/LI4.svg
    assert marked_spot(point("LI4"), Side.LEFT) == (VIEWBOX[0] - 153.0, 297.0)
    for p in POINTS:
        for s in p.sides:
            x, y = marked_spot(p, s)
            assert 0 < x < VIEWBOX[0] and 54 < y < VIEWBOX[1], p.code  # inside the drawing, below its heading


def test_zoom_to_read_enlarges_only_what_is_too_small():
    from data.routine.drawings import zoom_to_read

    assert zoom_to_read(250, 20) == 2.0  # 500 wide is needed for 16-unit words to be 20 px
    assert zoom_to_read(600, 20) == 1.0
    assert zoom_to_read(0, 20) == 500.0  # a hostile width does not divide by zero
