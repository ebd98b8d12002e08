"""Sizes and themes chosen for older eyes and numb fingertips, in one place.

The text sizes BODY, SMALL, TITLE and HEADLINE grow with the text size chosen in
Settings (``set_text_scale``, called by views/text_size.py before the screens
draw).  They are module values, one set per process, because one process serves
one person's data folder and so one saved choice; screens read them as
``theme.BODY`` when they draw, never copy them at import.  HUGE (the countdown)
and TAB_LABEL (which must fit a fifth of a 360 px phone) stay as they are.
"""
from __future__ import annotations

import math

import flet as ft

_NORMAL = {"BODY": 20, "SMALL": 18, "TITLE": 26, "HEADLINE": 32}  # at the Normal text size
BODY = 20  # body text, above the 18 pt floor
SMALL = 18
TITLE = 26
HEADLINE = 32
HUGE = 72  # the countdown
_scale = 1.0  # the chosen text size, 1.0 = Normal
TAP = 56  # minimum height of ordinary buttons (48 dp floor plus margin)
MAIN_TAP = 76  # main actions: Start, Pause
PAD = 16
TAB_LABEL = 16  # the tab labels: the longest, "Progress", fits a fifth of a 360 px phone
# The top bar is 64 px high and holds a title between two buttons, so its words keep the Normal size.
BAR_TITLE = 26
BAR_BUTTON = 20
# The time and date pickers are dialogs of a fixed size: larger words would spill out of them,
# so theirs keep the Normal sizes (the time picker's "Hour" and "Minute" at body size, not 12 px).
PICKER_TEXT = 20
PICKER_SMALL = 18
PICKER_TITLE = 26

SEED = ft.Colors.TEAL
HANZI_FONT = "Hanzi"  # the points' Chinese names; a subset font shipped in assets/fonts


# Material 3's own sizes of the text styles that stock controls use (pickers, snack bars, fields).
_STOCK_TEXT = {
    "body_large": 16, "body_medium": 14, "label_large": 14, "label_medium": 12, "label_small": 11,
    "title_large": 22, "title_medium": 16, "title_small": 14,
}


def set_text_scale(scale: float) -> bool:
    """Make every text size ``scale`` times its Normal size (1.0 to 2.0; anything else is Normal).

    Returns whether the sizes changed, so the caller knows to give the page new themes.
    """
    global BODY, SMALL, TITLE, HEADLINE, _scale
    scale = float(scale) if isinstance(scale, (int, float)) and 1.0 <= scale <= 2.0 else 1.0
    if scale == _scale:
        return False
    _scale = scale
    BODY, SMALL, TITLE, HEADLINE = (round(_NORMAL[name] * scale) for name in ("BODY", "SMALL", "TITLE", "HEADLINE"))
    return True


def text_scale() -> float:
    """The chosen text size as a factor (1.0 = Normal), for layouts that must leave room for the words."""
    return _scale


def grown(height: float) -> int:
    """A fixed height that holds words (e.g. a slider's two lines), grown with the text size."""
    return math.ceil(height * _scale)


def _text_theme() -> ft.TextTheme:
    """Stock controls' words at the chosen size; the smallest (the time picker's "Hour" and "Minute",
    fields' helper lines) at the Normal body size, never 12 px.  Coloured as text on the surface:
    a text theme without colours turns plain text black in dark mode."""
    return ft.TextTheme(
        body_small=ft.TextStyle(size=PICKER_TEXT, color=ft.Colors.ON_SURFACE),
        **{name: ft.TextStyle(size=round(size * _scale), color=ft.Colors.ON_SURFACE) for name, size in _STOCK_TEXT.items()},
    )


def _theme() -> ft.Theme:
    return ft.Theme(
        text_theme=_text_theme(),
        color_scheme_seed=SEED,
        use_material3=True,
        # Standard density everywhere: desktop browsers would otherwise shrink every button, the
        # back arrow and the pickers' days below the 48 px a numb fingertip needs.
        visual_density=ft.VisualDensity.STANDARD,
        # "Progress" and "Settings" fit a fifth of a 360 px phone whole, never "Progres/s".
        navigation_bar_theme=ft.NavigationBarTheme(
            label_text_style=ft.TextStyle(size=TAB_LABEL, weight=ft.FontWeight.W_600),
            height=88,
        ),
        # Icon buttons we do not size ourselves (the time picker's keyboard/dial switch): 24 + 2x12 = 48 px.
        icon_button_theme=ft.IconButtonTheme(style=ft.ButtonStyle(visual_density=ft.VisualDensity.STANDARD,
                                                                  padding=ft.Padding.all(12))),
        text_button_theme=ft.TextButtonTheme(style=picker_button_style()),
        # A thick track and a tall handle that numb fingertips can find and feel (sliders set year_2023=False).
        slider_theme=ft.SliderTheme(
            track_height=24,
            thumb_size=ft.Size(14, 60),
            year_2023=False,
            value_indicator_text_style=ft.TextStyle(size=TITLE, weight=ft.FontWeight.BOLD),
        ),
        # The reminder times' picker: readable heading, OK and Cancel as big as our other buttons.
        time_picker_theme=ft.TimePickerTheme(
            help_text_style=ft.TextStyle(size=PICKER_TEXT, weight=ft.FontWeight.W_600),
            dial_text_style=ft.TextStyle(size=PICKER_SMALL, weight=ft.FontWeight.W_600),
            cancel_button_style=picker_button_style(),
            confirm_button_style=picker_button_style(),
        ),
        # The report's date-range picker: readable days, heading and instruction, big Save and Cancel.
        date_picker_theme=ft.DatePickerTheme(
            day_text_style=ft.TextStyle(size=PICKER_SMALL),
            weekday_text_style=ft.TextStyle(size=PICKER_SMALL, weight=ft.FontWeight.W_600),
            year_text_style=ft.TextStyle(size=PICKER_SMALL),
            header_help_text_style=ft.TextStyle(size=PICKER_SMALL, weight=ft.FontWeight.W_600),
            header_headline_text_style=ft.TextStyle(size=PICKER_TITLE, weight=ft.FontWeight.BOLD),
            cancel_button_style=picker_button_style(),
            confirm_button_style=picker_button_style(),
        ),
    )


def themes() -> tuple[ft.Theme, ft.Theme]:
    """Light and dark themes (Flet derives the dark colours from the seed); the system picks one."""
    return _theme(), _theme()


def main_button_style() -> ft.ButtonStyle:
    return ft.ButtonStyle(
        text_style=ft.TextStyle(size=TITLE, weight=ft.FontWeight.BOLD),
        icon_size=36,
        padding=ft.Padding.symmetric(horizontal=24, vertical=16),
        shape=ft.RoundedRectangleBorder(radius=20),
    )


def button_style(text_size: int | None = None) -> ft.ButtonStyle:
    """Ordinary buttons' style; ``text_size`` for a button whose words must not grow (the top bar's)."""
    return ft.ButtonStyle(
        text_style=ft.TextStyle(size=text_size or BODY, weight=ft.FontWeight.W_600),
        icon_size=28,
        padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        shape=ft.RoundedRectangleBorder(radius=16),
    )


def picker_button_style() -> ft.ButtonStyle:
    """Text buttons of dialogs and pickers (OK, Cancel, Save): at least 48 px tall, readable text."""
    return ft.ButtonStyle(
        text_style=ft.TextStyle(size=PICKER_TEXT, weight=ft.FontWeight.W_600),
        padding=ft.Padding.symmetric(horizontal=20, vertical=16),
        shape=ft.RoundedRectangleBorder(radius=16),
        visual_density=ft.VisualDensity.STANDARD,
    )
