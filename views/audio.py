"""Plays the session's sound clips with flet-audio, and plays nothing where the client lacks it.

Why an adapter: flet-audio is a Dart extension.  Flet's stock web and desktop
clients include it and `flet build` bundles it as a dependency, but a client
built without it never answers a call, and a phone may refuse a file.  Sound is
a help, never a condition: every call here has a time limit, a clip that does
not load is skipped, and after a call goes unanswered the rest of the visit is
silent, so the visual pulse, the vibration and the screen-reader words remain.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Any

from data.routine.cues import TONE_SECONDS_MAX, TONES, Clip
from data.routine.sound_settings import SoundSettings

log = logging.getLogger(__name__)

LOAD_SECONDS = 3.0  # a local asset loads in well under a second; longer means it is missing
CALL_SECONDS = 2.0  # an answer to play(); none at all means the client has no flet-audio


def _flet_audio_factory() -> Callable[..., Any] | None:
    """flet-audio's `Audio` service, or None when the package is not installed."""
    try:
        from flet_audio import Audio, ReleaseMode
    except ImportError:
        return None

    def make(**kwargs: Any) -> Any:
        # STOP keeps a played clip buffered: the same tone plays again at once.
        return Audio(release_mode=ReleaseMode.STOP, **kwargs)

    return make


class _Loaded:
    """One registered Audio service and the events the player waits for."""

    def __init__(self, make: Callable[..., Any], clip: Clip, volume: float) -> None:
        self.ready = asyncio.Event()
        self.ended = asyncio.Event()
        self.audio = make(src=clip.src, volume=volume, on_loaded=self._loaded, on_state_change=self._state)

    async def _loaded(self, e: Any) -> None:
        self.ready.set()

    async def _state(self, e: Any) -> None:
        if getattr(e.state, "value", e.state) == "completed":
            self.ended.set()


class CueSound:
    """Plays the clips of one cue after another, for one visit of the session screen.

    Make it inside the screen's effect (flet-audio's services register with the
    page being built).  `play` returns at once; a newer cue replaces the clips
    of an older one that have not started yet.
    """

    def __init__(self, settings: SoundSettings, make_audio: Callable[..., Any] | None = None) -> None:
        self.settings = settings
        self._make = make_audio if make_audio is not None else _flet_audio_factory()
        self._loaded: dict[str, _Loaded] = {}
        self._task: asyncio.Task | None = None
        if settings.tones:
            for clip in TONES.values():  # the tones are short and come often: load them now
                self._get(clip)

    @property
    def working(self) -> bool:
        return self._make is not None and not self.settings.silent

    def play(self, clips: Sequence[Clip]) -> None:
        if not self.working or not clips:
            return
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.create_task(self._play(tuple(clips)))

    def close(self) -> None:
        """Stop waiting and let go of every player (the page drops unreferenced services)."""
        if self._task is not None:
            self._task.cancel()
        self._loaded.clear()
        self._make = None

    def _get(self, clip: Clip) -> _Loaded | None:
        if clip.src not in self._loaded:
            try:
                self._loaded[clip.src] = _Loaded(self._make, clip, self.settings.volume)
            except Exception:  # noqa: BLE001 - no page to register with, or the plugin refused
                log.info("no audio player here; sessions stay silent", exc_info=True)
                self._make = None
                return None
        return self._loaded[clip.src]

    async def _play(self, clips: tuple[Clip, ...]) -> None:
        for n, clip in enumerate(clips):
            player = self._get(clip) if self._make is not None else None
            if player is None:
                return
            try:
                await asyncio.wait_for(player.ready.wait(), LOAD_SECONDS)
            except TimeoutError:
                log.info("sound clip %s did not load; skipped", clip.src)
                continue
            player.ended.clear()
            try:
                await asyncio.wait_for(player.audio.play(), CALL_SECONDS)
            except Exception:  # noqa: BLE001 - TimeoutError (no flet-audio), RuntimeError from the client
                log.info("sound did not play; the rest of this session is silent", exc_info=True)
                self._make = None
                return
            if n + 1 < len(clips):  # the words wait for the tone to end (or its longest length)
                try:
                    await asyncio.wait_for(player.ended.wait(), TONE_SECONDS_MAX + 0.5)
                except TimeoutError:
                    pass
