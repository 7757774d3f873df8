"""The workspace: case list and pages, forms, letters, packets, batches, dashboards."""
