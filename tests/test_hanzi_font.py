"""The shipped subset font must draw every Chinese character the catalog shows."""
from pathlib import Path

from fontTools.ttLib import TTFont

from data.routine.catalog import POINTS

FONT = Path(__file__).resolve().parents[1] / "assets" / "fonts" / "NotoSansHanzi-Subset.otf"


def test_every_hanzi_of_the_catalog_is_in_the_font():
    cmap = TTFont(FONT).getBestCmap()
    missing = {c for p in POINTS for c in p.hanzi if ord(c) not in cmap}
    assert not missing, f"run tools/subset_hanzi_font.py; missing: {''.join(sorted(missing))}"


def test_font_stays_small():
    assert FONT.stat().st_size < 100_000
