"""Take it to the doctor: a PDF report, the CSV data, a complete backup, and restoring one.

Why it degrades: how a file leaves the app depends on where the app runs.  On a
phone the system share sheet (email, messages, Files) is the natural way, with
"save to a file" beside it; on a computer a save dialog; in a browser a download
made from the bytes themselves (a blob), so nothing is ever fetched from a
server address.  Whatever is missing (say no save dialog on a Linux desktop
without zenity) falls back to the next way, and the screen says plainly where
the file went.  A restore is checked completely before anything is replaced.
"""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import flet as ft

from data.exports.backup import BackupError, make_backup, read_backup_file, restore_backup, validate_backup
from data.exports.csv_export import export_csv
from data.exports.report_pdf import report_from_store
from scheduler.store_docs import REMINDER_DOCS
from views.context import use_services, use_ui_state
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle

SHARE_ROUTE = "/share"
PERIODS = (("Last 4 weeks", 28), ("Last 3 months", 91))
COLLECTION_WORDS = {
    "checkins": "check-ins",
    "sessions": "sessions",
    "notes": "notes",
    "side_effects": "side effects",
    "pgic": "weekly answers",
    "mnsi": "questionnaires",
}


@dataclass(frozen=True)
class OutFile:
    name: str
    data: bytes
    mime: str
    kind: str  # "report", "csv" or "backup": which section's message it is
    what: str  # "report", "data" or "backup", for the messages


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def fallback_folder() -> Path:
    """Where a desktop without a save dialog puts files: Downloads if there is one, else the home folder."""
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.home()


def backup_contents(raw: bytes) -> str:
    """What a valid backup holds, e.g. "42 check-ins, 30 sessions", for the confirmation."""
    data = validate_backup(raw, REMINDER_DOCS)
    counts = [f"{len(records)} {COLLECTION_WORDS.get(name, name)}"
              for name, records in data["collections"].items() if records]
    made = json.loads(raw)["created_at"]
    when = datetime.fromisoformat(made)
    return f"made on {long_date(when.date())} at {when:%H:%M}, with " + (", ".join(counts) or "no records")


