"""Seventh notice evaluation set (issue 14), a development set: see README.md."""
