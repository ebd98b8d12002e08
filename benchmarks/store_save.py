"""Does a save cost the same with 20 years of history as with one month?  Measure it.

Builds stores holding 1 month, 1 year and 20 years of realistic history
(2 practice sessions of 10 step results and 1 check-in per day), then times
single appends into the current month, beside SQLite inserting the same JSON
record with one commit each (default journal, synchronous=FULL) into a table
of the same size, in the same run and on the same disk.

    cd /work/main && .venv/bin/python -m benchmarks.store_save [--n 50] [--dir PATH]
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from data.storage.store import PARTITION_KEY, SCHEMA_VERSION, Store

SIZES = {"1 month": 30, "1 year": 365, "20 years": 20 * 365 + 5}


def session(record_id: str, started: datetime) -> dict:
    """Shaped like data.models.SessionRecord.to_dict() for a 5-point bilateral routine."""
    steps = [
        {"point_code": f"P{n // 2}", "side": ("left", "right")[n % 2], "planned_seconds": 60,
         "pressed_seconds": 60 - n, "completed": n != 7}
        for n in range(10)
    ]
    ended = started + timedelta(minutes=11)
    return {"id": record_id, "slot": "morning" if started.hour < 12 else "evening",
            "started_at": started.isoformat(), "ended_at": ended.isoformat(), "steps": steps, "finished": True}


def checkin(record_id: str, day: date) -> dict:
    return {"id": record_id, "date": day.isoformat(), "numbness": 4, "tingling": 3, "burning": 1, "pain": 2,
            "sleep": 3, "note": "slept badly, feet cold in the evening"}


def history(days: int, today: datetime) -> dict:
    """``export_all``-shaped data for ``days`` days ending yesterday."""
    sessions, checkins = [], []
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        month = f"{day.year:04d}-{day.month:02d}"
        for hour in (8, 20):
            started = day.replace(hour=hour, minute=5, second=0, microsecond=0)
            sessions.append({**session(f"s-{started:%Y%m%d%H}", started), PARTITION_KEY: month})
        checkins.append({**checkin(f"c-{day:%Y%m%d}", day.date()), PARTITION_KEY: month})
    return {"schema_version": SCHEMA_VERSION, "docs": {"settings": {"reminders": ["08:00", "20:00"]}},
            "collections": {"sessions": sessions, "checkins": checkins}}


def time_store(directory: Path, data: dict, n: int, now: datetime) -> tuple[list[float], float]:
    store = Store(directory)
    start = time.perf_counter()
    store.replace_all(data)
    build = time.perf_counter() - start
    timings = []
    for i in range(n):
        record = session(f"bench-{i:04d}", now)
        start = time.perf_counter()
        store.append("sessions", record, now)
        timings.append(time.perf_counter() - start)
    return timings, build


def time_sqlite(path: Path, data: dict, n: int, now: datetime) -> list[float]:
    db = sqlite3.connect(path, isolation_level="DEFERRED")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE records (collection TEXT, month TEXT, id TEXT, body TEXT, "
               "PRIMARY KEY (collection, month, id))")
    with db:
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", (
            (name, record[PARTITION_KEY], record["id"], json.dumps(record))
            for name, records in data["collections"].items() for record in records))
    timings = []
    month = f"{now.year:04d}-{now.month:02d}"
    for i in range(n):
        body = json.dumps(session(f"bench-{i:04d}", now))
        start = time.perf_counter()
        db.execute("INSERT INTO records VALUES (?, ?, ?, ?)", ("sessions", month, f"bench-{i:04d}", body))
        db.commit()
        timings.append(time.perf_counter() - start)
    db.close()
    return timings


def time_reads(directory: Path, now: datetime) -> tuple[float, float]:
    """Reading all sessions with a cold handle, then again from its cache.

    Past months are backdated first, as they would be in real use: the store
    does not cache files written in the last few seconds.
    """
    current = f"{now.year:04d}-{now.month:02d}.json"
    day_ago = (now.timestamp() - 86400,) * 2
    for path in directory.rglob("*.json"):
        if path.name != current:
            os.utime(path, day_ago)
    store = Store(directory)
    start = time.perf_counter()
    store.records("sessions")
    cold = time.perf_counter() - start
    start = time.perf_counter()
    store.records("sessions")
    return cold, time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="appends timed per size")
    parser.add_argument("--dir", type=Path, default=None, help="where to build the stores (default: temp dir)")
    args = parser.parse_args()
    now = datetime.now().astimezone()
    print(f"{args.n} single saves into the current month; times in ms\n")
    print(f"{'history':>9} {'records':>8} | {'store p50':>9} {'p90':>8} | {'sqlite p50':>10} {'p90':>8} | "
          f"{'ratio p50':>9} | {'build s':>7} | {'read sessions cold':>18} {'warm':>8}")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for label, days in SIZES.items():
            data = history(days, now)
            size = sum(len(records) for records in data["collections"].values())
            folder = Path(tmp) / label.replace(" ", "_")
            store_times, build = time_store(folder / "store", data, args.n, now)
            sqlite_times = time_sqlite(folder / "sqlite.db", data, args.n, now)
            cold, warm = time_reads(folder / "store", now)
            p50, p90 = statistics.median(store_times), statistics.quantiles(store_times, n=10)[-1]
            q50, q90 = statistics.median(sqlite_times), statistics.quantiles(sqlite_times, n=10)[-1]
            print(f"{label:>9} {size:>8} | {ms(p50):>9} {ms(p90)} | {ms(q50):>10} {ms(q90)} | "
                  f"{p50 / q50:>9.2f} | {build:>7.2f} | {ms(cold):>18} {ms(warm)}")


if __name__ == "__main__":
    main()
