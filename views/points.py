"""Points: every point of the catalog, and a page per point with how to find and press it."""
from __future__ import annotations

import flet as ft

from data.catalog import POINTS, point
from data.models import PregnancyRule
from views import theme
from views.shell import go, tab_view

PREGNANCY_WORDS = {
    PregnancyRule.FORBIDDEN: "Not in pregnancy: traditionally never pressed when pregnant.",
    PregnancyRule.CAUTION: "In pregnancy: left out to be careful.",
}


def point_row(code: str) -> ft.Control:
    pt = point(code)
    return ft.Button(
        style=ft.ButtonStyle(
            padding=ft.Padding.all(10),
            shape=ft.RoundedRectangleBorder(radius=16),
        ),
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        color=ft.Colors.ON_SURFACE,
        on_click=lambda e: go(f"/points/{code}"),
        content=ft.Row(
            [
                ft.Image(src=pt.illustration, width=84, height=84, fit=ft.BoxFit.CONTAIN, border_radius=12),
                ft.Column(
                    [
                        ft.Text(f"{pt.code} {pt.pinyin}", size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
                        ft.Text(pt.surface.capitalize(), size=theme.SMALL),
                    ],
                    spacing=2,
                    expand=True,
                ),
                ft.Icon(ft.Icons.CHEVRON_RIGHT, size=32),
            ],
            spacing=12,
        ),
    )


@ft.component
def PointsScreen() -> ft.View:
    return tab_view(
        "/points",
        "Points",
        [
            ft.Text(
                f"All {len(POINTS)} points used in this app. Tap one to see where it is and how to press it.",
                size=theme.BODY,
            ),
            *(point_row(p.code) for p in POINTS),
        ],
    )


def section(title: str, lines: list[str] | tuple[str, ...]) -> ft.Control:
    return ft.Column(
        [
            ft.Semantics(header=True, content=ft.Text(title, size=theme.TITLE - 2, weight=ft.FontWeight.BOLD)),
            *(ft.Text(line, size=theme.BODY) for line in lines),
        ],
        spacing=6,
    )


@ft.component
def PointDetailScreen() -> ft.View:
    code = ft.use_route_params().get("code", "")
    try:
        pt = point(code)
    except KeyError:
        return ft.View(route=f"/points/{code}", controls=[ft.Text("No such point.", size=theme.BODY)])
    cautions = list(pt.cautions)
    if pt.pregnancy in PREGNANCY_WORDS:
        cautions.insert(0, PREGNANCY_WORDS[pt.pregnancy])
    sides = "Once, on the middle line of the body." if len(pt.sides) == 1 else "Both sides: left, then right."
    spots = f" There are {pt.spots_per_side} spots on each side; press them one after another." \
        if pt.spots_per_side > 1 else ""
    return ft.View(
        route=f"/points/{code}",
        appbar=ft.AppBar(
            title=ft.Text(f"{pt.code} {pt.pinyin}", size=theme.TITLE, weight=ft.FontWeight.BOLD),
            toolbar_height=64,
        ),
        scroll=ft.ScrollMode.AUTO,
        padding=0,
        controls=[
            ft.SafeArea(
                minimum_padding=ft.Padding.all(theme.PAD),
                content=ft.Column(
                    [
                        ft.Row(
                            [
                                ft.Text(pt.hanzi, size=theme.TITLE, font_family=theme.HANZI_FONT),
                                ft.Text(f"“{pt.meaning}”", size=theme.BODY),
                            ],
                            spacing=12,
                        ),
                        ft.Image(
                            src=pt.illustration,
                            width=float("inf"),
                            height=440,
                            fit=ft.BoxFit.CONTAIN,
                            semantics_label=f"Drawing of where {pt.code} is: {pt.surface}",
                        ),
                        section("How to find it", pt.location_steps),
                        section("How to press", [pt.technique, sides + spots]),
                        section("Take care", cautions),
                    ],
                    spacing=theme.PAD,
                ),
            )
        ],
    )
