"""A printable PDF report of a chosen period, to read at home or take to a doctor or nurse.

Why a PDF: it is the one format every clinic can open and print, and it shows
the same honest figures as the app without needing the app.  Large type in
Atkinson Hyperlegible (a typeface made by the Braille Institute for low vision,
OFL, shipped in the PyPI package ``fontpkg-atkinson-hyperlegible``, so it works
on phones too; DejaVu Sans, then Helvetica with plain ASCII, if it is missing).  Charts are drawn with plain lines and hollow dots so they read
in black and white.  The first lines say what the app is and is not.
"""
from __future__ import annotations

import atexit
import math
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from data.dates import day_month, long_date
from data.health.safety import WHAT_THIS_IS
from data.journal.checkins import (
    LABELS,
    PGIC_QUESTION,
    SCORE_WORDS,
    SYMPTOMS,
    CheckIn,
    Context,
    DayNote,
    PgicAnswer,
    SideEffect,
    list_notes,
    list_pgic,
    list_side_effects,
)
from data.journal.footcheck_stats import FootCheckReport, foot_check_report
from data.journal.questionnaires import MNSI_ITEMS, MNSI_TITLE, MnsiAnswers, list_mnsi
from data.journal.stats import (
    RECENT_DAYS,
    ROLLING_DAYS,
    DayValue,
    adherence_calendar,
    adherence_total,
    adherence_weeks,
    before_after,
    compare_with_baseline,
    local_day,
    symptom_series,
)
from data.journal.summaries import baseline_checkins, read_recent
from data.models import SessionRecord
from data.routine.profile import BodySide, Profile, has_profile, load_rules_profile
from data.routine.spot_sessions import step_title
from data.routine.spots import TenderSpot, is_spot_code, load_spots
from data.storage.paths import APP_NAME

REPORT_TITLE = "Symptom and practice report"
ABOUT_REPORT = (
    "This report shows what was recorded in the app. It can show changes over time; "
    "it cannot show what caused them."
)
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
ATKINSON_PACKAGE = "fontpkg_atkinson_hyperlegible"
ATKINSON_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")

_BODY = 14  # points: large print for readers with poor eyesight
_SMALL = 12
_TITLE = 24
_HEADING = 18
_LINE = 7.5  # mm per line of body text
_CHART_H = 72.0  # mm
_ASCII = {"–": "-", "—": "-", "…": "...", "’": "'", "‘": "'", "“": '"', "”": '"', "≥": ">=", "≤": "<="}


@dataclass(frozen=True)
class ReportData:
    start: date
    end: date  # inclusive
    tz: tzinfo
    made_at: datetime
    checkins: list[CheckIn]  # up to `end`; earlier ones feed the 7-day average and the baseline
    sessions: list[SessionRecord]
    notes: list[DayNote]
    side_effects: list[SideEffect]
    pgic: list[PgicAnswer]
    mnsi: list[MnsiAnswers] = field(default_factory=list)  # up to `end`; the latest is shown
    profile: Profile | None = None  # the safety answers a doctor would want; None: not given
    first_use: date | None = None  # the first session or check-in: nothing is counted as missed before it
    spots: tuple[TenderSpot, ...] = ()  # the person's tender spots, to name them in "Points practised"
    foot_checks: FootCheckReport | None = None  # None: the daily foot check is off and none was done


def report_from_store(store, start: date, end: date, tz: tzinfo, made_at: datetime) -> bytes:
    """The report for [start, end] (local dates in `tz`) from the store.

    Reads the period (with the 6 days before it that its first 7-day averages need, and the
    last two weeks that the comparison with the start needs) and each symptom's baseline
    week; the first day of use comes from the per-month summaries, so a report of the last
    weeks costs the same after 20 years as after one month.
    """
    since = min(start - timedelta(days=ROLLING_DAYS - 1), end - timedelta(days=RECENT_DAYS - 1))
    recent = read_recent(store, tz, since, end)
    return build_report(
        ReportData(
            start=start,
            end=end,
            tz=tz,
            made_at=made_at,
            checkins=baseline_checkins(store, recent.history, tz, end, since) + recent.checkins,
            sessions=[s for s in recent.sessions if start <= s.practice_day(tz) <= end],
            notes=list_notes(store, start, end, tz),
            side_effects=list_side_effects(store, start, end, tz),
            pgic=list_pgic(store, start, end, tz),
            mnsi=[m for m in list_mnsi(store) if local_day(m.at, tz) <= end],
            profile=load_rules_profile(store) if has_profile(store) else None,  # what the safety rules use
            first_use=recent.history.first_day,
            spots=load_spots(store),
            foot_checks=foot_check_report(store, start, end, tz),
        )
    )


