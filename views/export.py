"""Take it to the doctor: a PDF report, the CSV data, a complete backup, and restoring one.

Why it degrades: how a file leaves the app depends on where the app runs.  On a
phone the system share sheet (email, messages, Files) is the natural way, with
"save to a file" beside it; on a computer a save dialog; in a browser a download
made from the bytes themselves (a blob), so nothing is ever fetched from a
server address.  Whatever is missing (say no save dialog on a Linux desktop
without zenity) falls back to the next way, and the screen says plainly where
the file went.  A restore is checked completely before anything is replaced; checking and
restoring run off the event loop (a big file must not freeze the screen), and the outcome is
scrolled into view, since it appears at the bottom of a long screen.
The period, the files and every message come from data/screens/share.py; this
screen only hands the bytes over and says how it went.
"""
from __future__ import annotations

import asyncio
from datetime import date, datetime
from pathlib import Path

import flet as ft

from data.screens.share import (
    CHOSEN_DATES,
    EARLIEST_REPORT_DAY,
    PERIODS,
    Delivery,
    Message,
    Mood,
    OutFile,
    PendingRestore,
    Section,
    default_chosen,
    delivered,
    make_file,
    not_delivered,
    not_made,
    open_backup,
    picked_dates,
    report_period,
    restore,
)
from data.storage.files import write_private
from scheduler.store_docs import REMINDER_DOCS
from views import theme
from views.context import use_services, use_ui_state
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle

SHARE_ROUTE = "/share"
TONES = {Mood.PLAIN: Tone.PLAIN, Mood.GOOD: Tone.GOOD, Mood.WARN: Tone.WARN}
RESTORE_KEY = ft.ScrollKey("restore")  # the restore section, scrolled into view when its outcome shows


def fallback_folder() -> Path:
    """Where a desktop without a save dialog puts files: Downloads if there is one, else the home folder."""
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.home()


def at_midnight(day: date) -> datetime:
    """A date as the date pickers take it."""
    return datetime.combine(day, datetime.min.time())


