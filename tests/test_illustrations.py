"""Checks on the point illustrations in assets/illustrations/.

Each of the 24 catalog points has one hand-written SVG card: a light rounded card
(so it reads on a dark screen too), the body outline, a few large labels and the
point marked by an element with id="point" that holds one ring-and-dot mark
(class="mark"), or four for Baxie and Bafeng.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ILLUSTRATIONS = ROOT / "assets" / "illustrations"
SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 15 * 1024
VIEWBOX = "0 0 400 480"

# code -> number of spots marked on the one side shown
CODES: dict[str, int] = {
    "LI4": 1, "LI10": 1, "LI11": 1, "TE5": 1, "PC6": 1, "PC7": 1, "HT7": 1, "EX-UE9": 4,
    "ST36": 1, "GB34": 1, "GB39": 1, "ST41": 1, "BL60": 1, "EX-LE10": 4, "LR3": 1, "SP6": 1,
    "SP9": 1, "KI3": 1, "KI1": 1, "BL10": 1, "GV14": 1, "SI15": 1, "GV3": 1, "BL32": 1,
}


def _path(code: str) -> Path:
    return ILLUSTRATIONS / f"{code}.svg"


def _root(code: str) -> ET.Element:
    return ET.parse(_path(code)).getroot()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def test_there_are_24_codes():
    assert len(CODES) == 24


@pytest.mark.parametrize("code", CODES)
def test_file_exists_and_is_small(code):
    path = _path(code)
    assert path.is_file(), f"missing {path}"
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"


@pytest.mark.parametrize("code", CODES)
def test_root_is_svg_with_viewbox(code):
    root = _root(code)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == VIEWBOX  # the same frame for every card


@pytest.mark.parametrize("code", CODES)
def test_title_and_desc(code):
    root = _root(code)
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title is not None and (title.text or "").strip(), "needs a non-empty <title>"
    assert desc is not None and (desc.text or "").strip(), "needs a non-empty <desc>"
    assert code in title.text


@pytest.mark.parametrize("code", CODES)
def test_point_is_marked(code):
    root = _root(code)
    points = [el for el in root.iter() if el.get("id") == "point"]
    assert len(points) == 1, 'exactly one element with id="point"'
    marks = [el for el in points[0].iter() if "mark" in (el.get("class") or "").split()]
    assert len(marks) == CODES[code]


@pytest.mark.parametrize("code", CODES)
def test_no_images_or_external_references(code):
    root = _root(code)
    for el in root.iter():
        name = _local(el.tag)
        assert name not in {"image", "script", "foreignObject", "style"}, f"<{name}> not allowed"
        for attr, value in el.attrib.items():
            if _local(attr) == "href":
                assert value.startswith("#"), f"external href {value!r}"
            for ref in re.findall(r"url\(([^)]*)\)", value):
                assert ref.strip("'\" ").startswith("#"), f"external url({ref})"
            assert "http:" not in value and "https:" not in value and "data:" not in value
    text = _path(code).read_text(encoding="utf-8")
    assert "@import" not in text and "@font-face" not in text


@pytest.mark.parametrize("code", CODES)
def test_labels_are_large(code):
    """Every text is at least 16 units, i.e. at least ~14 px when the card is shown 360 px wide."""
    root = _root(code)
    texts = [el for el in root.iter(f"{SVG_NS}text")]
    assert texts, "labels expected"
    for el in texts:
        assert float(el.get("font-size", "0")) >= 16, f"small text: {el.text!r}"


@pytest.mark.parametrize("code", CODES)
def test_light_card_background(code):
    """First drawn shape is the light rounded card, so the drawing reads on a dark screen."""
    root = _root(code)
    rect = root.find(f"{SVG_NS}rect")
    assert rect is not None
    assert rect.get("width") == "400" and rect.get("height") == "480" and rect.get("rx")
    assert rect.get("fill", "").upper() == "#FFF8F0"


def test_catalog_points_have_matching_cards():
    """Every catalog point names an existing card with as many marks as spots per side."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    catalog = pytest.importorskip("data.routine.catalog")
    seen = set()
    for point in catalog.POINTS:
        seen.add(point.code)
        path = ROOT / "assets" / point.illustration
        assert path.is_file(), f"{point.code}: missing {path}"
        assert CODES.get(point.code) == point.spots_per_side, point.code
    assert seen == set(CODES)


# --- Corrections of the second review (domain.md section 5) -------------------------------


def _texts(code: str) -> dict[str, ET.Element]:
    return {(el.text or "").strip(): el for el in _root(code).iter(f"{SVG_NS}text")}


def _mark_centre(code: str) -> tuple[float, float]:
    point = next(el for el in _root(code).iter() if el.get("id") == "point")
    dot = next(el for el in point.iter(f"{SVG_NS}circle"))
    return float(dot.get("cx")), float(dot.get("cy"))


def test_ki1_labels_sit_beside_their_own_ticks():
    """The dashed line runs from the toe web (y 198) to the heel (y 474): KI1 is at its first third."""
    web, heel = 198, 474
    third, two_thirds = web + (heel - web) / 3, web + 2 * (heel - web) / 3
    _, y = _mark_centre("KI1")
    assert abs(y - third) < 3
    labels = _texts("KI1")
    # a label's baseline sits about 6 units below the middle of its 18-unit text
    assert abs(float(labels["1/3"].get("y")) - 6 - third) < 6
    assert abs(float(labels["2/3"].get("y")) - 6 - two_thirds) < 6


def test_bl10_is_marked_just_inside_the_hairline():
    _, y = _mark_centre("BL10")
    hairline_at_mark = 192  # where the hair's lower edge crosses the mark's column
    assert hairline_at_mark - 20 <= y < hairline_at_mark


def test_st41_description_names_the_big_toe_tendon():
    desc = _root("ST41").find(f"{SVG_NS}desc").text
    assert "big toe" in desc and "biggest" not in desc
