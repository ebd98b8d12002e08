"""Names of the store documents the reminders keep, shared by the app's wiring and the backup.

The person's settings travel with a backup; what one device delivered, snoozed or
armed with its OS does not: restoring onto a phone must not resurrect another
device's notification ids or mark today's reminders as already shown.
"""
from __future__ import annotations

from data.exports.backup import OtherDocs
from scheduler.settings import ReminderSettings

SETTINGS_DOC = "reminders"  # ReminderSettings.to_dict(): backed up
RUNNER_DOC = "reminder_runner"  # RunnerMemory: delivered keys, snoozes, skips, last check
OS_DOC = "reminder_os"  # OsReminderSync.memory(): what this phone has armed and shown

#: What a backup carries of the reminders: the person's settings (checked strictly), not this device's memory.
REMINDER_DOCS = OtherDocs(checks={SETTINGS_DOC: ReminderSettings.from_dict}, device_only=frozenset({RUNNER_DOC, OS_DOC}))
