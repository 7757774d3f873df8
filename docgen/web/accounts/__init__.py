"""Accounts: roles as Django groups, lock-out after repeated failed logins, the audit trail."""
