"""Flattening a form: every widget's appearance burnt into its page, the form dropped."""

from __future__ import annotations

import pikepdf


def flatten_form(pdf: pikepdf.Pdf) -> None:
    """Burn every widget's own appearance into its page; drop the now empty form."""
    pdf.flatten_annotations("all")
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is not None:
            kept = [a for a in annots if a.get("/Subtype") != "/Widget"]
            if kept:
                page.obj["/Annots"] = pikepdf.Array(kept)
            else:
                del page.obj["/Annots"]
    if "/AcroForm" in pdf.Root:
        del pdf.Root["/AcroForm"]
