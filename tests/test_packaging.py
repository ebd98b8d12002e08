"""The store build, checked without Flutter: pyproject.toml as `flet build` (flet-cli 1.0) reads it.

No phone build runs on the development machines (no Flutter SDK), so these tests put flet-cli's
own code to work on our settings: its pyproject reader and template data (what the build template
renders: permissions, ProGuard rules, bundle id, splash), its icon lookup and renderer, its
exclusion rules, and the dependency markers as pip evaluates them under serious_python (which fakes
platform.system() but not sys.platform). Also: the PDF font loads from a zip (how phones load
packages), assets/index.html is Flet's page plus our Content-Security-Policy, and
tools/build_phone.py patches a sample Android project as documented.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import flet_web
import pytest
from flet_cli.commands.build import Command as FletBuild
from flet_cli.utils.app_excludes import find_default_excludes
from flet_cli.utils.project_dependencies import get_project_dependencies
from flet_cli.utils.pyproject_toml import load_pyproject_toml
from flet_cli.utils.python_versions import PythonRelease
from flet_platform_assets import IconOptions, load_source, parse_hex_color, render_icons
from packaging.markers import default_environment
from packaging.requirements import Requirement

from tests.loop import run_async
from tools import build_phone

ROOT = Path(__file__).resolve().parents[1]
APP = {"main.py", "data", "scheduler", "views", "assets"}
CSP_LINE = re.compile(r'^\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">\n', re.MULTILINE)


@pytest.fixture(scope="module")
def get_pyproject() -> Callable:
    return load_pyproject_toml(ROOT)


def flet_build(target: str) -> FletBuild:
    """flet-cli's build command for `target`, set up as far as its template data (no Flutter, no network)."""
    parser = argparse.ArgumentParser()
    build = FletBuild(parser)
    build.options = parser.parse_args([target, str(ROOT)])
    build.target_platform = target
    build.package_platform = build.platforms[target]["package_platform"]
    build.config_platform = build.platforms[target]["config_platform"]
    build.python_app_path = build.package_app_path = ROOT
    build.flutter_dir = ROOT / "build" / "flutter"
    build.get_pyproject = load_pyproject_toml(ROOT)
    build.python_release = PythonRelease("3.12", "", "0.29.0", ("arm64-v8a",), False)  # its manifest is online
    build.validate_entry_point()
    build.setup_template_data()
    return build


@pytest.fixture(scope="module")
def android() -> FletBuild:
    return flet_build("aab")


# --- 1. desktop-notifier stays off phones ------------------------------------------------------

def environment(sys_platform: str, platform_system: str) -> dict[str, str]:
    return {**default_environment(), "sys_platform": sys_platform, "platform_system": platform_system}


def requirements(get_pyproject) -> dict[str, Requirement]:
    """The requirement lines serious_python hands to pip, as flet-cli writes them."""
    lines = get_project_dependencies(get_pyproject("project.dependencies"))
    return {(r := Requirement(line)).name: r for line in lines}


@pytest.mark.parametrize("build_host", ["linux", "darwin", "win32"])
@pytest.mark.parametrize("phone", ["Android", "iOS", "Emscripten"])
def test_phone_and_web_builds_leave_desktop_notifier_out_whatever_the_build_computer(get_pyproject, build_host, phone):
    env = environment(build_host, phone)  # serious_python fakes platform.system(), not sys.platform
    wanted = {name for name, r in requirements(get_pyproject).items() if r.marker is None or r.marker.evaluate(env)}
    assert not {"desktop-notifier", "flet-web"} & wanted
    assert {"flet", "flet-notifications", "fpdf2", "fontpkg-atkinson-hyperlegible", "tzdata"} <= wanted


@pytest.mark.parametrize(("sys_platform", "system"), [("linux", "Linux"), ("darwin", "Darwin"), ("win32", "Windows")])
def test_computers_get_desktop_notifier_and_the_browser_client(get_pyproject, sys_platform, system):
    for name in ("desktop-notifier", "flet-web"):
        marker = requirements(get_pyproject)[name].marker
        assert marker is not None and marker.evaluate(environment(sys_platform, system))


def test_only_the_desktop_packages_depend_on_the_platform(get_pyproject):
    assert [name for name, r in requirements(get_pyproject).items() if r.marker] == ["desktop-notifier", "flet-web"]


