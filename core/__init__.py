"""Leaf helpers every app may use: form helpers, the one application error, time display.

Imports no app of this project (import-linter keeps it so)."""
