"""Running a coroutine from a plain test, whatever else the pytest session runs."""
from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any


def run_async(coro: Coroutine[Any, Any, Any]) -> Any:
    """asyncio.run in a thread of its own: when the end-to-end tests ran earlier in the same session,
    Playwright's event loop is running in this thread and asyncio.run would refuse."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
