"""Kill a saving process with SIGKILL at random instants: nothing saved before may be lost or broken.

Why a real child process: only a real kill stops the code between any two
system calls, which is what a crashing app or an OS killing it in the
background does.  (A power cut also drops what was not fsynced; the order of
fsyncs is checked in test_store.py.)
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from data.storage.store import PARTITION_KEY, SCHEMA_VERSION, Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 80
SEED = int(os.environ.get("STORE_CRASH_SEED", "20260"))

SAVER = """
import sys
from datetime import datetime, timedelta, timezone
sys.path.insert(0, sys.argv[1])
from data.storage.store import open_store

store = open_store(sys.argv[2])
prefix, month = sys.argv[3], int(sys.argv[4])
when = datetime(2024, month, 28, 23, 59, tzinfo=timezone(timedelta(hours=-7)))
steps = [{"point_code": f"P{n}", "side": "left", "planned_seconds": 60, "pressed_seconds": 60, "completed": True}
         for n in range(10)]
print("saving", flush=True)
i = 0
while True:
    i += 1
    store.append("sessions", {"id": f"{prefix}-{i:06d}", "steps": steps}, when)
    print(f"A {prefix}-{i:06d}", flush=True)
    store.put_doc("counter", {"prefix": prefix, "n": i})
    print(f"D {i}", flush=True)
"""

SWAPPER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from data.storage.store import open_store

store = open_store(sys.argv[2])
a, b = json.loads(sys.argv[3]), json.loads(sys.argv[4])
print("saving", flush=True)
while True:
    store.replace_all(a)
    store.replace_all(b)
"""


def run_and_kill(script: str, args: list[str], delay: float) -> list[str]:
    """Start ``script``, wait until it says it is saving, SIGKILL it ``delay`` s later; return its lines."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(ROOT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first == "saving\n", f"child failed to start: {first!r} {child.stderr.read() if child.stderr else ''}"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, err
    return [line for line in out.splitlines(keepends=True) if line.endswith("\n")]


def pace(work, nominal_s: float) -> float:
    """How much slower than ``nominal_s`` this machine does ``work`` now (at least 1).

    The kill delays are stretched by it, so on a busy machine the kills still land in the
    middle of a stream of saves instead of always during the first one.
    """
    took = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        took.append(time.perf_counter() - started)
    return max(1.0, sorted(took)[1] / nominal_s)


def assert_every_json_file_parses(directory: Path) -> None:
    for path in directory.rglob("*.json"):
        json.loads(path.read_bytes())
    assert not list(directory.rglob("*.tmp")), "opening the store should have removed temp files"


def test_killed_saver_never_loses_or_breaks_saved_data(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    rng = random.Random(SEED)
    printed: set[str] = set()
    scratch = Store(tmp_path_factory.mktemp("scratch"))
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    slower = pace(lambda: (scratch.append("sessions", {"id": str(time.perf_counter_ns())}, when),
                           scratch.put_doc("counter", {"n": 1})), 0.02)
    for round_no in range(ROUNDS):
        prefix = f"r{round_no:03d}"
        delay = rng.uniform(0.005, 0.08) * slower
        lines = run_and_kill(SAVER, [str(tmp_path), prefix, str(1 + round_no % 4)], delay)
        saved_ids = [line.split()[1] for line in lines if line.startswith("A ")]
        counters = [int(line.split()[1]) for line in lines if line.startswith("D ")]
        printed.update(saved_ids)

        context = f"round {round_no}, seed {SEED}, killed after {delay * 1000:.0f} ms"
        store = Store(tmp_path)  # must open, like the app's next start
        assert_every_json_file_parses(tmp_path)
        assert store.quarantined() == [], f"a kill left a damaged file, {context}"
        ids = [r["id"] for r in store.records("sessions")]
        assert len(ids) == len(set(ids)), f"duplicate records, {context}"
        assert printed <= set(ids), f"lost {sorted(printed - set(ids))[:5]}, {context}"
        assert all(i.split("-")[0] <= prefix for i in ids)
        if counters:
            doc = store.get_doc("counter")
            assert doc is not None and doc["prefix"] == prefix and doc["n"] >= counters[-1], context
    assert len(printed) > ROUNDS  # the kills did land in the middle of a stream of saves


def dataset(tag: str, months: int) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "docs": {"settings": {"tag": tag}, f"doc_{tag}": {"n": months}},
        "collections": {
            "sessions": [
                {"id": f"{tag}{m}-{k}", "k": k, PARTITION_KEY: f"20{10 + m // 12:02d}-{1 + m % 12:02d}"}
                for m in range(months)
                for k in range(3)
            ],
            f"only_{tag}": [{"id": tag, PARTITION_KEY: "2020-01"}],
        },
    }


def test_killed_replace_all_leaves_old_or_new_data_never_a_mix(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    a, b = dataset("a", 14), dataset("b", 9)
    store = Store(tmp_path)
    slower = pace(lambda: (store.replace_all(b), store.replace_all(a)), 0.05)
    seen = set()
    for round_no in range(24):
        delay = rng.uniform(0.005, 0.08) * slower
        run_and_kill(SWAPPER, [str(tmp_path), json.dumps(a), json.dumps(b)], delay)
        reopened = Store(tmp_path)
        state = reopened.export_all()
        assert_every_json_file_parses(tmp_path)
        assert reopened.quarantined() == [], f"a kill left a damaged file, round {round_no}"
        assert state in (a, b), f"mixed state, round {round_no}, seed {SEED}"
        assert len(list(tmp_path.glob("gen-*"))) == 1
        seen.add(state["docs"]["settings"]["tag"])
    assert seen == {"a", "b"}
