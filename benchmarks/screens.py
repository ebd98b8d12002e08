"""Do Today, Progress, the report and backup cost the same with 20 years of history as with one month?

Builds 1-month, 1-year and 20-year histories through the store's own save
functions (the 20-year one: its last 400 days; the years before go in with one
``Store.replace_all``, the restore path) (2 sessions a day pressing the core points, a daily check-in, a rating
before and after each session, a weekly PGIC answer, a note now and then; fixed
seed), the 20-year one once, cached in the temp folder under ``VERSION``.  Then
times, in one run, the store's opening (the first of a copy, then a usual one),
the core calls the screens make (median of ``--repeats``): Today's and Progress's
data, the PDF report for the last 4 weeks, a full backup and its restore into a
fresh store; and in headless Chromium (the real app, ``main.py --web``, its clock
set to the end of the history; one server per history, tapped in turn so that a
busy moment of a shared machine falls on all alike) the time from a tap on
Progress until its first screenful is shown with its figures, beside a tap on a
static tab (Safety).

    cd /work/main && .venv/bin/python -m benchmarks.screens [--no-browser] [--repeats 5]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, time as dtime, timedelta, timezone
from pathlib import Path

from data.exports.backup import BackupError, make_backup, restore_backup
from data.exports.report_pdf import report_from_store
from data.journal.checkins import SYMPTOMS, CheckIn, Context, DayNote, PgicAnswer, save_checkin, save_note, save_pgic
from data.journal.sessions import save_session
from data.models import SessionRecord, Side, Slot, StepResult
from data.routine.catalog import CORE_CODES
from data.screens.progress import progress_summary
from data.screens.today import today_summary
from data.storage.store import CACHE_FOLDER, PARTITION_KEY, SCHEMA_VERSION, Store
from scheduler.store_docs import REMINDER_DOCS

VERSION = "screens-1"  # change when the shape of the built history changes: the cache is rebuilt
SIZES = {"1 month": 30, "1 year": 365, "20 years": 20 * 365 + 5}
END = date(2026, 11, 30)  # the last day of every history; the benchmark's "today" is the day after
TZ = timezone.utc
NOW = datetime.combine(END + timedelta(days=1), dtime(10, 0), TZ)
ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The first symptom's chart, named by progress_summary, so shown only with its data (never the "Loading"
# line).  Progress is a lazy list: what is further down is built as it is scrolled to, so "shown" is
# the first screenful, the chart drawn in it: what the person sees on tapping the tab.
PROGRESS_SHOWN = "Chart of daily numbness scores"
SAFETY_SHOWN = "Stop and get help if you notice"
TODAY_SHOWN = "Morning session"


# -- building histories --------------------------------------------------------------------------


def _steps(rng: random.Random) -> tuple[StepResult, ...]:
    steps = []
    for code in CORE_CODES:
        for side in (Side.LEFT, Side.RIGHT):
            pressed = 60 if rng.random() > 0.05 else rng.randint(10, 59)
            steps.append(StepResult(code, side, 60, pressed, pressed == 60))
    return tuple(steps)


def records(days: int) -> list[tuple[str, object]]:
    """(collection, record) in the order the app saves them, for `days` days ending on END."""
    rng = random.Random(20261201 + days)
    out: list[tuple[str, object]] = []
    level = {s: rng.randint(3, 7) for s in SYMPTOMS[:3]}
    for back in range(days - 1, -1, -1):
        day = END - timedelta(days=back)
        for s in level:
            level[s] = min(10, max(0, level[s] + rng.choice((-1, 0, 0, 1))))
        morning = datetime.combine(day, dtime(8, rng.randint(0, 40)), TZ)
        out.append(("checkins", CheckIn(f"d{day}", morning - timedelta(minutes=5), **level,
                                        note="slept badly" if rng.random() < 0.1 else "")))
        for slot, start in ((Slot.MORNING, morning), (Slot.EVENING, datetime.combine(day, dtime(20, 5), TZ))):
            if rng.random() < 0.1:
                continue  # a missed session now and then
            sid = f"s{day}{slot.value[0]}"
            steps = _steps(rng)
            end = start + timedelta(minutes=12)
            main = max(level, key=level.get)
            out.append(("checkins", CheckIn(f"b{sid}", start, **{main: level[main]},
                                            context=Context.BEFORE_SESSION, session_id=sid)))
            out.append(("sessions", SessionRecord(sid, slot, start, end, steps, all(s.completed for s in steps))))
            out.append(("checkins", CheckIn(f"a{sid}", end, **{main: max(0, level[main] - rng.randint(0, 2))},
                                            context=Context.AFTER_SESSION, session_id=sid)))
        if back % 7 == 0 and back < days - 7:
            out.append(("pgic", PgicAnswer(f"p{day}", morning + timedelta(minutes=1), rng.randint(2, 5))))
        if rng.random() < 0.1:
            out.append(("notes", DayNote(f"n{day}", morning + timedelta(hours=4), "New shoes; feet cold at night.")))
    return out


SAVE = {"checkins": save_checkin, "sessions": save_session, "pgic": save_pgic, "notes": save_note}
#: Saved one by one through the save functions; older records of a longer history go in with one
#: ``Store.replace_all`` (the restore path: same files, same shapes), else 20 years take ~17 minutes to build.
SAVED_ONE_BY_ONE_DAYS = 400


def _when(record) -> datetime:
    return record.started_at if isinstance(record, SessionRecord) else record.at


def build(folder: Path, days: int) -> dict[str, int]:
    """A history of `days` days ending on END, the last SAVED_ONE_BY_ONE_DAYS saved as the app saves them."""
    store = Store(folder)
    made = records(days)
    split = END - timedelta(days=SAVED_ONE_BY_ONE_DAYS)
    older = [(c, r) for c, r in made if _when(r).date() <= split]
    if older:
        collections: dict[str, list[dict]] = {}
        for collection, record in older:
            month = f"{_when(record):%Y-%m}"
            collections.setdefault(collection, []).append({**record.to_dict(), PARTITION_KEY: month})
        store.replace_all({"schema_version": SCHEMA_VERSION, "docs": {}, "collections": collections})
    for collection, record in made[len(older):]:
        SAVE[collection](store, record)
    counts: dict[str, int] = {}
    for collection, _record in made:
        counts[collection] = counts.get(collection, 0) + 1
    return counts


def history_folder(label: str, days: int, scratch: Path) -> tuple[Path, float | None]:
    """The 20-year history is cached under VERSION in the temp folder; the others are built each run."""
    if days > 365:
        cache = Path(tempfile.gettempdir()) / f"presspoint-bench-{VERSION}-{days}"
        if not (cache / "done").exists():
            shutil.rmtree(cache, ignore_errors=True)
            start = time.perf_counter()
            build(cache / "store", days)
            (cache / "done").write_text(VERSION)
            return cache / "store", time.perf_counter() - start
        return cache / "store", None
    start = time.perf_counter()
    build(scratch / label.replace(" ", "_"), days)
    return scratch / label.replace(" ", "_"), time.perf_counter() - start


# -- timing the core calls -----------------------------------------------------------------------


def median_time(call: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _no_summaries(folder: Path) -> Path:
    for cache in (folder / CACHE_FOLDER).glob("summaries_*.json"):
        cache.unlink()
    return folder


def core_times(folder: Path, scratch: Path, repeats: int) -> dict[str, float | str]:
    """The core calls, each on a warm handle (as the app's is), after timing the store's opening:
    the first open of a copy (every file read for damage), then a usual one (only changed files)."""
    copy = scratch / f"open-{folder.name}"
    shutil.copytree(folder, copy)  # new files: nothing vouched for yet, as after an update or a restore
    start = time.perf_counter()
    Store(copy)
    first_open = time.perf_counter() - start
    shutil.rmtree(copy, ignore_errors=True)
    Store(folder)
    store = Store(folder)
    today = NOW.date()
    out: dict[str, float | str] = {
        "open_first": first_open,
        "open": median_time(lambda: Store(folder), repeats),
        # once, with no summaries of past months yet (a new zone, or the first run of this code)
        "progress_first": median_time(lambda: progress_summary(Store(_no_summaries(folder)), today, TZ), 1),
        "today": median_time(lambda: today_summary(store, NOW, "Next reminder at 20:00", dtime(14)), repeats),
        "progress": median_time(lambda: progress_summary(store, today, TZ), repeats),
        "report": median_time(lambda: report_from_store(store, today - timedelta(days=27), today, TZ, NOW), repeats),
    }
    backup = b""

    def make() -> None:
        nonlocal backup
        backup = make_backup(store, NOW, REMINDER_DOCS)

    out["backup"] = median_time(make, max(1, repeats // 2))
    out["backup_mb"] = len(backup) / 1e6
    times = []
    for n in range(max(1, repeats // 2)):
        fresh = Store(scratch / f"restore-{folder.name}-{n}")
        start = time.perf_counter()
        try:
            restore_backup(fresh, backup, REMINDER_DOCS, NOW)
        except BackupError as exc:
            out["restore"] = f"refused: {exc}"
            break
        times.append(time.perf_counter() - start)
        shutil.rmtree(fresh.directory, ignore_errors=True)
    else:
        out["restore"] = statistics.median(times)
    return out


def profile_progress(folder: Path, top: int = 12) -> str:
    store = Store(folder)
    progress_summary(store, NOW.date(), TZ)  # warm the store's cache, as the app's would be
    profiler = cProfile.Profile()
    profiler.enable()
    progress_summary(store, NOW.date(), TZ)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    return text.getvalue()


# -- timing taps in the browser ------------------------------------------------------------------


def _names(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('flt-semantics, flt-semantics-host :is(h1,h2,h3,h4,h5,h6)')]
             .map(e => { let name = e.getAttribute('aria-label') || '';
                         if (!name) for (const n of e.childNodes)
                           if (n.nodeType === 3 || n.tagName === 'SPAN') name += n.textContent;
                         return name.trim(); }).filter(Boolean)""")


