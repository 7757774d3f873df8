"""Fourteenth sealed notice evaluation set (issue 14), kept untouched: see README.md before opening anything here."""
