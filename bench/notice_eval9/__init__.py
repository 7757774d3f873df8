"""Ninth notice evaluation set (issue 14), kept unseen like the fifth: see README.md before opening anything here."""
