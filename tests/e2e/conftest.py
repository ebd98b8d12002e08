"""Serve the real app (`main.py --web`) on 127.0.0.1 with a temporary data folder, drive it in Chromium.

Taps go through Flutter's accessibility tree: buttons are found by their accessible
names, as a screen reader would find them. No request may leave 127.0.0.1 in any test: the
`phone` fixture fails a test after which one did (the app promises "nothing sent anywhere").
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """A running app server and the data folder it uses."""

    def __init__(self, data_dir: Path, args: tuple[str, ...] = ()) -> None:
        self.data_dir = data_dir
        self.args = args  # extra main.py options, e.g. ("--clock-offset", "-3600")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = data_dir.parent / "server.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--web", "--no-browser", "--port", str(self.port),
             "--data-dir", str(self.data_dir), *self.args],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("app exited:\n" + self.log.read_text())
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("app did not start:\n" + self.log.read_text())

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def app_server(data_dir) -> Callable[[], App]:
    """Call it (after preparing the data folder, if needed) to start the app; arguments go to main.py."""
    apps: list[App] = []

    def start(*args: str) -> App:
        app = App(data_dir, args)
        apps.append(app)
        app.start()
        return app

    yield start
    for app in apps:
        app.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Phone:
    """A phone-sized page with the accessibility tree switched on."""

    def __init__(self, page) -> None:
        self.page = page
        self.asked: list[str] = []  # every request for another host, sent or not
        self.blocked: list[str] = []  # those the page's Content-Security-Policy stopped in the browser
        page.on("request", lambda r: None if r.url.startswith(LOCAL) else self.asked.append(r.url))
        page.on("requestfailed", lambda r: self.blocked.append(r.url) if r.failure == "csp" else None)

    @property
    def outside(self) -> list[str]:
        """Requests that left the browser for another host than 127.0.0.1: must stay empty.

        Flet's web client asks a CDN for rive_native.js at every load; assets/index.html's
        Content-Security-Policy blocks it before it is sent, so it is not counted here.
        """
        return list((Counter(self.asked) - Counter(self.blocked)).elements())

    def open(self, url: str, expect: str = "Today") -> None:
        """Load the app at `url` and wait until `expect` is on screen."""
        self.page.goto(url)
        self.page.wait_for_selector("flt-semantics-placeholder, flt-semantics-host", state="attached",
                                    timeout=60_000)
        self.page.evaluate("() => document.querySelector('flt-semantics-placeholder')?.click()")
        self.wait_text(expect)

    def names(self) -> list[str]:
        """Accessible names on screen: a label, or a node's own text (not its children's); headings too."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll(
                 'flt-semantics, flt-semantics-host :is(h1, h2, h3, h4, h5, h6)')].map(e => {
                 let name = e.getAttribute('aria-label') || '';
                 if (!name) for (const n of e.childNodes)
                   if (n.nodeType === 3 || n.tagName === 'SPAN') name += n.textContent;
                 return name.trim();
               }).filter(Boolean)"""
        )

    def node(self, name: str, role: str | None = None):
        sel = f"flt-semantics[role='{role}']" if role else "flt-semantics"
        by_label = self.page.locator(f"{sel}[aria-label*='{name}']")
        return by_label if by_label.count() else self.page.locator(sel).filter(has_text=name)

    def wait_text(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in n for n in self.names()):
                return
            self.page.wait_for_timeout(200)
        raise AssertionError(f"{text!r} not on screen; accessible names: {self.names()}")

    def scroll_to(self, text: str, down: bool = True, steps: int = 30) -> set[str]:
        """Scroll (as a finger would, a third of a screen at a time) until `text` is on screen, and say
        every name passed on the way: a long screen built lazily (Progress) has only what is near the
        screen in its accessibility tree."""
        viewport = self.page.viewport_size
        self.page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
        seen: set[str] = set()
        for _ in range(steps):
            names = self.names()
            seen.update(names)
            if any(text in n for n in names):
                return seen
            self.page.mouse.wheel(0, (1 if down else -1) * viewport["height"] / 3)
            self.page.wait_for_timeout(300)
        self.wait_text(text, timeout=2)
        return seen | set(self.names())

    def type_into(self, label: str, words: str) -> None:
        """Type into the text box named `label`, as a keyboard would."""
        self.page.locator(f":is(textarea, input)[aria-label*='{label}']").first.click()
        self.page.wait_for_timeout(300)
        self.page.keyboard.type(words, delay=30)
        self.page.wait_for_timeout(800)

    def tap(self, name: str) -> None:
        """Tap the button whose accessible name contains `name`."""
        self.wait_text(name)
        node = self.node(name, "button")
        if not node.count():
            node = self.node(name)
        node.first.dispatch_event("click")
        self.page.wait_for_timeout(300)

    def shot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))


@pytest.fixture
def phone(browser) -> Iterator[Phone]:
    ctx = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    phone = Phone(page)
    yield phone
    ctx.close()
    assert not phone.outside, f"requests left 127.0.0.1: {phone.outside}"


#: A browser page whose script stops answering blocks Playwright's evaluate() for ever (seen once
#: in CI): past this, the test fails (and is retried once) instead of hanging the run.
E2E_TIMEOUT_SECONDS = 420


def pytest_collection_modifyitems(items) -> None:
    """One retry for end-to-end tests only: a headless browser on a busy 2-core machine can miss a
    frame. A rerun is reported in pytest's summary ("rerun"), so a real flake stays visible."""
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pytest.mark.flaky(reruns=1))
            item.add_marker(pytest.mark.timeout(E2E_TIMEOUT_SECONDS, method="signal"))
