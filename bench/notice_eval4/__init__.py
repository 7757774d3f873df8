"""Fourth sealed notice evaluation set (issue 14): see README.md before opening anything here."""
