"""Start the app: `python main.py` (window), `python main.py --web` (browser on this computer).

Opens the store once per process and shares it with every session: Flet's web
mode runs `main` once per browser tab, and two stores on one directory would race.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import flet as ft

from data.storage.paths import default_data_dir
from data.storage.store import open_store
from scheduler.hub import ReminderHub
from views.app import App
from views.context import AppServices
from views.notifiers import DesktopNotifierNotices
from views.theme import HANZI_FONT, themes

ASSETS = Path(__file__).resolve().parent / "assets"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="PressPoint: daily acupressure for neuropathy.")
    ap.add_argument("--web", action="store_true", help="serve the app to a browser on this computer")
    ap.add_argument("--port", type=int, default=8550, help="port for --web (default 8550)")
    ap.add_argument("--no-browser", action="store_true", help="with --web: do not open a browser")
    ap.add_argument("--data-dir", type=Path, default=None, help="where to keep your data")
    ap.add_argument(
        "--clock-offset", type=float, default=0.0, metavar="SECONDS",
        help="for testing only: the app's clock runs SECONDS ahead (negative: behind), "
             "so a reminder can be reached without waiting for it",
    )
    return ap.parse_args(argv)


def build_services(data_dir: Path, clock_offset: timedelta = timedelta(0)) -> AppServices:
    """Everything one process shares: the store and the reminder hub, opened once."""
    def now() -> datetime:
        return (datetime.now(timezone.utc) + clock_offset).astimezone()

    store = open_store(data_dir, clock=now)  # what is set aside is dated by the app's own clock
    hub = ReminderHub(store, now, desktop=DesktopNotifierNotices())
    return AppServices(
        store=store,
        now=hub.local_now,  # in the device's named zone, so days and DST are counted right
        monotonic=time.monotonic,
        reminders=hub,
        on_session_saved=hub.session_saved,
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
    offset = timedelta(seconds=args.clock_offset)
    if offset:
        print(f"PressPoint: testing clock, {args.clock_offset:+.0f} s from the real time", file=sys.stderr)
    services = build_services(args.data_dir or default_data_dir(), offset)
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
