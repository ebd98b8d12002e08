"""The layout's rules hold: the import contracts in pyproject.toml (import-linter) are all kept.

Views sit above the reminder scheduler, which sits above the core; the core's rooms
import only downwards; no module imports in a circle; the core and the scheduler
never import Flet or a notification plugin. Breaking any of them fails here, with
import-linter's report of the offending import.
"""
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report and "4 kept" in report
