"""Sizes and themes chosen for older eyes and numb fingertips, in one place."""
from __future__ import annotations

import flet as ft

BODY = 20  # body text, above the 18 pt floor
SMALL = 18
TITLE = 26
HEADLINE = 32
HUGE = 72  # the countdown
TAP = 56  # minimum height of ordinary buttons (48 dp floor plus margin)
MAIN_TAP = 76  # main actions: Start, Pause
PAD = 16
TAB_LABEL = 16  # the tab labels: the longest, "Progress", fits a fifth of a 360 px phone

SEED = ft.Colors.TEAL
HANZI_FONT = "Hanzi"  # the points' Chinese names; a subset font shipped in assets/fonts


def _theme() -> ft.Theme:
    return ft.Theme(
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
            help_text_style=ft.TextStyle(size=BODY, weight=ft.FontWeight.W_600),
            dial_text_style=ft.TextStyle(size=SMALL, weight=ft.FontWeight.W_600),
            cancel_button_style=picker_button_style(),
            confirm_button_style=picker_button_style(),
        ),
        # The report's date-range picker: readable days, heading and instruction, big Save and Cancel.
        date_picker_theme=ft.DatePickerTheme(
            day_text_style=ft.TextStyle(size=SMALL),
            weekday_text_style=ft.TextStyle(size=SMALL, weight=ft.FontWeight.W_600),
            year_text_style=ft.TextStyle(size=SMALL),
            header_help_text_style=ft.TextStyle(size=SMALL, weight=ft.FontWeight.W_600),
            header_headline_text_style=ft.TextStyle(size=TITLE, weight=ft.FontWeight.BOLD),
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


def button_style() -> ft.ButtonStyle:
    return ft.ButtonStyle(
        text_style=ft.TextStyle(size=BODY, weight=ft.FontWeight.W_600),
        icon_size=28,
        padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        shape=ft.RoundedRectangleBorder(radius=16),
    )


def picker_button_style() -> ft.ButtonStyle:
    """Text buttons of dialogs and pickers (OK, Cancel, Save): at least 48 px tall, readable text."""
    return ft.ButtonStyle(
        text_style=ft.TextStyle(size=BODY, weight=ft.FontWeight.W_600),
        padding=ft.Padding.symmetric(horizontal=20, vertical=16),
        shape=ft.RoundedRectangleBorder(radius=16),
        visual_density=ft.VisualDensity.STANDARD,
    )
