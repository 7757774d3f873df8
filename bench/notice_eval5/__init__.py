"""Fifth sealed notice evaluation set (issue 14), the untouched one: see README.md before opening anything here."""
