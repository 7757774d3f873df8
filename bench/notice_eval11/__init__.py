"""Eleventh notice evaluation set (issue 14): untouched in the tenth round, opened in the eleventh."""