def test_the_app_starts_without_desktop_notifier_and_never_imports_it_at_start():
    code = ("import sys, asyncio; sys.modules['desktop_notifier'] = None\n"  # importing it now fails
            "import main, views.app\n"
            "from views.notifiers import DesktopNotifierNotices\n"
            "assert asyncio.run(DesktopNotifierNotices().available()) is False\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_without_desktop_notifier_there_are_no_desktop_notifications(monkeypatch):
    from views.notifiers import DesktopNotifierNotices

    monkeypatch.setitem(sys.modules, "desktop_notifier", None)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nowhere")  # a desktop session, but no package
    assert run_async(DesktopNotifierNotices().available()) is False


# --- 2. and 5. what the Android and iOS templates receive ---------------------------------------

def test_permissions_are_the_notification_ones(android):
    permissions = android.template_data["options"]["android_permissions"]
    assert {p for p, on in permissions.items() if on} == {
        "android.permission.INTERNET",  # flet-cli's own: the app talks to its Python half over a socket
        "android.permission.POST_NOTIFICATIONS", "android.permission.SCHEDULE_EXACT_ALARM",
        "android.permission.RECEIVE_BOOT_COMPLETED", "android.permission.VIBRATE",
    }
    assert "android.permission.USE_EXACT_ALARM" not in permissions  # Google Play keeps it for alarm clocks


def test_gson_keep_rules_follow_flet_clis_own(android):
    rules = android.template_data["options"]["android_proguard_rules"]
    assert rules[:2] == ["-keep class com.flet.serious_python_android.** { *; }", "-keepnames class * { *; }"]
    for rule in ("-keepattributes Signature",
                 "-keep,allowobfuscation,allowshrinking class com.google.gson.reflect.TypeToken",
                 "-keep,allowobfuscation,allowshrinking class * extends com.google.gson.reflect.TypeToken",
                 "-keep class com.dexterous.** { *; }"):
        assert rule in rules
    assert all(r.startswith(("-keep", "-dontwarn")) for r in rules)


def test_no_cloud_backup_of_the_health_data(android):
    attributes = android.template_data["pyproject"]["tool"]["flet"]["android"]["manifest_application"]
    # The template writes `android:{{ k }}="{{ v }}"`: strings, so a TOML false cannot become "False".
    assert attributes == {"allowBackup": "false", "fullBackupContent": "false"}


def test_store_identity_and_minimum_android(android, get_pyproject):
    data = android.template_data
    assert data["bundle_id"] == "org.presspoint.presspoint" == flet_build("ipa").template_data["bundle_id"]
    assert data["product_name"] == "PressPoint"
    assert get_pyproject("tool.flet.android.min_sdk_version") >= 24  # flutter_local_notifications 22


def test_build_number_is_a_positive_whole_number_given_to_flutter(android, get_pyproject):
    number = get_pyproject("tool.flet.build_number")
    assert isinstance(number, int) and number >= 1
    android.build_dir = ROOT / "build"
    args: list[str] = []
    android.add_flutter_command_args(args)
    assert args[args.index("--build-number") + 1] == str(number)
    assert args[args.index("--build-name") + 1] == get_pyproject("project.version")


class NoStamp:
    def update(self, data) -> None:
        pass


def test_our_icon_and_splash_are_found_and_fit_every_platform(android):
    assets = ROOT / "assets"
    assert android.find_platform_image(assets, "icon", NoStamp()) == "icon.png"
    assert android.find_platform_image(assets, "splash", NoStamp()) == "splash.png"
    assert android.template_data["adaptive_icon_background"] == "#00695C"  # the adaptive icon's back layer
    assert android.template_data["splash"] == {"android": True, "ios": True, "web": True,
                                               "color": "#FFFFFF", "dark_color": "#121212"}
    icon, pre_rendered = load_source(assets / "icon.png")
    assert icon.size == (1024, 1024) and icon.getpixel((0, 0))[3] == 0  # the hand alone: a foreground layer
    options = IconOptions(background=parse_hex_color("#00695C"))
    for platform in ("android", "ios", "web"):
        result = render_icons(icon, options, platform=platform, pre_rendered=pre_rendered, derived=True)
        assert result.assets and result.warnings == [], (platform, result.warnings)  # nothing clipped or soft
    splash, _ = load_source(assets / "splash.png")
    assert splash.size == (1024, 1024)


# --- 7. only the app is packaged ----------------------------------------------------------------

def packaged_top_level(build: FletBuild) -> set[str]:
    """Top-level names serious_python would copy: it skips paths equal to an exclude, nothing else."""
    explicit = ["build", *build.get_platform_setting("app.exclude", [])]
    excludes = set(explicit) | set(find_default_excludes(ROOT, build.get_platform_setting("app.include", []), explicit))
    return {entry.name for entry in ROOT.iterdir() if entry.name not in excludes}


def test_only_the_app_is_packaged(android):
    assert packaged_top_level(android) == APP


def test_nothing_but_code_and_assets_inside_the_packaged_folders(android):
    excludes = set(find_default_excludes(ROOT, [], ["build", *android.get_platform_setting("app.exclude", [])]))
    for folder in APP - {"main.py"}:
        for path in (ROOT / folder).rglob("*"):
            rel = path.relative_to(ROOT)
            if any(str(parent) in excludes for parent in (rel, *rel.parents)):
                continue
            assert not path.name.endswith(".egg-info"), rel


# --- 4. the PDF font from a zip, as a phone loads packages --------------------------------------

def test_the_report_font_loads_from_a_zipped_package(tmp_path):
    import fontpkg_atkinson_hyperlegible as atkinson

    archive = tmp_path / "site-packages.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in atkinson.ROOT.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                z.write(path, Path("fontpkg_atkinson_hyperlegible") / path.relative_to(atkinson.ROOT))
    code = """
import sys
from datetime import date, datetime, timezone
from pathlib import Path
import fontpkg_atkinson_hyperlegible as atkinson
assert ".zip" in atkinson.__spec__.origin, atkinson.__spec__.origin
assert not (atkinson.ROOT / "files" / "AtkinsonHyperlegible-Regular.ttf").exists()  # no path into a zip
from data.exports.report_pdf import ReportData, build_report
made = datetime(2026, 3, 8, 10, tzinfo=timezone.utc)
pdf = build_report(ReportData(date(2026, 3, 1), date(2026, 3, 7), timezone.utc, made, [], [], [], [], []))
assert b"AtkinsonHyperlegible" in pdf
"""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(archive), str(ROOT)])}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


