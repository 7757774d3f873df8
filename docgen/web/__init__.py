"""The web workspace: cases, forms, letters, packets, batches and dashboards in the browser.

A Django project inside the package. ``docgen serve`` configures it from the
command line (data folder, cases folder) and runs it; the pages call the
library through :mod:`docgen.web.services` and hold no business logic.
"""
