"""Compliance: H-1B public access files and the weekly reports of a global-mobility team.

- :mod:`docgen.compliance.rules`: the PAF rules as data (``docgen/data/compliance/rules.yaml``, each with its
  20 CFR source) and business days on U.S. federal holidays.
- :mod:`docgen.compliance.dates`: the dates the rules set for one LCA, and its docket deadlines.
- :mod:`docgen.compliance.paf`: ``build_paf`` (``docgen paf build``); :mod:`docgen.compliance.lca` checks
  the user's LCA PDF against the case.
- :mod:`docgen.compliance.check`: ``audit_folder`` / ``audit_cases`` (``docgen paf check``).
- :mod:`docgen.compliance.reports`: expirations, status and HRIS reports as rows;
  :mod:`docgen.compliance.export` writes any report as a table, CSV or XLSX.

Nothing is imported here, so reading a report does not load the Word and PDF code a PAF build needs.
"""
