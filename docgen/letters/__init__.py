"""Letters: support letters, employment verification letters and RFE responses, as DOCX and PDF.

The Python API mirrors ``docgen letter``::

    from docgen.letters import OfficeConverter, render_letter, render_batch, template_variables

    render_letter("h1b_support", "samples/cases/h1b-okafor.yaml", output="out/support.pdf")
    with OfficeConverter() as office:              # one LibreOffice for many letters
        for case in cases:
            render_letter("employment_verification", case, output=..., converter=office)
    render_batch("h1b_support", "cases/", "out/")  # a folder of case files or a spreadsheet
    template_variables("rfe_response").paths()     # every variable a template uses
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.letters.convert import Converter, LazyConverter, OfficeConverter, convert_to_pdf
    from docgen.letters.render import (
        LetterResult,
        list_templates,
        load_letter_data,
        load_template,
        render_batch,
        render_letter,
        template_variables,
    )

# Names are imported on first use, so code that needs only the converter (packets, batch workers)
# does not load docxtpl and the rendering machinery.
_WHERE = {
    "Converter": "docgen.letters.convert",
    "LazyConverter": "docgen.letters.convert",
    "OfficeConverter": "docgen.letters.convert",
    "convert_to_pdf": "docgen.letters.convert",
    "LetterResult": "docgen.letters.render",
    "list_templates": "docgen.letters.render",
    "load_letter_data": "docgen.letters.render",
    "load_template": "docgen.letters.render",
    "render_batch": "docgen.letters.render",
    "render_letter": "docgen.letters.render",
    "template_variables": "docgen.letters.render",
}

__all__ = [
    "Converter",
    "LazyConverter",
    "LetterResult",
    "OfficeConverter",
    "convert_to_pdf",
    "list_templates",
    "load_letter_data",
    "load_template",
    "render_batch",
    "render_letter",
    "template_variables",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'docgen.letters' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
