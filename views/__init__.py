"""Flet screens: they render core state and turn taps into calls on the core."""
