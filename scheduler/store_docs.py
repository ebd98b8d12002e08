"""Names of the store documents the reminders keep, shared by the app's wiring and the backup.

The person's settings travel with a backup; what one device delivered, snoozed or
armed with its OS does not: restoring onto a phone must not resurrect another
device's notification ids or mark today's reminders as already shown.
"""
SETTINGS_DOC = "reminders"  # ReminderSettings.to_dict(): backed up
RUNNER_DOC = "reminder_runner"  # RunnerMemory: delivered keys, snoozes, skips, last check
OS_DOC = "reminder_os"  # OsReminderSync.memory(): what this phone has armed and shown
DEVICE_DOCS: tuple[str, ...] = (RUNNER_DOC, OS_DOC)
