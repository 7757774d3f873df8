"""Sixth notice evaluation set (issue 14), a development set: see README.md before opening anything here."""