@ft.component
def ShareScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    page = ft.context.page
    now = services.now()
    period, set_period = ft.use_state(PERIODS[0][1])  # days, or CHOSEN_DATES
    chosen, set_chosen = ft.use_state(lambda: default_chosen(now.date()))
    picking_dates, set_picking_dates = ft.use_state(False)
    message, set_message = ft.use_state(None)  # the latest Message, shown under its section
    pending, set_pending = ft.use_state(None)  # a PendingRestore waiting for confirmation
    busy, set_busy = ft.use_state(False)
    working, set_working = ft.use_state(None)  # the Section whose file is being made: a bar shows under it
    on_picked = ft.use_ref(None)  # this render's handler; the picker is made once, with its handler set
    shown_view = ft.use_ref(None)  # the View of the latest render, to scroll it

    async def relay(e: ft.FilePickerResultEvent) -> None:
        await on_picked.current(e)

    picker = ft.use_memo(lambda: ft.FilePicker(on_result=relay), [])
    phone = page.platform.is_mobile() and not page.web
    share = ft.use_memo(lambda: ft.Share() if phone else None, [])

    dates = report_period(now.date(), period, chosen)

    async def deliver(out: OutFile, via_share: bool) -> None:
        """Hand the bytes to the system: share sheet, save dialog or browser download, falling back in turn."""
        set_busy(True)
        try:
            if via_share and share is not None:
                result = await share.share_files([ft.ShareFile.from_bytes(out.data, mime_type=out.mime, name=out.name)],
                                                 subject=out.name)
                dismissed = result.status is ft.ShareResultStatus.DISMISSED
                set_message(delivered(out, Delivery.NOT_SHARED if dismissed else Delivery.SHARED))
                return
            try:
                path = await picker.save_file(dialog_title=f"Save the {out.what}", file_name=out.name,
                                              src_bytes=out.data)
            except Exception:  # noqa: BLE001 - no save dialog here (e.g. no zenity): save next to the user's files
                if page.web or phone:
                    raise
                path = str(fallback_folder() / out.name)
                await asyncio.to_thread(write_private, Path(path), out.data)
            if page.web:
                set_message(delivered(out, Delivery.DOWNLOADING))
            else:
                set_message(delivered(out, Delivery.SAVED, path) if path else delivered(out, Delivery.NOT_SAVED))
        except Exception as exc:  # noqa: BLE001 - say plainly that it failed, and why, rather than nothing
            set_message(not_delivered(out, exc))
        finally:
            set_busy(False)

    async def make(section: Section, via_share: bool) -> None:
        set_busy(True)
        set_working(section)
        try:
            out = await asyncio.to_thread(make_file, services.store, section, dates, services.now(), REMINDER_DOCS)
        except Exception as exc:  # noqa: BLE001 - a failure is said plainly where the person tapped
            set_message(not_made(section, exc))
            return
        finally:
            set_busy(False)
            set_working(None)
        await deliver(out, via_share)

    def run(section: Section, via_share: bool):
        async def handler(e) -> None:
            await make(section, via_share)

        return handler

    def section_end(section: Section, label: str, icon: ft.IconData, primary: bool = False) -> list[ft.Control]:
        """On a phone "Share" (the system sheet) and "Save"; elsewhere one save or download button; then any message."""
        if share is not None:
            out = [action_button(f"Share {label}", run(section, True), icon=ft.Icons.SHARE, primary=primary,
                                 disabled=busy, wide=True),
                   action_button(f"Save {label}", run(section, False), icon=icon, outlined=True, disabled=busy,
                                 wide=True)]
        else:
            out = [action_button(f"{'Download' if page.web else 'Save'} {label}", run(section, False), icon=icon,
                                 primary=primary, disabled=busy, wide=True)]
        if busy and working is section:  # a backup of years of data takes seconds: show that it is under way
            out.append(ft.ProgressBar(semantics_label=f"Making {label}"))
        return out + status(section)

    def status(section: Section) -> list[ft.Control]:
        shown: Message | None = message
        if shown is None or shown.section is not section or not shown.words:
            return []
        return [ft.Semantics(live_region=True, content=card([shown.words], TONES[shown.mood]))]

    async def picked(e: ft.FilePickerResultEvent) -> None:
        if not e.files:
            return
        f = e.files[0]
        set_busy(True)
        try:
            opened = await asyncio.to_thread(open_backup, f.bytes if f.bytes is not None else Path(f.path),
                                             REMINDER_DOCS, now=services.now())
        finally:
            set_busy(False)
        if isinstance(opened, PendingRestore):
            set_pending(opened)
            set_message(None)
        else:
            set_pending(None)
            set_message(opened)

    on_picked.current = picked

    async def replace_everything(e) -> None:
        raw = pending.raw
        set_pending(None)
        set_busy(True)
        done: list[bool] = []
        try:
            outcome = await asyncio.to_thread(restore, services.store, raw, REMINDER_DOCS,
                                              then=lambda: done.append(True), now=services.now())
        finally:
            set_busy(False)
        if done:  # on the event loop: the reminders re-plan, every screen reads the new data
            services.reminders.reload()
            ui.data_changed()
        set_message(outcome)

    async def bring_restore_into_view() -> None:
        view = shown_view.current
        if view is None or not (pending is not None or (message is not None and message.section is Section.RESTORE)):
            return
        try:
            await view.scroll_to(scroll_key=RESTORE_KEY)  # at once: a moving screen would swallow the next tap
        except RuntimeError:  # the screen was closed meanwhile
            pass

    ft.use_effect(bring_restore_into_view, [message, pending])

    def on_dates(e) -> None:
        picker_control = e.control
        picked_range = picked_dates(picker_control.start_value, picker_control.end_value)
        if picked_range is not None:
            set_chosen(picked_range)
            set_period(CHOSEN_DATES)
        set_picking_dates(False)

    ft.use_dialog(ft.DateRangePicker(
        start_value=at_midnight(dates.start),
        end_value=at_midnight(dates.end),
        first_date=at_midnight(EARLIEST_REPORT_DAY),
        last_date=at_midnight(now.date()),
        help_text="Choose the first and last day of the report",
        on_change=on_dates,
        on_dismiss=lambda e: set_picking_dates(False),
    ) if picking_dates else None)

    period_toggles = [toggle(label, period == days, lambda days=days: set_period(days), expand=True)
                      for label, days in PERIODS]
    controls: list[ft.Control] = [
        body("Everything stays on this device until you choose to share or save it."),
        heading("Report for your doctor (PDF)"),
        body("Your scores, charts, practice, notes and side effects, in large print, ready to print or show."),
        ft.Row(period_toggles, spacing=8),
        toggle("Choose dates", period == CHOSEN_DATES, lambda: set_picking_dates(True)),
        ft.Text(dates.words, size=22, weight=ft.FontWeight.BOLD),
        *section_end(Section.REPORT, "the report", ft.Icons.PICTURE_AS_PDF_OUTLINED, primary=True),
        heading("Your data for a spreadsheet (CSV)"),
        body("Every check-in and session, one per row, for a spreadsheet."),
        *section_end(Section.CSV, "the data", ft.Icons.TABLE_VIEW_OUTLINED),
        heading("Backup"),
        body("A complete copy of everything in the app, to keep somewhere safe or to move to a new phone."),
        *section_end(Section.BACKUP, "a backup", ft.Icons.SAVE_ALT),
    ]
    restoring: list[ft.Control] = []
    if pending is not None:
        restoring.append(card(
            list(pending.lines),
            Tone.WARN,
            title="Replace everything with this backup?",
            actions=[action_button("Replace everything", replace_everything, icon=ft.Icons.RESTORE, wide=True),
                     action_button("Cancel", lambda e: set_pending(None), outlined=True, wide=True)],
        ))
    else:
        restoring.append(action_button(
            "Restore from a backup file", None, icon=ft.Icons.UPLOAD_FILE, outlined=True, disabled=busy, wide=True,
            action=ft.PickFiles(picker, dialog_title="Choose a PressPoint backup", with_data=page.web,
                                file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=["json"]),
        ))
    restoring += status(Section.RESTORE)
    if busy:
        restoring.append(ft.ProgressBar(semantics_label="Working"))
    controls.append(ft.Column(restoring, spacing=theme.PAD, key=RESTORE_KEY))
    view = page_view(SHARE_ROUTE, "For your doctor", controls, modal=True)
    shown_view.current = view
    return view