# --- 8. the web page: Flet's own, plus a Content-Security-Policy --------------------------------

def test_index_html_is_flet_webs_own_plus_one_policy_line():
    ours = (ROOT / "assets" / "index.html").read_text(encoding="utf-8")
    flets = (Path(flet_web.__file__).parent / "web" / "index.html").read_text(encoding="utf-8")
    assert len(CSP_LINE.findall(ours)) == 1
    assert CSP_LINE.sub("", ours) == flets, "flet-web's index.html changed: copy it again and add the policy line"
    assert ours.index("Content-Security-Policy") < ours.index("<script")


def test_the_policy_allows_this_origin_and_nothing_else():
    policy = CSP_LINE.search((ROOT / "assets" / "index.html").read_text(encoding="utf-8")).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    allowed = {"'self'", "'none'", "'unsafe-inline'", "'wasm-unsafe-eval'", "blob:", "data:"}
    assert {source for sources in directives.values() for source in sources.split()} <= allowed
    assert "'wasm-unsafe-eval'" in directives["script-src"]  # CanvasKit is WebAssembly


def test_flet_serves_our_page_with_no_cdn(get_pyproject):
    assert get_pyproject("tool.flet.web.cdn") is False
    main = (ROOT / "main.py").read_text(encoding="utf-8")
    assert "no_cdn=True" in main and "assets_dir=str(ASSETS)" in main


# --- 3. and 6. tools/build_phone.py on a sample Android project ---------------------------------

MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools">
    <uses-permission android:name="android.permission.INTERNET" />
    <application android:label="PressPoint" android:name="${applicationName}"
        android:allowBackup="false" android:fullBackupContent="false" android:icon="@mipmap/ic_launcher">
        <activity android:name=".MainActivity" android:exported="true" />
    </application>
</manifest>
"""
GRADLE = """android {
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
    }
    defaultConfig {
        minSdk = 24
    }
}
dependencies {}
"""


def test_build_phone_patches_a_flutter_project_once(tmp_path):
    app = tmp_path / "android" / "app"
    manifest = build_phone.manifest_path(tmp_path)
    manifest.parent.mkdir(parents=True)
    manifest.write_text(MANIFEST, encoding="utf-8")
    (app / "build.gradle.kts").write_text(GRADLE, encoding="utf-8")
    assert "android:dataExtractionRules" in build_phone.check_android(tmp_path)

    build_phone.patch_android(tmp_path)
    assert build_phone.check_android(tmp_path) == []
    patched = manifest.read_text(encoding="utf-8")
    assert 'xmlns:android="http://schemas.android.com/apk/res/android"' in patched and "ns0:" not in patched
    rules = ET.parse(app / "src" / "main" / "res" / "xml" / "data_extraction_rules.xml").getroot()
    for kind in ("cloud-backup", "device-transfer"):
        assert {e.get("domain") for e in rules.find(kind)} == set(build_phone.DOMAINS)
        assert {e.get("path") for e in rules.find(kind)} == {"."}
    assert "isCoreLibraryDesugaringEnabled = true" in (app / "build.gradle.kts").read_text(encoding="utf-8")

    build_phone.patch_android(tmp_path)  # safe to run again: nothing more changes
    assert manifest.read_text(encoding="utf-8") == patched
    assert build_phone.add_data_extraction_rules(tmp_path) is False
