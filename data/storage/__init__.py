"""Storage: the crash-safe TinyDB store, its atomic files, migrations and where the data lives."""
