"""Batch work for counsel: many cases from a spreadsheet or folder, in parallel, resumable."""
