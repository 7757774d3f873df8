"""Twelfth notice evaluation set (issue 14): untouched in the eleventh round, opened in the twelfth."""
