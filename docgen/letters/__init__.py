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

from docgen.letters.convert import Converter, OfficeConverter, convert_to_pdf
from docgen.letters.render import (
    BatchItem,
    BatchReport,
    LetterResult,
    list_templates,
    load_letter_data,
    load_template,
    render_batch,
    render_letter,
    template_variables,
)

__all__ = [
    "BatchItem",
    "BatchReport",
    "Converter",
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
