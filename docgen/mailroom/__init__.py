"""The mailroom: ingest the day's scans, file each notice to its case, keep the deadlines."""