def _wait_text(page, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in n for n in _names(page)):
            return
        page.wait_for_timeout(15)
    raise RuntimeError(f"{text!r} not shown within {timeout} s")


def _tap(page, name: str) -> None:
    """As tests/e2e/conftest.py finds a control: a button by accessible name, else any node by it."""
    for sel in ("flt-semantics[role='button']", "flt-semantics"):
        node = page.locator(f"{sel}[aria-label*='{name}']")
        if not node.count():
            node = page.locator(sel).filter(has_text=name)
        if node.count():
            break
    node.first.dispatch_event("click")


def _tap_time(page, tab: str, shown: str) -> float:
    _wait_text(page, tab)
    start = time.perf_counter()
    _tap(page, tab)
    _wait_text(page, shown)
    elapsed = time.perf_counter() - start
    _tap(page, "Today")
    _wait_text(page, TODAY_SHOWN)
    page.wait_for_timeout(300)
    return elapsed


class _App:
    """One app server (``main.py --web``) on a copy of a history, with a phone-sized page open on it."""

    def __init__(self, browser, folder: Path, scratch: Path, port: int) -> None:
        data = scratch / f"app-{folder.name}"
        shutil.copytree(folder, data)
        offset = (NOW - datetime.now(timezone.utc)).total_seconds()
        self.log = (scratch / f"server-{folder.name}.log").open("w")
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--web", "--no-browser", "--port",
                                      str(port), "--data-dir", str(data), "--clock-offset", str(offset)],
                                     cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        self.context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)
        self.page = page = self.context.new_page()
        deadline = time.monotonic() + 60
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}/")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        page.wait_for_selector("flt-semantics-placeholder, flt-semantics-host", state="attached", timeout=60_000)
        page.evaluate("() => document.querySelector('flt-semantics-placeholder')?.click()")
        _wait_text(page, TODAY_SHOWN)
        _tap_time(page, "Safety", SAFETY_SHOWN)  # warm-up: fonts, first build of each screen
        _tap_time(page, "Progress", PROGRESS_SHOWN)  # and the summaries of a copied store (new files)

    def close(self) -> None:
        try:
            self.context.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.log.close()


