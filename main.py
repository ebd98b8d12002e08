"""Start the app: `python main.py` (window), `python main.py --web` (browser on this computer).

Opens the store once per process and shares it with every session: Flet's web
mode runs `main` once per browser tab, and two stores on one directory would race.
"""
from __future__ import annotations

import argparse
import time
from datetime import datetime
from pathlib import Path

import flet as ft

from data.paths import default_data_dir
from data.store import open_store
from views.app import App
from views.context import AppServices
from views.theme import HANZI_FONT, themes

ASSETS = Path(__file__).resolve().parent / "assets"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="PressPoint: daily acupressure for neuropathy.")
    ap.add_argument("--web", action="store_true", help="serve the app to a browser on this computer")
    ap.add_argument("--port", type=int, default=8550, help="port for --web (default 8550)")
    ap.add_argument("--no-browser", action="store_true", help="with --web: do not open a browser")
    ap.add_argument("--data-dir", type=Path, default=None, help="where to keep your data")
    return ap.parse_args(argv)


def build_services(data_dir: Path) -> AppServices:
    return AppServices(
        store=open_store(data_dir),
        now=lambda: datetime.now().astimezone(),
        monotonic=time.monotonic,
    )


def make_main(services: AppServices):
    def main(page: ft.Page) -> None:
        page.title = "PressPoint"
        page.theme, page.dark_theme = themes()
        page.theme_mode = ft.ThemeMode.SYSTEM
        page.fonts = {HANZI_FONT: "fonts/NotoSansHanzi-Subset.otf"}
        page.render_views(App, services)

    return main


def run(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    services = build_services(args.data_dir or default_data_dir())
    if args.web:
        ft.run(
            make_main(services),
            view=None if args.no_browser else ft.AppView.WEB_BROWSER,
            host="127.0.0.1",
            port=args.port,
            no_cdn=True,
            assets_dir=str(ASSETS),
        )
    else:
        ft.run(make_main(services), assets_dir=str(ASSETS))


if __name__ == "__main__":
    run()
