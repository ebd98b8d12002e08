"""Render the app icon and splash image from tools/art/icon.svg into assets/ (PNG, for `flet build`).

Why PNG files are committed: `flet build` reads only raster images (`assets/icon.png`,
`assets/splash.png`) and makes every platform's sizes from them; it ignores SVG.

- `assets/icon.png`: the hand on a transparent canvas. `flet build` frames it for each
  platform and puts it on `[tool.flet] icon_background` where a platform needs an opaque icon
  (iOS) or a background layer (Android's adaptive icon: this is the foreground layer).
- `assets/splash.png`: the hand on a disc of the same colour, so it reads on the light and the
  dark splash background alike.

Run after changing the drawing (needs CairoSVG and Pillow, e.g. in a throwaway venv:
`python -m venv /tmp/art && /tmp/art/bin/pip install cairosvg pillow`):

    /tmp/art/bin/python tools/render_app_art.py
"""
from __future__ import annotations

import io
import tomllib
from pathlib import Path

import cairosvg
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tools" / "art" / "icon.svg"
SIZE = 1024
SPLASH_HAND = 0.70  # the hand's share of the splash disc


def icon_background() -> str:
    """The one icon colour, read from pyproject.toml so the splash disc matches the icon."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["flet"]["icon_background"]


def render_hand(size: int) -> Image.Image:
    png = cairosvg.svg2png(url=str(SOURCE), output_width=size, output_height=size)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def splash(colour: str) -> Image.Image:
    canvas = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).ellipse((0, 0, SIZE - 1, SIZE - 1), fill=colour)
    hand = render_hand(round(SIZE * SPLASH_HAND))
    offset = (SIZE - hand.width) // 2
    canvas.alpha_composite(hand, (offset, offset))
    return canvas


def main() -> None:
    assets = ROOT / "assets"
    render_hand(SIZE).save(assets / "icon.png", optimize=True)
    splash(icon_background()).save(assets / "splash.png", optimize=True)
    print(f"wrote {assets / 'icon.png'} and {assets / 'splash.png'}")


if __name__ == "__main__":
    main()