def zone_words(tz: tzinfo) -> str:
    """The person's time zone in words: "Europe/Berlin time", or "UTC" (never "Etc/UTC")."""
    name = str(getattr(tz, "key", "") or tz)
    if name in ("UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu", "UTC+00:00"):
        return "UTC"
    return f"{name.replace('_', ' ')} time"


def plural(count: int, word: str) -> str:
    """ "1 session", "2 sessions"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def safety_lines(profile: Profile | None) -> list[str]:
    """The answers that change what is pressed and how, in a doctor's words; unanswered said as such."""
    if profile is None:
        return ["The safety questions were not answered."]

    def said(value: bool | None, yes: str, no: str) -> str:
        return yes if value else no if value is False else f"{no.split(':')[0]}: not answered."

    wounds = ", ".join(f"{p.area.singular} ({p.side.value})" for p in sorted(
        profile.skin_problems, key=lambda p: (p.area.value, p.side.value)))
    return [
        said(profile.bleeding_risk, "Blood thinners or easy bruising or bleeding: yes (pressed lightly).",
             "Blood thinners or easy bruising or bleeding: no."),
        said(profile.pregnant_or_maybe, "Pregnant, or might be: yes (points not used in pregnancy left out).",
             "Pregnant, or might be: no."),
        f"Wounds or skin problems: {wounds} (points there left out)." if wounds else
        "Wounds or skin problems: none reported.",
        said(profile.foot_ulcer_or_charcot, "Foot ulcer now or before, or Charcot foot: yes.",
             "Foot ulcer now or before, or Charcot foot: no."),
        said(profile.reduced_feeling, "Finds it hard to feel how firmly they press: yes.",
             "Finds it hard to feel how firmly they press: no."),
        said(profile.numb_feet, "Numb feet, or cannot tell hot from cold with them: yes (shorter holds on the feet).",
             "Numb feet, or cannot tell hot from cold with them: no."),
        said(profile.poor_leg_circulation, "Poor blood flow to the legs: yes (lighter, shorter presses there).",
             "Poor blood flow to the legs: no."),
        _amputation_line(profile),
        _arm_line("Arm with a dialysis fistula", profile.fistula_arm),
        _arm_line("Arm at risk of lymphoedema", profile.lymphoedema_arm),
    ]


def _amputation_line(profile: Profile) -> str:
    if not profile.has_amputation:
        return ("Amputation: no." if profile.amputation is False else "Amputation: not answered.")
    where = ", ".join(f"{a.area.singular} ({a.side.value})" for a in sorted(
        profile.amputations, key=lambda a: (a.area.value, a.side.value)))
    return f"Amputation: yes, {where} (not pressed there)." if where else "Amputation: yes, place not given."


def _arm_line(what: str, arm: BodySide | None) -> str:
    """``arm`` None means none, or not answered: the profile keeps no difference between the two."""
    return f"{what}: none reported." if arm is None else f"{what}: {arm.value} (that arm is not pressed)."


def points_practised(sessions: list[SessionRecord], spots: Sequence[TenderSpot] = ()) -> list[tuple[str, str]]:
    """(point, how often) for every point pressed in the period, most practised first; a tender spot by
    the name the person gave it (``spots``), never its code."""
    counts: dict[str, set[str]] = {}
    for s in sessions:
        for step in s.steps:
            if step.pressed_seconds > 0:
                counts.setdefault(step.point_code, set()).add(s.id)
    ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [(step_title(code, spots) if is_spot_code(code) else code, plural(len(ids), "session"))
            for code, ids in ranked]