def browser_times(browser, folders: dict[str, Path], scratch: Path, repeats: int) -> dict[str, dict[str, float]]:
    """Tap to Progress shown and tap to Safety shown, per history, medians of `repeats`.

    One server per history, all running at once, and the taps taken in turn (1 month, 1 year,
    20 years, then again), so a busy moment on a shared machine falls on every history alike
    instead of on whichever was being measured then.
    """
    ports = random.Random().sample(range(8600, 8700), len(folders))
    apps: dict[str, _App] = {}
    try:
        for (label, folder), port in zip(folders.items(), ports):
            apps[label] = _App(browser, folder, scratch, port)
        taps: dict[str, dict[str, list[float]]] = {label: {"tap_progress": [], "tap_static": []} for label in apps}
        for _ in range(repeats):
            for label, app in apps.items():
                taps[label]["tap_progress"].append(_tap_time(app.page, "Progress", PROGRESS_SHOWN))
                taps[label]["tap_static"].append(_tap_time(app.page, "Safety", SAFETY_SHOWN))
        return {label: {k: statistics.median(v) for k, v in t.items()} for label, t in taps.items()}
    finally:
        for app in apps.values():
            app.close()


# -- the table -----------------------------------------------------------------------------------


def ms(value: float | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value[:40]
    return f"{value * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the taps in Chromium (a quick run)")
    parser.add_argument("--repeats", type=int, default=5, help="repeats per figure (median)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of Progress at 20 years")
    args = parser.parse_args()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="presspoint-bench-") as tmp:
        scratch = Path(tmp)
        browser = playwright = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            folders: dict[str, Path] = {}
            for label, days in SIZES.items():
                folders[label], built = history_folder(label, days, scratch)
                figures = core_times(folders[label], scratch, args.repeats)
                figures["built_s"] = built
                results[label] = figures
                print(f"{label}: done", file=sys.stderr)
            if browser is not None:
                for label, taps in browser_times(browser, folders, scratch, max(5, args.repeats)).items():
                    results[label].update(taps)
            if args.profile:
                print(profile_progress(history_folder("20 years", SIZES["20 years"], scratch)[0]))
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
    print(f"Times in ms, median of {args.repeats} (backup and restore: of {max(1, args.repeats // 2)}; "
          f"taps: of {max(5, args.repeats)}, the histories' servers tapped in turn); "
          f"history ends {END}, today {NOW.date()}\n")
    print(f"{'history':>9} | {'open 1st':>8} {'open':>5} | {'Today':>6} {'Progress':>8} {'report 4w':>9} "
          f"{'backup':>7} {'MB':>5} {'restore':>8} | {'tap Progress':>12} {'tap Safety':>10} | {'built s':>7}")
    for label, f in results.items():
        built = "cached" if f["built_s"] is None else f"{f['built_s']:.0f}"
        print(f"{label:>9} | {ms(f['open_first']):>8} {ms(f['open']):>5} | {ms(f['today']):>6} {ms(f['progress']):>8} {ms(f['report']):>9} {ms(f['backup']):>7} "
              f"{f['backup_mb']:>5.1f} {ms(f['restore']):>8} | {ms(f.get('tap_progress')):>12} "
              f"{ms(f.get('tap_static')):>10} | {built:>7}")
    first, last = results["1 month"], results["20 years"]
    print("\nRatios (targets from the issue):")
    print(f"  Progress data, 20 years / 1 month: {last['progress'] / first['progress']:.1f}x "
          f"(with no summaries yet, once: {ms(last['progress_first'])} ms at 20 years)")
    print(f"  Today data, 20 years / 1 month:    {last['today'] / first['today']:.1f}x")
    print(f"  store open, 20 years / 1 month:    {last['open'] / first['open']:.1f}x "
          f"(first open of a copy: {last['open_first'] / first['open_first']:.1f}x)")
    print(f"  report 4 weeks, 20 years / 1 month: {last['report'] / first['report']:.1f}x (target: flat, ~1.0x)")
    if "tap_progress" in first:
        print(f"  tap to Progress shown, 20 years / 1 month: {last['tap_progress'] / first['tap_progress']:.2f}x "
              "(target <= 1.1x)")
        print(f"  tap to Progress / tap to Safety, 1 month: {first['tap_progress'] / first['tap_static']:.2f}x "
              "(target <= 1.3x)")
        print(f"  tap to Progress / tap to Safety, 20 years: {last['tap_progress'] / last['tap_static']:.2f}x")


if __name__ == "__main__":
    main()
