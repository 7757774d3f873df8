"""Sealed evaluation set for the notice reader (see README.md here; its author must not read generate.py)."""
