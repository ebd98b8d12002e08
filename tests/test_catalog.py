"""Behaviour of the point catalog (data/routine/catalog.py) against domain.md section 1.

Where ../shared/domain.md is present beside the project, the table is read from
it, so the catalog cannot silently drift from the facts; the hard-coded lists
below are the same facts, for machines without the shared folder.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from data.health.safety import FIRM_NEVER_PAINFUL
from data.models import Category, Laterality, Point, PregnancyRule, Region, Side
from data.routine.catalog import CORE_CODES, GENERAL_CAUTIONS, POINTS, point

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOMAIN_MD = SHARED / "domain.md"
ILLUSTRATIONS = ROOT / "assets"

EXPECTED_CODES = {
    "LI4", "LI10", "LI11", "TE5", "PC6", "PC7", "HT7", "EX-UE9",
    "ST36", "GB34", "GB39", "ST41", "BL60", "EX-LE10", "LR3",
    "SP6", "SP9", "KI3", "KI1", "BL10", "GV14", "SI15", "GV3", "BL32",
}
FORBIDDEN = {"LI4", "SP6", "BL60"}
CAUTION = {"LR3", "SP9", "GV3", "BL32", "KI1"}  # KI1: domain.md section 5 (used to bring on labour)
SECTION_5_PREGNANCY = {"KI1": PregnancyRule.CAUTION}  # section 5 wins over section 1's table
MIDLINE = {"GV14", "GV3"}
CATEGORY_OF = {
    Category.ARM_OUTER: {"LI4", "LI10", "LI11", "TE5", "EX-UE9"},
    Category.ARM_INNER: {"PC6", "PC7", "HT7", "EX-UE9"},
    Category.LEG_FRONT_OUTER: {"ST36", "GB34", "GB39", "ST41", "BL60", "EX-LE10", "LR3"},
    Category.LEG_INNER: {"SP6", "SP9", "KI3", "KI1"},
    Category.NECK: {"BL10", "GV14", "SI15"},
    Category.LOW_BACK: {"GV3", "BL32"},
    Category.CORE: {"LI4", "LI11", "ST36", "GB34", "SP6"},
}

# Words a person can find on their own body without anatomy training.
LANDMARKS = (
    "knuckle", "crease", "kneecap", "ankle bone", "cord", "tendon", "bone", "web",
    "shinbone", "skull", "hairline", "spine", "hip", "dimple", "hollow", "muscle", "sole",
)
# Anatomy words that must be explained in brackets in the step that uses them.
NEEDS_GLOSS = ("fibula", "tendon", "sacrum", "achilles", "vertebra", "metacarpal")
# Jargon that must never reach the user.
JARGON = (
    "cun", "metacarpal", "malleolus", "epicondyle", "pisiform", "psis", "spinous",
    "foramen", "radius", "ulna", "proximal", "distal", "medial", "lateral", "dorsal",
    "plantar", "c7", "l4", "s2",
)
FINGER_WIDTH = re.compile(r"finger-widths?", re.IGNORECASE)
NAMED_FINGERS = re.compile(
    r"\b(three|four) fingers \((index, middle and ring|index to little finger[^)]*)\)"
)


def _domain_rows() -> list[list[str]]:
    """Rows of the points table in domain.md section 1 (cells stripped)."""
    rows = []
    for line in DOMAIN_MD.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0].startswith("Code") or set(cells[0]) <= {"-"}:
            continue
        rows.append(cells)
    return rows


needs_domain = pytest.mark.skipif(not DOMAIN_MD.exists(), reason="../shared/domain.md absent")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


# --- Completeness ---------------------------------------------------------------


def test_every_expected_code_present_exactly_once() -> None:
    codes = [p.code for p in POINTS]
    assert len(codes) == len(set(codes)), "duplicate codes"
    assert set(codes) == EXPECTED_CODES


@needs_domain
def test_catalog_matches_domain_table() -> None:
    rows = _domain_rows()
    table = {r[0].split()[0]: r for r in rows}
    assert len(table) == len(rows) == 24
    assert set(table) == {p.code for p in POINTS}
    for code, (name, _loc, side, _cat, preg) in table.items():
        p = point(code)
        assert p.pinyin == name.split()[-1], code
        assert (p.laterality is Laterality.MIDLINE) == (side == "midline"), code
        preg = preg.lower()
        expected = (
            PregnancyRule.FORBIDDEN if preg == "yes"
            else PregnancyRule.CAUTION if preg.startswith("caution")
            else PregnancyRule.NONE_FOUND
        )
        assert p.pregnancy is SECTION_5_PREGNANCY.get(code, expected), code


def test_points_are_in_body_order_arms_legs_feet_trunk() -> None:
    def rank(p: Point) -> int:
        if p.region.limb == "arm":
            return 0
        if p.region.limb == "leg":
            return 2 if p.region.is_foot else 1
        return 3

    ranks = [rank(p) for p in POINTS]
    assert ranks == sorted(ranks)


# --- Well-formed fields ----------------------------------------------------------


@pytest.mark.parametrize("p", POINTS, ids=lambda p: p.code)
def test_names_are_well_formed(p: Point) -> None:
    assert re.fullmatch(r"[A-Z]{2}\d{1,2}|EX-(UE|LE)\d{1,2}", p.code)
    assert re.fullmatch(r"[A-Z][a-z]+", p.pinyin)
    assert 2 <= len(p.hanzi) <= 3
    assert all(unicodedata.name(ch).startswith("CJK UNIFIED IDEOGRAPH") for ch in p.hanzi)
    assert p.meaning and p.meaning[0].isupper() and p.meaning.strip() == p.meaning
    assert p.surface and p.surface == p.surface.strip() and p.surface[0].islower()
    assert p.title.startswith(f"{p.code} {p.pinyin} (")


def test_name_spot_checks() -> None:
    assert point("LI4").hanzi == "合谷" and point("LI4").meaning == "Joining Valley"
    assert point("EX-UE9").hanzi == "八邪"
    assert point("EX-LE10").hanzi == "八风"


@pytest.mark.parametrize("p", POINTS, ids=lambda p: p.code)
def test_location_steps_are_short_plain_sentences(p: Point) -> None:
    steps = p.location_steps
    assert isinstance(steps, tuple) and 2 <= len(steps) <= 3
    for s in steps:
        assert s == s.strip() and s[0].isupper() and s.endswith("."), s
        assert len(s) <= 100, s
        lowered = s.lower()
        for word in JARGON:
            assert word not in _words(s), f"jargon {word!r} in {s!r}"
        for word in NEEDS_GLOSS:
            if word in lowered:
                assert "(" in s and ")" in s, f"{word!r} not explained in {s!r}"
    assert any(any(w in s.lower() for w in LANDMARKS) for s in steps), p.code


@pytest.mark.parametrize("p", POINTS, ids=lambda p: p.code)
def test_no_cun_anywhere_in_user_text(p: Point) -> None:
    texts = (*p.location_steps, p.technique, *p.cautions, p.surface, p.meaning)
    for t in texts:
        assert "cun" not in _words(t), t


@pytest.mark.parametrize("p", POINTS, ids=lambda p: p.code)
def test_measurements_use_words_and_name_the_fingers(p: Point) -> None:
    for s in p.location_steps:
        assert not re.search(r"\d", s), f"use words, not digits: {s!r}"
        assert not FINGER_WIDTH.search(s) or NAMED_FINGERS.search(s), s
        if re.search(r"\b(three|four) fingers\b", s):
            assert NAMED_FINGERS.search(s), f"say which fingers: {s!r}"


def test_finger_measures_match_the_finger_rule() -> None:
    """Four fingers stand for the long measure, three fingers for the shorter one."""
    four = {p.code for p in POINTS if any("four fingers (" in s for s in p.location_steps)}
    three = {p.code for p in POINTS if any("three fingers (" in s for s in p.location_steps)}
    assert four == {"ST36", "GB39", "SP6"}
    assert three == {"LI10", "TE5", "PC6", "SI15"}


@pytest.mark.parametrize("p", POINTS, ids=lambda p: p.code)
def test_technique_and_cautions(p: Point) -> None:
    assert p.technique and p.technique.endswith(".")
    assert 1 <= len(re.findall(r"[.!?](\s|$)", p.technique)) <= 2, p.technique
    assert "never" in p.technique.lower()
    assert isinstance(p.cautions, tuple) and p.cautions
    assert len(set(p.cautions)) == len(p.cautions)
    for c in p.cautions:
        assert c == c.strip() and c[0].isupper() and c.endswith("."), c
        assert len(c) <= 160, c
    text = " ".join(p.cautions).lower()
    musts = ("broken skin", "wound", "ulcer", "bruise", "swollen", "varicose", "blood thinners")
    for must in musts:
        assert must in text, (p.code, must)


@pytest.mark.parametrize("p", POINTS, ids=lambda p: p.code)
def test_foot_and_back_cautions_follow_region(p: Point) -> None:
    text = " ".join(p.cautions).lower()
    foot = ("numb feet" in text, "charcot" in text, "no tools" in text, "heat" in text)
    if p.region.is_foot:
        assert all(foot), p.code
        assert "light" in p.technique.lower() and "no tools" in p.technique.lower()
        assert "rounded tool" not in p.technique.lower()
    else:
        assert not any(foot), p.code
        assert "rounded tool" in p.technique.lower()
    back = "supported" in text and "helper" in text
    assert back == (p.region.limb == "trunk"), p.code
    if p.region.limb == "trunk":
        assert "knead" in p.technique.lower()


def test_no_health_promises() -> None:
    promise = re.compile(r"\b(cures?|heals?|relieves?|improves?|treats?|boosts?|restores?)\b")
    for p in POINTS:
        for t in (*p.location_steps, p.technique, *p.cautions, p.meaning, p.surface):
            assert not promise.search(t.lower()), (p.code, t)


# --- Rules from domain.md ---------------------------------------------------------


def test_core_codes() -> None:
    assert CORE_CODES == ("LI4", "LI11", "ST36", "GB34", "SP6")
    for code in CORE_CODES:
        assert Category.CORE in point(code).categories
    assert {p.code for p in POINTS if Category.CORE in p.categories} == set(CORE_CODES)


def test_categories_follow_selection_rule() -> None:
    for p in POINTS:
        assert p.categories and isinstance(p.categories, frozenset)
    for cat, codes in CATEGORY_OF.items():
        assert {p.code for p in POINTS if cat in p.categories} == codes, cat


def test_every_point_has_a_symptom_group_besides_core() -> None:
    for p in POINTS:
        assert p.categories - {Category.CORE}, p.code


def test_pregnancy_sets_match_domain() -> None:
    by_rule = {
        rule: {p.code for p in POINTS if p.pregnancy is rule} for rule in PregnancyRule
    }
    assert by_rule[PregnancyRule.FORBIDDEN] == FORBIDDEN
    assert by_rule[PregnancyRule.CAUTION] == CAUTION
    assert by_rule[PregnancyRule.NONE_FOUND] == EXPECTED_CODES - FORBIDDEN - CAUTION


def test_pregnancy_caution_text_matches_rule() -> None:
    for p in POINTS:
        mentions = any("pregnant" in c.lower() for c in p.cautions)
        assert mentions == (p.pregnancy is not PregnancyRule.NONE_FOUND), p.code
        if p.pregnancy is PregnancyRule.FORBIDDEN:
            assert any(c.lower().startswith("do not use") for c in p.cautions), p.code


def test_midline_points_have_one_side() -> None:
    assert {p.code for p in POINTS if p.laterality is Laterality.MIDLINE} == MIDLINE
    for p in POINTS:
        if p.code in MIDLINE:
            assert p.sides == (Side.MIDDLE,)
        else:
            assert p.laterality is Laterality.BILATERAL
            assert p.sides == (Side.LEFT, Side.RIGHT)


def test_spots_per_side() -> None:
    for p in POINTS:
        assert p.spots_per_side == (4 if p.code in {"EX-UE9", "EX-LE10"} else 1), p.code


def test_regions() -> None:
    assert all(isinstance(p.region, Region) for p in POINTS)
    assert point("KI1").region is Region.SOLE
    assert {p.code for p in POINTS if p.region.is_foot} == {
        "ST41", "BL60", "KI3", "LR3", "EX-LE10", "KI1"
    }
    assert {p.code for p in POINTS if p.region.limb == "trunk"} == {
        "BL10", "GV14", "SI15", "GV3", "BL32"
    }


# --- Lookup ---------------------------------------------------------------------


def test_point_lookup_returns_catalog_objects() -> None:
    for p in POINTS:
        assert point(p.code) is p


@pytest.mark.parametrize("bad", ["", "LI99", "li4", " LI4", "BL67", "EX-UE"])
def test_point_raises_for_unknown_code(bad: str) -> None:
    with pytest.raises(KeyError, match="unknown acupressure point"):
        point(bad)


@given(st.text(max_size=12).filter(lambda s: s not in EXPECTED_CODES))
def test_point_raises_for_any_other_text(code: str) -> None:
    with pytest.raises(KeyError):
        point(code)


# --- Wording is our own ----------------------------------------------------------


def _shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")
def test_no_six_word_run_copied_from_sources() -> None:
    sources = [DOMAIN_MD, *sorted((SHARED / "seeds").glob("*.txt"))]
    source_shingles: set[tuple[str, ...]] = set()
    for f in sources:
        if f.exists():
            source_shingles |= _shingles(f.read_text(encoding="utf-8"))
    for p in POINTS:
        for t in (*p.location_steps, p.technique, *p.cautions):
            copied = _shingles(t) & source_shingles
            assert not copied, (p.code, t, copied)


# --- Illustrations (drawn separately; may fail until they are all delivered) ------


@pytest.mark.parametrize("p", POINTS, ids=lambda p: p.code)
def test_illustration_file_exists(p: Point) -> None:
    path = ILLUSTRATIONS / p.illustration
    assert path.is_file(), f"missing drawing {path}"


# --- Second review corrections (domain.md section 5) ------------------------------------------


def test_st41_lies_beside_the_big_toe_cord_not_between_the_biggest_cords() -> None:
    text = " ".join(point("ST41").location_steps).lower()
    assert "big toe" in text and "little-toe side of that cord" in text
    assert "biggest" not in text


@pytest.mark.parametrize("code", ["SP6", "GB39"])
def test_ankle_measures_start_from_the_middle_of_the_ankle_bone(code: str) -> None:
    text = " ".join(point(code).location_steps).lower()
    assert "middle of that bump" in text and "highest point" not in text


def test_bl10_is_just_inside_the_hairline() -> None:
    text = " ".join(point("BL10").location_steps).lower()
    assert "half a thumb-width higher, into the hair" in text


def test_general_cautions_say_how_to_press_and_measure_for_someone_else() -> None:
    text = " ".join(GENERAL_CAUTIONS)
    assert FIRM_NEVER_PAINFUL in text
    assert "fingers of the person being pressed" in text and "helper" in text
    assert "steady chair" in text and "stand up slowly" in text
    for c in GENERAL_CAUTIONS:
        assert c[0].isupper() and c.endswith("."), c


def test_one_pressure_message_on_every_point_pressed_firmly() -> None:
    for p in POINTS:
        if not p.region.is_foot:
            assert FIRM_NEVER_PAINFUL in p.technique, p.code
        assert "firm but never painful" not in p.technique and "must never hurt" not in p.technique


def test_baxie_has_a_calm_english_name() -> None:
    assert "evil" not in point("EX-UE9").meaning.lower()


def test_baxie_has_one_english_name_everywhere() -> None:
    """Catalog, safety and self-care words, player and drawings: only "Eight Harmful Influences"."""
    root = Path(__file__).resolve().parents[1]
    assert point("EX-UE9").meaning == "Eight Harmful Influences"
    for folder in ("data/health", "data/screens", "views", "assets/illustrations"):
        for f in (root / folder).rglob("*"):
            if f.suffix in (".py", ".svg"):
                text = f.read_text(encoding="utf-8")
                assert "Eight Evils" not in text and "Eight Pathogens" not in text, f


def test_platelets_and_ports_are_explained() -> None:
    text = " ".join(point("LI4").cautions)
    assert "platelets (blood cells that stop bleeding)" in text
    assert "ports (a small disc under the skin" in text


def test_ki1_is_found_sitting_down() -> None:
    assert point("KI1").location_steps[0].startswith("Sit")
