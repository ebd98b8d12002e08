"""Core of the app: records, catalog, routine, session player and storage. Imports no UI."""
