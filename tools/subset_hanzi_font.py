"""Make the small font that shows the points' Chinese names (run again when the catalog's hanzi change).

The app draws text with its own fonts and, offline, cannot fetch one for Chinese
characters; a full CJK font is ~16 MB, so we keep only the characters the catalog uses.
Needs Debian's fonts-noto-cjk and fonttools:  python tools/subset_hanzi_font.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.routine.catalog import POINTS  # noqa: E402

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = ROOT / "assets" / "fonts" / "NotoSansHanzi-Subset.otf"


def main() -> None:
    chars = sorted({c for p in POINTS for c in p.hanzi})
    options = subset.Options()
    options.font_number = 0  # the Simplified Chinese face of the collection
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright and OFL licence records
    font = subset.load_font(str(SOURCE), options)
    sub = subset.Subsetter(options)
    sub.populate(text="".join(chars))
    sub.subset(font)
    subset.save_font(font, str(TARGET), options)
    print(f"{TARGET.relative_to(ROOT)}: {len(chars)} characters, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()
