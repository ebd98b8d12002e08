"""Exports: the full backup and its checked restore, the CSV export and the doctor's PDF report."""
