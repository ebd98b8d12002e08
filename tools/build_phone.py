"""Build PressPoint for a store with `flet build`, adding what pyproject.toml cannot say.

    .venv/bin/python tools/build_phone.py aab     # Android app bundle for Google Play (or apk)
    .venv/bin/python tools/build_phone.py ipa     # iOS, on a Mac with Xcode
    .venv/bin/python tools/build_phone.py web     # the installable web app

Extra arguments go to `flet build` (signing options, for example; README, "Store releases").

Why a script: on Android, `flet build` renders the Flutter project (build/flutter) and builds
it in one go. The project then needs what `[tool.flet]` cannot express: the receivers and Gradle
settings of flet-notifications (its `flet-notifications-patch`), and the Android 12+
data-extraction rules that keep the health data out of cloud backups and device-to-device
copies. So: build once to render the project, patch it, build again with `flet build` (the
environment serious_python's Gradle script needs, and a freshly packaged app). The second
build keeps the patch because flet-cli renders the template again only when its inputs change,
so both builds must run with the same settings and signing variables; this script does both,
then checks that the patch is still there.

On the web, `flet build` copies assets/ over the build, and with it assets/index.html, the
page `main.py --web` serves (with its Content-Security-Policy). The built web app needs its own
page, so the script puts the one Flutter built back.

Not run on the development machines (no Flutter SDK there); tests/test_packaging.py runs the
patching steps on a sample project.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from flet_notifications import patcher

ROOT = Path(__file__).resolve().parents[1]
FLUTTER = ROOT / "build" / "flutter"
ANDROID_NS = "http://schemas.android.com/apk/res/android"
TOOLS_NS = "http://schemas.android.com/tools"
RULES_NAME = "data_extraction_rules"
RULES_ATTRIBUTE = f"{{{ANDROID_NS}}}dataExtractionRules"
# Every storage domain of the app, left out of both kinds of Android 12+ data extraction.
DOMAINS = ("root", "file", "database", "sharedpref", "external",
           "device_root", "device_file", "device_database", "device_sharedpref")


def data_extraction_rules() -> str:
    excludes = "\n".join(f'        <exclude domain="{d}" path="." />' for d in DOMAINS)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- PressPoint keeps health data on this phone only: nothing goes to a cloud backup or to another
     phone. People make their own backup file on the app's Share screen instead. -->
<data-extraction-rules>
    <cloud-backup>
{excludes}
    </cloud-backup>
    <device-transfer>
{excludes}
    </device-transfer>
</data-extraction-rules>
"""


def manifest_path(project: Path) -> Path:
    return project / "android" / "app" / "src" / "main" / "AndroidManifest.xml"


def add_data_extraction_rules(project: Path) -> bool:
    """Write res/xml/data_extraction_rules.xml and point <application> at it; True if anything changed."""
    rules = project / "android" / "app" / "src" / "main" / "res" / "xml" / f"{RULES_NAME}.xml"
    rules.parent.mkdir(parents=True, exist_ok=True)
    changed = not rules.exists() or rules.read_text(encoding="utf-8") != data_extraction_rules()
    if changed:
        rules.write_text(data_extraction_rules(), encoding="utf-8")
    ET.register_namespace("android", ANDROID_NS)
    ET.register_namespace("tools", TOOLS_NS)
    manifest = manifest_path(project)
    tree = ET.parse(manifest)
    application = tree.getroot().find("application")
    if application is None:
        raise SystemExit(f"no <application> in {manifest}")
    if application.get(RULES_ATTRIBUTE) != f"@xml/{RULES_NAME}":
        application.set(RULES_ATTRIBUTE, f"@xml/{RULES_NAME}")
        tree.write(manifest, encoding="utf-8", xml_declaration=True)
        changed = True
    return changed


def patch_android(project: Path) -> None:
    if patcher.main(["--project-root", str(project)]) != 0:
        raise SystemExit("flet-notifications-patch failed")
    add_data_extraction_rules(project)


def check_android(project: Path) -> list[str]:
    """What a release build must have in its manifest but does not (empty: all there)."""
    application = ET.parse(manifest_path(project)).getroot().find("application")
    if application is None:
        return ["<application>"]
    wanted = {
        "android:allowBackup=false": application.get(f"{{{ANDROID_NS}}}allowBackup") == "false",
        "android:dataExtractionRules": application.get(RULES_ATTRIBUTE) == f"@xml/{RULES_NAME}",
    }
    receivers = {r.get(f"{{{ANDROID_NS}}}name") for r in application.findall("receiver")}
    for name, _ in patcher.RECEIVERS:
        wanted[name] = name in receivers
    return [what for what, there in wanted.items() if not there]


def flet_build(target: str, extra: list[str]) -> None:
    flet = Path(sys.executable).with_name("flet")
    subprocess.run([str(flet), "build", target, "--yes", *extra], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", choices=["apk", "aab", "ipa", "web"])
    ap.add_argument("flet_args", nargs=argparse.REMAINDER, help="passed on to `flet build`")
    args = ap.parse_args(argv)
    flet_build(args.target, args.flet_args)
    if args.target in ("apk", "aab"):
        patch_android(FLUTTER)
        flet_build(args.target, args.flet_args)
        missing = check_android(FLUTTER)
        if missing:
            raise SystemExit(f"the second build lost the patch ({', '.join(missing)}): build settings "
                             "or signing variables changed between the builds; run this script again")
    elif args.target == "web":
        shutil.copyfile(FLUTTER / "build" / "web" / "index.html", ROOT / "build" / "web" / "index.html")
    print(f"done: build/{args.target}/")


if __name__ == "__main__":
    main()
