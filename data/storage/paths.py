"""Where the app keeps its data: the platform's app-data location, never the source tree."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "PressPoint"


def default_data_dir() -> Path:
    """Flet's app storage on a phone (FLET_APP_STORAGE_DATA), the user data directory elsewhere."""
    flet_storage = os.environ.get("FLET_APP_STORAGE_DATA")
    if flet_storage:
        return Path(flet_storage)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