@ft.component
def ShareScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    page = ft.context.page
    now = services.now()
    period, set_period = ft.use_state(PERIODS[0][1])  # days, or 0 for chosen dates
    chosen, set_chosen = ft.use_state((now.date() - timedelta(days=27), now.date()))
    picking_dates, set_picking_dates = ft.use_state(False)
    message, set_message = ft.use_state(("", "", Tone.PLAIN))  # (section, words, tone), shown under that section
    pending, set_pending = ft.use_state(None)  # (raw bytes, description) of a backup waiting for confirmation
    busy, set_busy = ft.use_state(False)
    on_picked = ft.use_ref(None)  # this render's handler; the picker is made once, with its handler set

    async def relay(e: ft.FilePickerResultEvent) -> None:
        await on_picked.current(e)

    picker = ft.use_memo(lambda: ft.FilePicker(on_result=relay), [])
    phone = page.platform.is_mobile() and not page.web
    share = ft.use_memo(lambda: ft.Share() if phone else None, [])

    start, end = (chosen if period == 0 else (now.date() - timedelta(days=period - 1), now.date()))

    async def deliver(out: OutFile, via_share: bool) -> None:
        """Hand the bytes to the system: share sheet, save dialog or browser download, falling back in turn."""

        def say(words: str, tone: Tone) -> None:
            set_message((out.kind, words, tone))

        set_busy(True)
        try:
            if via_share and share is not None:
                result = await share.share_files([ft.ShareFile.from_bytes(out.data, mime_type=out.mime, name=out.name)],
                                                 subject=out.name)
                if result.status is ft.ShareResultStatus.DISMISSED:
                    say("Nothing was shared.", Tone.PLAIN)
                else:
                    say(f"Your {out.what} ({out.name}) was handed to the app you chose.", Tone.GOOD)
                return
            try:
                path = await picker.save_file(dialog_title=f"Save the {out.what}", file_name=out.name,
                                              src_bytes=out.data)
            except Exception:  # noqa: BLE001 - no save dialog here (e.g. no zenity): save next to the user's files
                if page.web or phone:
                    raise
                path = str(fallback_folder() / out.name)
                await asyncio.to_thread(Path(path).write_bytes, out.data)
            if page.web:
                say(f"Your browser is saving {out.name}. Look in your Downloads folder.", Tone.GOOD)
            elif path:
                say(f"Saved: {path}", Tone.GOOD)
            else:
                say("Nothing was saved.", Tone.PLAIN)
        except Exception as exc:  # noqa: BLE001 - say plainly that it failed, and why, rather than nothing
            say(f"The {out.what} could not be saved: {exc}", Tone.WARN)
        finally:
            set_busy(False)

    async def make(kind: str, via_share: bool) -> None:
        stamp = now.date().isoformat()
        set_busy(True)
        try:
            if kind == "report":
                data = await asyncio.to_thread(report_from_store, services.store, start, end, now.tzinfo,
                                               services.now())
                out = OutFile(f"presspoint-report-{start.isoformat()}-to-{end.isoformat()}.pdf", data,
                              "application/pdf", kind, "report")
            elif kind == "csv":
                data = await asyncio.to_thread(export_csv, services.store, now.tzinfo)
                out = OutFile(f"presspoint-data-{stamp}.csv", data, "text/csv", kind, "data")
            else:
                data = await asyncio.to_thread(make_backup, services.store, services.now(), REMINDER_DOCS)
                out = OutFile(f"presspoint-backup-{stamp}.json", data, "application/json", kind, "backup")
        except Exception as exc:  # noqa: BLE001 - a failure is said plainly where the person tapped
            set_message((kind, f"This could not be made: {exc}", Tone.WARN))
            return
        finally:
            set_busy(False)
        await deliver(out, via_share)

    def run(kind: str, via_share: bool):
        async def handler(e) -> None:
            await make(kind, via_share)

        return handler

    def section_end(kind: str, label: str, icon: ft.IconData, primary: bool = False) -> list[ft.Control]:
        """On a phone "Share" (the system sheet) and "Save"; elsewhere one save or download button; then any message."""
        if share is not None:
            out = [action_button(f"Share {label}", run(kind, True), icon=ft.Icons.SHARE, primary=primary,
                                 disabled=busy, wide=True),
                   action_button(f"Save {label}", run(kind, False), icon=icon, outlined=True, disabled=busy,
                                 wide=True)]
        else:
            out = [action_button(f"{'Download' if page.web else 'Save'} {label}", run(kind, False), icon=icon,
                                 primary=primary, disabled=busy, wide=True)]
        return out + status(kind)

    def status(kind: str) -> list[ft.Control]:
        section, words, tone = message
        return [ft.Semantics(live_region=True, content=card([words], tone))] if words and section == kind else []

    async def picked(e: ft.FilePickerResultEvent) -> None:
        if not e.files:
            return
        f = e.files[0]
        try:
            raw = f.bytes if f.bytes is not None else await asyncio.to_thread(read_backup_file, Path(f.path))
            set_pending((raw, backup_contents(raw)))
            set_message(("", "", Tone.PLAIN))
        except BackupError as exc:
            set_pending(None)
            set_message(("restore", f"This file was not restored, and nothing was changed. {exc}", Tone.WARN))

    on_picked.current = picked

    def restore(e) -> None:
        raw, _ = pending
        set_pending(None)
        try:
            counts = restore_backup(services.store, raw, REMINDER_DOCS)
        except BackupError as exc:
            set_message(("restore", f"This file was not restored, and nothing was changed. {exc}", Tone.WARN))
            return
        services.reminders.reload()
        ui.data_changed()
        total = sum(counts.values())
        set_message(("restore", f"Restored: {total} records from the backup replace what was here before.",
                     Tone.GOOD))

    def on_dates(e) -> None:
        picker_control = e.control
        if picker_control.start_value and picker_control.end_value:
            set_chosen((picker_control.start_value.date(), picker_control.end_value.date()))
            set_period(0)
        set_picking_dates(False)

    ft.use_dialog(ft.DateRangePicker(
        start_value=datetime.combine(start, datetime.min.time()),
        end_value=datetime.combine(end, datetime.min.time()),
        first_date=datetime(2020, 1, 1),
        last_date=datetime.combine(now.date(), datetime.min.time()),
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
        toggle("Choose dates", period == 0, lambda: set_picking_dates(True)),
        ft.Text(f"{long_date(start)} to {long_date(end)}", size=22, weight=ft.FontWeight.BOLD),
        *section_end("report", "the report", ft.Icons.PICTURE_AS_PDF_OUTLINED, primary=True),
        heading("Your data for a spreadsheet (CSV)"),
        body("Every check-in and session, one per row, for a spreadsheet."),
        *section_end("csv", "the data", ft.Icons.TABLE_VIEW_OUTLINED),
        heading("Backup"),
        body("A complete copy of everything in the app, to keep somewhere safe or to move to a new phone."),
        *section_end("backup", "a backup", ft.Icons.SAVE_ALT),
    ]
    if pending is not None:
        controls.append(card(
            [f"This backup was {pending[1]}.",
             "Restoring it replaces everything in the app now. What is here now will be gone, so save a backup "
             "of it first if you may want it."],
            Tone.WARN,
            title="Replace everything with this backup?",
            actions=[action_button("Replace everything", restore, icon=ft.Icons.RESTORE, wide=True),
                     action_button("Cancel", lambda e: set_pending(None), outlined=True, wide=True)],
        ))
    else:
        controls.append(action_button(
            "Restore from a backup file", None, icon=ft.Icons.UPLOAD_FILE, outlined=True, disabled=busy, wide=True,
            action=ft.PickFiles(picker, dialog_title="Choose a PressPoint backup", with_data=page.web,
                                file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=["json"]),
        ))
    controls += status("restore")
    if busy:
        controls.append(ft.ProgressBar(semantics_label="Working"))
    return page_view(SHARE_ROUTE, "For your doctor", controls, modal=True)