def _when(at: datetime, tz: tzinfo) -> str:
    local = at.astimezone(tz)
    return f"{local.day} {local:%b %Y, %H:%M}"


class _Report(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.clean: Callable[[str], str] = _setup_fonts(self)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(size=_SMALL)
        self.set_text_color(60)
        self.cell(0, 6, self.clean(f"{self.footer_text}   Page {self.page_no()} of {{nb}}"), align="C")
        self.set_text_color(0)


_extracted_fonts: dict[str, Path] = {}
_keep_extracted = ExitStack()  # font files taken out of a zip stay on disk until the app exits
atexit.register(_keep_extracted.close)


def _atkinson_files() -> tuple[Path, Path] | None:
    """Atkinson Hyperlegible's regular and bold files as real files, or None without the package.

    A phone build loads packages from a zip, where a path under the package's folder is no
    file fpdf can open: importlib.resources hands out the font itself, extracted once per
    process from a zip (and kept: fpdf reads the font again when it writes the PDF).
    """
    try:
        folder = files(ATKINSON_PACKAGE) / "files"
    except ImportError:
        return None
    regular, bold = (_real_file(folder / name) for name in ATKINSON_FILES)
    return regular, bold


def _real_file(resource: Traversable) -> Path:
    key = str(resource)
    if key not in _extracted_fonts:
        _extracted_fonts[key] = _keep_extracted.enter_context(as_file(resource))
    return _extracted_fonts[key]


def _setup_fonts(pdf: FPDF) -> Callable[[str], str]:
    """Atkinson Hyperlegible, else DejaVu Sans, else Helvetica; returns a text cleaner for the chosen font.

    The cleaner replaces characters no loaded font can draw (say an emoji in a
    note) by "?", so nothing silently vanishes from a report.
    """
    primary = _atkinson_files()
    dejavu = (DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf")
    has_dejavu = all(p.exists() for p in dejavu)
    families = [("body", primary)] if primary else []
    if has_dejavu:
        families.append(("dejavu" if primary else "body", dejavu))
    if not families:
        pdf.set_font("helvetica", size=_BODY)

        def to_latin1(text: str) -> str:
            text = "".join(_ASCII.get(ch, " " if ch.isspace() and ch != "\n" else ch) for ch in text)
            return text.encode("latin-1", "replace").decode("latin-1")

        return to_latin1
    codepoints: set[int] = set()
    for family, (regular, bold) in families:
        pdf.add_font(family, "", str(regular))
        pdf.add_font(family, "B", str(bold))
        codepoints |= set(pdf.fonts[family].cmap) & set(pdf.fonts[family + "B"].cmap)
    if len(families) > 1:
        pdf.set_fallback_fonts([families[1][0]])
    pdf.set_font("body", size=_BODY)
    return lambda text: "".join(
        ch if ord(ch) in codepoints or ch == "\n" else " " if ch.isspace() else "?" for ch in text
    )


def build_report(data: ReportData) -> bytes:
    if data.end < data.start:
        raise ValueError(f"the period ends ({data.end}) before it starts ({data.start})")
    period = f"{long_date(data.start)} to {long_date(data.end)}"
    pdf = _Report(f"{APP_NAME} report, {period}.")
    pdf.set_title(f"{APP_NAME} {REPORT_TITLE.lower()}, {period}")
    pdf.set_author(APP_NAME)
    pdf.set_creator(APP_NAME)
    pdf.set_lang("en")
    pdf.add_page()
    _intro(pdf, data, period)
    _practice(pdf, data)
    _points_and_safety(pdf, data)
    _symptoms(pdf, data)
    _before_after(pdf, data)
    _pgic(pdf, data)
    _mnsi(pdf, data)
    _foot_checks(pdf, data)
    _notes(pdf, data)
    return bytes(pdf.output())


# -- text helpers ---------------------------------------------------------------------------------


def _heading(pdf: _Report, text: str, keep_with: float = 30) -> None:
    """A section heading, moved to a new page when it would sit alone at the bottom."""
    if pdf.will_page_break(12 + keep_with):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(style="B", size=_HEADING)
    pdf.cell(0, 10, pdf.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(style="", size=_BODY)
    pdf.ln(1)


def _para(pdf: _Report, text: str, size: int = _BODY, bold: bool = False) -> None:
    pdf.set_font(style="B" if bold else "", size=size)
    pdf.multi_cell(0, _LINE * size / _BODY, pdf.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(style="", size=_BODY)


def _table(pdf: _Report, rows: list[tuple[str, ...]], widths: tuple[float, ...], align: str = "LEFT") -> None:
    """A bordered table whose first row is the heading, repeated on a new page."""
    pdf.set_font(size=_SMALL + 1)
    heading = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
    with pdf.table(
        col_widths=widths,
        text_align=align,
        line_height=6.5,
        padding=(1.5, 2),
        headings_style=heading,
        width=pdf.epw,
    ) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(pdf.clean(value))
    pdf.set_font(size=_BODY)
    pdf.ln(2)


def _number(value: float) -> str:
    return f"{value:.1f}"


def _signed(value: float) -> str:
    return "0.0" if abs(value) < 0.05 else f"{value:+.1f}".replace("-", "–")


# -- sections -------------------------------------------------------------------------------------


def _intro(pdf: _Report, data: ReportData, period: str) -> None:
    pdf.set_font(style="B", size=_TITLE)
    pdf.cell(0, 12, pdf.clean(APP_NAME), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(style="B", size=_HEADING)
    pdf.cell(0, 10, pdf.clean(REPORT_TITLE), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _para(pdf, f"{WHAT_THIS_IS} {ABOUT_REPORT}")
    pdf.ln(2)
    days = (data.end - data.start).days + 1
    _para(pdf, f"Period: {period} ({plural(days, 'day')})", bold=True)
    _para(pdf, f"Made on {long_date(data.made_at.astimezone(data.tz).date())}. "
               f"Times are local, {zone_words(data.tz)}.", _SMALL)


def _practice(pdf: _Report, data: ReportData) -> None:
    counted_from = max(data.start, data.first_use or data.start)
    calendar = adherence_calendar(data.sessions, data.tz, counted_from, data.end) if counted_from <= data.end else []
    done, planned = adherence_total(calendar)
    days_any = sum(1 for d in calendar if d.done)
    _heading(pdf, "Practice", keep_with=60)
    since = f", counted from the first day of use, {long_date(counted_from)}" if counted_from > data.start else ""
    _para(pdf, f"Sessions done: {done} of {planned} planned (a morning and an evening session each day{since}).")
    _para(pdf, f"Days with at least one session: {days_any} of {len(calendar)}.")
    pdf.ln(2)
    rows: list[tuple[str, ...]] = [("Week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Done")]
    for week in adherence_weeks(calendar):
        cells = [""] * 7
        for d in week.days:
            cells[d.day.weekday()] = f"{d.day.day}\n{'M' if d.morning else '–'} {'E' if d.evening else '–'}"
        rows.append((day_month(week.start), *cells, f"{week.done} of {week.planned}"))
    _table(pdf, rows, (17, 11, 11, 11, 11, 11, 11, 11, 17), align="CENTER")
    _para(pdf, "M = morning session done, E = evening session done, – = not done. Blank = outside the period.", _SMALL)


def _points_and_safety(pdf: _Report, data: ReportData) -> None:
    _heading(pdf, "Points practised")
    practised = points_practised(data.sessions, data.spots)
    if practised:
        _table(pdf, [("Point", "Pressed in")] + practised, (1, 1.6))
    else:
        _para(pdf, "No point was pressed in this period.")
    _heading(pdf, "Safety answers")
    for line in safety_lines(data.profile):
        _para(pdf, line)


def _symptoms(pdf: _Report, data: ReportData) -> None:
    daily = [c for c in data.checkins if c.context is Context.DAILY]  # session ratings have their own section
    all_series = {s: symptom_series(daily, s, data.tz, data.start, data.end) for s in SYMPTOMS}
    shown = [s for s, series in all_series.items() if any(d.value is not None for d in series)]
    _heading(pdf, "Symptoms", keep_with=_CHART_H + 20 if shown else 20)
    if not shown:
        _para(pdf, "No daily symptom scores were recorded in this period.")
        return
    _para(
        pdf,
        f"Scores run from 0 ({SCORE_WORDS[0]}) to 10 ({SCORE_WORDS[10]}). Dots are daily scores (the mean "
        "when there were several); the line is the average of the last 7 days.",
    )
    for symptom in shown:
        series = all_series[symptom]
        comparison = compare_with_baseline(daily, symptom, data.tz, data.end)
        if pdf.will_page_break(_CHART_H + 36):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(style="B", size=_BODY + 2)
        pdf.cell(0, 8, pdf.clean(LABELS[symptom]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        _legend(pdf)
        chart_top = pdf.get_y()
        _chart(pdf, series, pdf.l_margin, chart_top, pdf.epw, _CHART_H)
        pdf.set_y(chart_top + _CHART_H + 2)
        _para(pdf, comparison.summary, _SMALL + 1)


def _legend(pdf: _Report) -> None:
    y = pdf.get_y() - 4
    x = pdf.l_margin + pdf.epw - 92
    pdf.set_font(size=_SMALL)
    pdf.set_draw_color(0)
    pdf.set_line_width(0.35)
    pdf.set_fill_color(255)
    pdf.circle(x + 2, y, 1.3, style="DF")
    pdf.set_xy(x + 5, y - 3)
    pdf.cell(30, 6, pdf.clean("Daily score"))
    pdf.set_line_width(1.0)
    pdf.line(x + 40, y, x + 50, y)
    pdf.set_xy(x + 52, y - 3)
    pdf.cell(40, 6, pdf.clean("7-day average"))
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, y + 5)


def _ticks(days: list[date]) -> list[tuple[int, str]]:
    """Date labels under a chart: every day for a week, weekly for two months, else monthly (at most 7)."""
    if len(days) <= 8:
        return [(i, day_month(d)) for i, d in enumerate(days)]
    if len(days) <= 62:
        return [(i, day_month(days[i])) for i in range(0, len(days), 7)]
    firsts = [i for i, d in enumerate(days) if d.day == 1]
    return [(i, f"{days[i]:%b %Y}") for i in firsts[:: math.ceil(len(firsts) / 7)]]


def _chart(pdf: _Report, series: list[DayValue], x: float, y: float, w: float, h: float) -> None:
    left, right, top, bottom = x + 10, x + w - 2, y + 2, y + h - 9
    n = len(series)
    step = (right - left) / n

    def px(i: int) -> float:
        return left + step * (i + 0.5)

    def py(v: float) -> float:
        return bottom - (bottom - top) * v / 10

    pdf.set_font(size=_SMALL - 1)
    for v in range(0, 11, 2):
        pdf.set_draw_color(0 if v == 0 else 190)
        pdf.set_line_width(0.3 if v == 0 else 0.2)
        pdf.line(left, py(v), right, py(v))
        pdf.set_xy(x, py(v) - 2.5)
        pdf.cell(8, 5, str(v), align="R")
    pdf.set_draw_color(0)
    pdf.set_line_width(0.3)
    pdf.line(left, top, left, bottom)
    for i, text in _ticks([d.day for d in series]):
        pdf.line(px(i), bottom, px(i), bottom + 1.5)
        label = pdf.clean(text)
        width = pdf.get_string_width(label) + 1
        pdf.set_xy(min(max(px(i) - width / 2, x), right - width), bottom + 2)
        pdf.cell(width, 5, label, align="C")
    pdf.set_line_width(1.0)
    run: list[tuple[float, float]] = []
    for i, day in enumerate([*series, None]):
        if day is not None and day.average is not None:
            run.append((px(i), py(day.average)))
            continue
        if len(run) > 1:
            pdf.polyline(run)
        elif run:
            pdf.line(run[0][0] - step / 3, run[0][1], run[0][0] + step / 3, run[0][1])
        run = []
    pdf.set_line_width(0.35)
    pdf.set_fill_color(255)
    radius = max(0.6, min(1.3, step / 3))
    for i, day in enumerate(series):
        if day.value is not None:
            pdf.circle(px(i), py(day.value), radius, style="DF")
    pdf.set_line_width(0.2)
    pdf.set_font(size=_BODY)


def _before_after(pdf: _Report, data: ReportData) -> None:
    in_period = [c for c in data.checkins if data.start <= local_day(c.at, data.tz) <= data.end]
    results = [r for r in (before_after(in_period, s) for s in SYMPTOMS) if r.pairs]
    _heading(pdf, "Just before and just after a session")
    if not results:
        _para(pdf, "No session in this period has a rating both before and after it.")
        return
    rows = [("Symptom", "Sessions", "Before", "After", "Change")]
    rows += [
        (LABELS[r.symptom], str(r.pairs), _number(r.mean_before), _number(r.mean_after), _signed(r.mean_change))
        for r in results
    ]
    _table(pdf, rows, (3, 1.4, 1.2, 1.2, 1.2))
    _para(
        pdf,
        "Averages on the 0 to 10 scale. Change is after minus before: a minus sign means lower just after the "
        "session. This is a short-term change only.",
        _SMALL,
    )


def _pgic(pdf: _Report, data: ReportData) -> None:
    _heading(pdf, "Overall change, in your own words")
    _para(pdf, f"Weekly question: {PGIC_QUESTION}", _SMALL + 1)
    pdf.ln(1)
    if not data.pgic:
        _para(pdf, "Not answered in this period.")
        return
    _table(pdf, [("Date", "Answer")] + [(_when(a.at, data.tz), a.label) for a in data.pgic], (1, 1.6))


def _mnsi(pdf: _Report, data: ReportData) -> None:
    """The latest screening questionnaire, said to be screening only: its score must not be read as change."""
    if not data.mnsi:
        return
    latest = data.mnsi[-1]
    _heading(pdf, MNSI_TITLE, keep_with=60)
    _para(pdf, f"Answered on {_when(latest.at, data.tz)}. {latest.result.summary}")
    pdf.ln(1)
    rows = [("Question", "Answer")]
    rows += [(f"{i.number}. {i.text}", "Yes" if latest.answers.get(i.number) else "No")
             for i in MNSI_ITEMS if i.number in latest.answers]
    _table(pdf, rows, (5, 1))


def _entries(pdf: _Report, entries: list[tuple[str, str]]) -> None:
    """Dated free text as a bold line and full-width text: any length flows on to the next page."""
    for title, text in entries:
        if pdf.will_page_break(2 * _LINE):
            pdf.add_page()
        _para(pdf, title, _SMALL + 1, bold=True)
        if text.strip():
            _para(pdf, text)
        pdf.ln(2)


def _foot_checks(pdf: _Report, data: ReportData) -> None:
    if data.foot_checks is None:
        return
    _heading(pdf, "Daily foot checks")
    _para(pdf, data.foot_checks.summary)
    if data.foot_checks.found:
        _entries(pdf, list(data.foot_checks.found))
    else:
        _para(pdf, data.foot_checks.nothing_found)


def _notes(pdf: _Report, data: ReportData) -> None:
    _heading(pdf, "Notes")
    if data.notes:
        _entries(pdf, [(_when(n.at, data.tz), n.text) for n in data.notes])
    else:
        _para(pdf, "No notes in this period.")
    _heading(pdf, "Side effects")
    if data.side_effects:
        _entries(pdf, [(f"{_when(e.at, data.tz)}: {e.label}", e.note) for e in data.side_effects])
    else:
        _para(pdf, "No side effects were logged in this period.")
