"""One-off: the original letter templates and sample logos, as first drafted in code.

    .venv/bin/python scripts/build_letter_templates.py --out-dir /tmp/originals

The DOCX files in ``docgen/data/letter_templates/`` are the source of truth:
specialists edit them in Word, and nothing in docgen, its tests or its set-up
runs this script. It is kept only to show how the originals were laid out
(and to draft a new template the same way). It never overwrites a file: it
writes into a folder of your choice and stops, naming the file, if a template
or logo of that name is already there.

Tags print case data (``{{ job.title }}``) or control paragraphs and table
rows (``{%p if facts.premium_processing %}`` ... ``{%p endif %}`` on
paragraphs of their own, ``{%tr for d in job.duties %}`` in a table row);
``docgen letter vars TEMPLATE`` lists what a template uses. Each paragraph is
written as text with ``<b>bold</b>`` and ``<i>italic</i>`` segments; a tag
never spans two segments, so Word keeps it in one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Inches, Length, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from PIL import Image, ImageDraw, ImageFont

TEXT_WIDTH = Inches(6.5)
NAVY = RGBColor(0x1F, 0x2A, 0x44)
GREY = RGBColor(0x80, 0x80, 0x80)
FIXED_DATE = dt.datetime(2026, 1, 5, 9, 0, 0)
_SEGMENT = re.compile(r"(<b>.+?</b>|<i>.+?</i>)")

Story = DocumentObject | _Cell


class Letter:
    """A letter template under construction: page, styles, letterhead and body helpers."""

    def __init__(self, key: str, title: str, font: str, size: float) -> None:
        self.key = key
        self.doc = Document()
        self._page()
        self._styles(font, size)
        props = self.doc.core_properties
        props.title = title
        props.category = key
        props.author = "docgen"
        props.subject = "Letter template"
        props.comments = "docgen letter template. List the case data it uses with: docgen letter vars " + key
        props.created = FIXED_DATE
        props.modified = FIXED_DATE
        props.last_modified_by = "docgen"
        props.revision = 1

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin, section.bottom_margin = Inches(0.9), Inches(0.9)
        section.header_distance = section.footer_distance = Inches(0.45)
        section.different_first_page_header_footer = True

    def _styles(self, font: str, size: float) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = font
        normal.font.size = Pt(size)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), font)
        normal.paragraph_format.space_after = Pt(8)
        normal.paragraph_format.line_spacing = 1.08
        self._style("Letter Heading", bold=True, before=10, after=4, keep=True, color=NAVY)
        self._style("Compact", after=0)
        self._style("Table Text", after=2, line=1.0)
        self._style("Template Logic", after=0, size=8, color=GREY)
        self._style("Letter Quote", italic=True, after=6, indent=0.4)
        self._style("Letterhead Name", bold=True, after=0, size=15, color=NAVY)
        self._style("Letterhead Line", after=0, size=9, color=RGBColor(0x40, 0x40, 0x40))
        self._style("Signature", after=0, keep=True)
        for name in ("Header", "Footer"):
            styles[name].font.size = Pt(9)
        styles["List Bullet"].paragraph_format.space_after = Pt(4)

    def _style(
        self,
        name: str,
        *,
        bold: bool = False,
        italic: bool = False,
        before: float = 0,
        after: float = 8,
        size: float | None = None,
        color: RGBColor | None = None,
        keep: bool = False,
        indent: float = 0,
        line: float | None = None,
    ) -> None:
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        style.font.bold = bold or None
        style.font.italic = italic or None
        if size:
            style.font.size = Pt(size)
        if color is not None:
            style.font.color.rgb = color
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = keep or None
        if indent:
            fmt.left_indent = fmt.right_indent = Inches(indent)
        if line:
            fmt.line_spacing = line

    # --- body ---------------------------------------------------------------------------

    def p(self, text: str = "", style: str | None = None, story: Story | None = None, **fmt: object) -> Paragraph:
        """A paragraph of text with <b>bold</b> and <i>italic</i> segments."""
        target = story if story is not None else self.doc
        paragraph = target.add_paragraph(style=style)
        write_runs(paragraph, text)
        if fmt.get("align") == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if fmt.get("keep"):
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def logic(self, tag: str, story: Story | None = None) -> None:
        """A control paragraph (``{%p if ... %}``); docxtpl removes it when rendering."""
        self.p(tag, "Template Logic", story)

    def heading(self, text: str) -> None:
        self.p(text, "Letter Heading")

    def bullet(self, text: str) -> None:
        self.p(text, "List Bullet")

    def optional(self, condition: str, *paragraphs: str, style: str | None = None) -> None:
        """Paragraphs that appear only when ``condition`` holds."""
        self.logic(f"{{%p if {condition} %}}")
        for text in paragraphs:
            self.p(text, style)
        self.logic("{%p endif %}")

    def loop(self, header: str, text: str, style: str = "List Bullet") -> None:
        """One paragraph repeated for each item of a list."""
        self.logic(f"{{%p for {header} %}}")
        self.p(text, style)
        self.logic("{%p endfor %}")

    def re_block(self, rows: list[tuple[str, str]]) -> None:
        """The Re: block: label and value, no borders; rows starting with {%tr are control rows."""
        table = self.doc.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        widths = (Inches(1.5), Inches(5.0))
        set_column_widths(table, widths)
        for label, value in rows:
            cells = table.add_row().cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
            write_runs(cells[0].paragraphs[0], label)
            write_runs(cells[1].paragraphs[0], value)
            for cell in cells:
                cell.paragraphs[0].style = self.doc.styles["Compact"]
        self.p("", "Compact")

    def item_table(
        self, headers: tuple[str, ...], loop: str, cells: tuple[str, ...], widths: tuple[float, ...]
    ) -> None:
        """A bordered table: a shaded header row, then one row per item of a list."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            write_runs(cell.paragraphs[0], f"<b>{text}</b>")
            shade(cell, "D9E2F3")
        mark_header_row(table)
        for row_text in (f"{{%tr for {loop} %}}", None, "{%tr endfor %}"):
            row = table.add_row().cells
            if row_text is None:
                for cell, text in zip(row, cells, strict=True):
                    write_runs(cell.paragraphs[0], text)
            else:
                write_runs(row[0].paragraphs[0], row_text)
        set_column_widths(table, tuple(Inches(w) for w in widths))
        for row in table.rows:
            keep_row_together(row._tr)
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Inches(width)
                for paragraph in cell.paragraphs:
                    paragraph.style = self.doc.styles["Table Text"]
        self.p("", "Compact")

    # --- header and footer ----------------------------------------------------------------

    def letterhead(self, name: str, address: str, contact_lines: list[str]) -> None:
        """First-page letterhead: logo on the left, name and address on the right, a rule below."""
        header = self.doc.sections[0].first_page_header
        header.is_linked_to_previous = False
        first = header.paragraphs[0]
        first._p.getparent().remove(first._p)
        table = header.add_table(rows=1, cols=2, width=TEXT_WIDTH)
        table.autofit = False
        left, right = table.rows[0].cells
        set_column_widths(table, (Inches(2.6), Inches(3.9)))
        left.width, right.width = Inches(2.6), Inches(3.9)
        write_runs(left.paragraphs[0], "{% if logo %}{{ logo }}{% endif %}")
        right.paragraphs[0].style = self.doc.styles["Letterhead Name"]
        write_runs(right.paragraphs[0], name)
        for line in [
            f"{{{{ {address} | street_line }}}}",
            f"{{{{ {address} | city_line }}}}"
            f"{{% if {address} | country_line %}}, {{{{ {address} | country_line }}}}{{% endif %}}",
            *contact_lines,
        ]:
            self.p(line, "Letterhead Line", right)
        for paragraph in right.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        rule = header.add_paragraph(style="Compact")
        bottom_rule(rule)

    def running_header(self, text: str) -> None:
        """Header of the second and later pages: what the letter is about, and the page number."""
        header = self.doc.sections[0].header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.style = self.doc.styles["Header"]
        tabs = paragraph.paragraph_format.tab_stops
        tabs.add_tab_stop(Inches(3.25), WD_TAB_ALIGNMENT.CLEAR)  # the Header style's centre stop
        tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        write_runs(paragraph, text + "\tPage ")
        page_field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        page_field(paragraph, "NUMPAGES")
        bottom_rule(paragraph)

    def save(self, path: Path) -> None:
        slim(self.doc)
        self.doc.save(str(path))


KEPT_STYLES = {"Heading1", "Heading2", "ListNumber", "Quote"}  # offered to specialists besides the ones in use
UNUSED_PARTS = ("/stylesWithEffects", "/customXml", "/thumbnail")


def slim(document: DocumentObject) -> None:
    """Drop what python-docx's default template carries but a letter never uses.

    Its styles.xml (350 KB of table and latent styles) and stylesWithEffects.xml
    (440 KB) are parsed by docxtpl at every render and by LibreOffice at every
    conversion; without them LibreOffice converts a letter in about a third less
    CPU time. Styles in use, their base, linked and next styles, the defaults and
    a few common ones (KEPT_STYLES) stay.
    """
    part = document.part
    for holder in (part.rels, part.package.rels):
        for rel_id, rel in list(holder.items()):
            if rel.reltype.endswith(UNUSED_PARTS):
                del holder[rel_id]
    styles = document.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    xml = document.element.xml + "".join(
        story._element.xml
        for section in document.sections
        for story in (section.header, section.first_page_header, section.footer, section.first_page_footer)
        if not story.is_linked_to_previous  # reading an absent footer would create one
    )
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = set(re.findall(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', xml)) | KEPT_STYLES
    wanted |= {sid for sid, style in by_id.items() if style.get(qn("w:default")) == "1"}
    keep: set[str] = set()
    pending = list(wanted)
    while pending:
        style_id = pending.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[style_id].find(qn(tag))
            if ref is not None:
                pending.append(ref.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)


def write_runs(paragraph: Paragraph, text: str) -> None:
    """Add ``text`` to ``paragraph`` as runs: <b>bold</b>, <i>italic</i>, the rest plain."""
    for piece in _SEGMENT.split(text):
        if not piece:
            continue
        if piece.startswith("<b>") and piece.endswith("</b>"):
            paragraph.add_run(piece[3:-4]).bold = True
        elif piece.startswith("<i>") and piece.endswith("</i>"):
            paragraph.add_run(piece[3:-4]).italic = True
        else:
            paragraph.add_run(piece)


def shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def set_column_widths(table: Table, widths: tuple[Length, ...]) -> None:
    """Fix the grid of ``table`` so Word and LibreOffice both use these column widths."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def keep_row_together(row: CT_Row) -> None:
    """A table row never breaks across pages."""
    properties = row.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.append(cant_split)


def mark_header_row(table: Table) -> None:
    """Repeat the first row at the top of each page the table runs onto."""
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def bottom_rule(paragraph: Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "1F2A44")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)


def page_field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# --- pieces shared by the employer's letters ----------------------------------------------------

NAME = "{{ beneficiary | name_line }}"
PERIOD = "{{ facts.requested_from | long_date }} to {{ facts.requested_to | long_date }}"
EMPLOYER_CONTACT = [
    "{% if petitioner.phone %}Tel. {{ petitioner.phone }}{% endif %}"
    "{% if petitioner.phone and petitioner.website %}  ·  {% endif %}"
    "{% if petitioner.website %}{{ petitioner.website | replace('https://', '') | replace('http://', '') }}{% endif %}"
]


def employer_letterhead(letter: Letter, about: str) -> None:
    letter.letterhead("{{ petitioner.name }}", "petitioner.address", EMPLOYER_CONTACT)
    letter.running_header(about)


def uscis_address(letter: Letter) -> None:
    letter.p("{{ today | long_date }}")
    letter.p("U.S. Department of Homeland Security", "Compact")
    letter.p("U.S. Citizenship and Immigration Services", "Compact")
    letter.optional("extra.service_center", "{{ extra.service_center }}", style="Compact")
    letter.p("", "Compact")


def company_paragraph(letter: Letter) -> None:
    letter.p(
        "{{ petitioner.description }} The Petitioner was established in {{ petitioner.year_established }} "
        "and has its principal office at {{ petitioner.address | address_line }}. It employs "
        "{{ petitioner.employees_us | number }} people in the United States and reported gross annual income of "
        "{{ petitioner.gross_annual_income | dollars }}{% if petitioner.net_annual_income %} and net annual "
        "income of {{ petitioner.net_annual_income | dollars }}{% endif %}. Its business, "
        "{{ petitioner.business_type | lower }}, falls under NAICS code {{ petitioner.naics_code }}."
    )


def duties_table(letter: Letter, items: str = "job.duties") -> None:
    letter.item_table(("Duties", "Share of time"), f"d in {items}", ("{{ d.duty }}", "{{ d.percent }}%"), (5.2, 1.3))


def worksites(letter: Letter) -> None:
    letter.p(
        "The Beneficiary will work at the following "
        "{% if job.worksites | length == 1 %}location{% else %}locations{% endif %}:",
        keep=True,
    )
    letter.loop("w in job.worksites", "{{ w | address_line }}{% if w.county %} ({{ w.county }} County){% endif %}")


def wage_sentence(status: str) -> str:
    return (
        "The Petitioner will pay the Beneficiary a salary of {{ job.wage.amount | money }} "
        "{{ job.wage.unit | pay_period }} for {% if job.full_time %}full-time{% else %}part-time{% endif %} "
        "employment of {{ job.hours_per_week | number }} hours per week, together with the benefits it offers "
        f"to its U.S. employees in similar positions. The Beneficiary will remain on the Petitioner's U.S. "
        f"payroll throughout the period of {status} status."
    )


def family_paragraph(letter: Letter, status: str) -> None:
    letter.optional(
        "dependents",
        "<b>Family members.</b> The Beneficiary's "
        "{% for p in dependents %}{{ p.relationship or 'family member' }}, {{ p | name_line }}"
        "{% if not loop.last %}{% if loop.revindex == 2 %}, and {% else %}; {% endif %}{% endif %}{% endfor %}, "
        "{% if dependents | length == 1 %}is{% else %}are{% endif %} seeking " + status + " status for the same "
        "period, by separate application or at a U.S. consulate. That status derives from the Beneficiary's and "
        "depends on the approval of this petition.",
    )


def premium_paragraph(letter: Letter) -> None:
    letter.optional(
        "facts.premium_processing",
        "<b>Premium processing.</b> The Petitioner requests premium processing of this petition under section "
        "286(u) of the Act and encloses Form I-907, Request for Premium Processing Service, with the required fee.",
    )


def amended_paragraph(letter: Letter, status: str) -> None:
    letter.optional(
        "facts.amended_petition",
        "<b>Amended petition.</b> This is an amended petition. {% if extra.amendment_reason %}"
        "{{ extra.amendment_reason }} {% endif %}The terms of employment set out in this letter replace those "
        f"of the earlier petition, and the Petitioner will continue to meet every {status} requirement for the "
        "rest of the period requested.",
    )


def contact_sentence() -> str:
    return (
        "{% if representative %}Please direct any question about this petition to our counsel, "
        "{{ representative | name_line }}{% if representative.firm %} of {{ representative.firm }}{% endif %}, "
        "at {{ representative.phone }}{% if representative.email %} or {{ representative.email }}{% endif %}."
        "{% else %}Please direct any question about this petition to {{ petitioner.signatory | name_line }} "
        "at {{ petitioner.signatory.phone }}.{% endif %}"
    )


def employer_signature(letter: Letter, closing: str = "Sincerely,") -> None:
    letter.p(closing, "Signature")
    letter.p("", "Signature")
    letter.p("", "Signature")
    letter.p("______________________________", "Signature")
    letter.p("{{ petitioner.signatory | name_line }}", "Signature")
    letter.p("{{ petitioner.signatory.title }}", "Signature")
    letter.p("{{ petitioner.name }}", "Signature")


# --- the H-1B support letter ------------------------------------------------------------------

H1B_BASIS = (
    "{% if facts.basis == 'continuation' %}to extend, without change in the terms of employment, the H-1B "
    "classification of"
    "{% elif facts.basis == 'change_of_employer' %}to employ, as a change of employer, and classify as an H-1B "
    "worker"
    "{% elif facts.basis == 'change_in_employment' %}to continue, with changes in the terms of employment, the "
    "H-1B classification of"
    "{% elif facts.basis == 'concurrent_employment' %}to employ concurrently, in H-1B classification,"
    "{% elif facts.basis == 'change_of_status' %}to change to H-1B the nonimmigrant status of"
    "{% else %}to classify as an H-1B specialty-occupation worker{% endif %}"
)


def build_h1b_support() -> Letter:
    letter = Letter("h1b_support", "H-1B support letter", "Calibri", 11)
    employer_letterhead(letter, "H-1B petition of {{ petitioner.name }} for " + NAME)
    uscis_address(letter)
    letter.re_block(
        [
            ("<b>Re:</b>", "<b>Form I-129, Petition for a Nonimmigrant Worker: H-1B specialty occupation</b>"),
            ("Petitioner:", "{{ petitioner.name }}"),
            ("Beneficiary:", NAME),
            ("Position:", "{{ job.title }}"),
            ("Occupation:", "SOC {{ job.soc_code }}, {{ job.soc_title }}"),
            ("Period requested:", PERIOD),
            ("{%tr for r in facts.receipt_numbers if r.notice_type == 'approval' %}", ""),
            (
                "Prior approval:",
                "{{ r.number }} (Form {{ r.form }}{% if r.notice_date %}, approved "
                "{{ r.notice_date | long_date }}{% endif %})",
            ),
            ("{%tr endfor %}", ""),
        ]
    )
    letter.p("Dear Sir or Madam:")
    letter.p(
        "{{ petitioner.name }} (the “Petitioner”) respectfully submits this letter in support of its Form I-129 "
        f"petition {H1B_BASIS} {NAME} (the “Beneficiary”), who will serve as its {{{{ job.title }}}} from {PERIOD}. "
        "This letter describes the Petitioner, the position and its duties, why the position is a specialty "
        "occupation, and how the Beneficiary's education and experience qualify the Beneficiary for it."
    )
    letter.heading("1. The Petitioner")
    company_paragraph(letter)

    letter.heading("2. The Position")
    letter.p(
        "The Petitioner offers the Beneficiary the position of {{ job.title }}, which corresponds to Standard "
        "Occupational Classification (SOC) code {{ job.soc_code }}, {{ job.soc_title }}. The duties of the "
        "position, and the approximate share of working time each takes, are as follows:",
        keep=True,
    )
    duties_table(letter)
    letter.p("The Petitioner's minimum requirement for the position is: “{{ job.minimum_requirements }}”")

    letter.heading("3. The Position Is a Specialty Occupation")
    letter.p(
        "Section 214(i)(1) of the Immigration and Nationality Act (the “Act”) defines a specialty occupation as "
        "one that requires the theoretical and practical application of a body of highly specialized knowledge "
        "and the attainment of a bachelor's or higher degree in the specific specialty, or its equivalent, as a "
        "minimum for entry into the occupation in the United States. Under 8 C.F.R. § 214.2(h)(4)(iii)(A), a "
        "position qualifies if it meets any one of four criteria. The position of {{ job.title }} meets more "
        "than one:"
    )
    letter.bullet(
        "<b>A degree in a specific specialty is normally the minimum requirement for entry.</b> The position falls "
        "within SOC {{ job.soc_code }}, {{ job.soc_title }}. For positions of this kind, with the duties set out "
        "above, employers normally require at least a bachelor's degree in a specific specialty directly "
        "related to the duties, as the U.S. Department of Labor's <i>Occupational Outlook Handbook</i> and O*NET "
        "describe the occupation."
    )
    letter.bullet(
        "<b>The Petitioner normally requires such a degree for the position.</b> The Petitioner fills the position "
        "of {{ job.title }}, and comparable positions in its organisation, only with candidates who hold a degree "
        "in a directly related specialty or its equivalent, because the work cannot be done without that "
        "knowledge."
    )
    letter.bullet(
        "<b>The duties are specialized and complex.</b> The duties listed above, which take up all of the "
        "Beneficiary's working time, are so specialized and complex that the knowledge needed to perform them "
        "is usually associated with the attainment of a bachelor's or higher degree in the specialty."
    )
    letter.optional("extra.specialty_argument", "{{ extra.specialty_argument | paragraphs }}")

    letter.heading("4. The Beneficiary's Qualifications")
    letter.p(
        "The Beneficiary holds the following "
        "{% if beneficiary.degrees | length == 1 %}degree{% else %}degrees{% endif %}:",
        keep=True,
    )
    letter.loop(
        "d in beneficiary.degrees",
        "{{ d.level }} in {{ d.field }}, {{ d.institution }}{% if d.country %}, {{ d.country }}{% endif %}"
        "{% if d.year %} ({{ d.year }}){% endif %}{% if d.us_equivalent %}, which a credentials evaluation finds "
        "equivalent to a {{ d.us_equivalent }}{% endif %}.",
    )
    letter.optional(
        "beneficiary.experience",
        "In addition, the Beneficiary brings relevant professional experience:",
    )
    letter.loop(
        "e in beneficiary.experience",
        "{{ e.title }}, {{ e.employer }}{% if e.start_date %} ({{ e.start_date | month_year }} to "
        "{% if e.end_date %}{{ e.end_date | month_year }}{% else %}the present{% endif %}){% endif %}"
        "{% if e.duties %}: {{ e.duties }}{% endif %}",
    )
    letter.p(
        "The Beneficiary's {% if beneficiary.experience %}education and experience meet{% else %}education meets"
        "{% endif %} the Petitioner's minimum requirement, and equip the Beneficiary to perform the duties of "
        "the position from the first day."
    )

    letter.heading("5. Wage, Labor Condition Application and Worksite")
    letter.p(
        wage_sentence("H-1B") + "{% if job.prevailing_wage %} That salary is not less than the prevailing wage of "
        "{{ job.prevailing_wage.amount | money }} {{ job.prevailing_wage.unit | pay_period }}"
        "{% if job.prevailing_wage_level %} ({{ job.prevailing_wage_level }}){% endif %} for the occupation in "
        "the area of intended employment, nor than the actual wage the Petitioner pays to others with similar "
        "experience and qualifications in the same position.{% endif %}"
    )
    letter.p(
        "The U.S. Department of Labor has certified the Labor Condition Application for the position, "
        "ETA case number {{ job.lca_number }}, which is enclosed. The Petitioner will comply with its terms "
        "throughout the period of employment. Should the Petitioner dismiss the Beneficiary before the end of "
        "the period of authorized stay, it will pay the reasonable costs of return transportation abroad, as "
        "8 C.F.R. § 214.2(h)(4)(iii)(E) requires."
    )
    worksites(letter)

    letter.heading("6. Period Requested")
    letter.p(
        "The Petitioner requests that the petition be approved{% if facts.basis == 'continuation' %}, and the "
        "Beneficiary's stay extended,{% endif %} for the period from " + PERIOD + "."
    )
    amended_paragraph(letter, "H-1B")
    premium_paragraph(letter)
    family_paragraph(letter, "H-4")

    letter.heading("Conclusion")
    letter.p(
        "The position of {{ job.title }} is a specialty occupation, and the Beneficiary is qualified to fill it. "
        "The Petitioner respectfully requests that the petition be approved. " + contact_sentence()
    )
    letter.p(
        "I am authorized to sign this letter on behalf of the Petitioner, and the information in it is true and "
        "correct to the best of my knowledge."
    )
    employer_signature(letter)
    return letter


# --- the L-1A support letter ------------------------------------------------------------------

L1_RELATIONSHIP = (
    "{% if extra.foreign_entity.relationship == 'parent' %}{{ extra.foreign_entity.name }} is the parent company "
    "of the Petitioner."
    "{% elif extra.foreign_entity.relationship == 'subsidiary' %}{{ extra.foreign_entity.name }} is a subsidiary "
    "of the Petitioner."
    "{% elif extra.foreign_entity.relationship == 'affiliate' %}The Petitioner and "
    "{{ extra.foreign_entity.name }} are affiliates: both are owned and controlled by the same parent."
    "{% elif extra.foreign_entity.relationship == 'branch' %}The Petitioner is the U.S. branch office of "
    "{{ extra.foreign_entity.name }}."
    "{% else %}{{ extra.foreign_entity.relationship }}{% endif %}"
)
MANAGERIAL_PAST = (
    "managed a department of the organization; supervised and controlled the work of other supervisory, "
    "professional or managerial employees, or managed an essential function; had the authority to hire and "
    "fire, or to recommend those and other personnel actions; and exercised discretion over the day-to-day "
    "operations of the activity or function for which the Beneficiary had authority"
)
EXECUTIVE_PAST = (
    "directed the management of the organization or a major component or function of it; established its "
    "goals and policies; exercised wide latitude in discretionary decision-making; and received only general "
    "supervision or direction from higher-level executives, the board of directors or the stockholders"
)
MANAGERIAL_FUTURE = (
    "manage a department and function of the Petitioner; supervise and control the work of other supervisory, "
    "professional or managerial employees, or manage an essential function; have the authority to hire and "
    "fire, or to recommend those and other personnel actions; and exercise discretion over the day-to-day "
    "operations of the function for which the Beneficiary will have authority"
)
EXECUTIVE_FUTURE = (
    "direct the management of the organization or a major component or function of it; establish its goals "
    "and policies; exercise wide latitude in discretionary decision-making; and receive only general "
    "supervision or direction from higher-level executives, the board of directors or the stockholders"
)


def build_l1a_support() -> Letter:
    letter = Letter("l1a_support", "L-1A support letter", "Calibri", 11)
    employer_letterhead(letter, "L-1A petition of {{ petitioner.name }} for " + NAME)
    uscis_address(letter)
    capacity = "{% if extra.capacity == 'executive' %}executive{% else %}managerial{% endif %}"
    letter.re_block(
        [
            ("<b>Re:</b>", "<b>Form I-129, Petition for a Nonimmigrant Worker: L-1A intracompany transferee</b>"),
            ("Petitioner:", "{{ petitioner.name }}"),
            ("Beneficiary:", NAME),
            ("Position:", "{{ job.title }} (" + capacity + " capacity)"),
            ("Foreign employer:", "{{ extra.foreign_entity.name }}, {{ extra.foreign_entity.address | country_line }}"),
            ("Period requested:", PERIOD),
        ]
    )
    letter.p("Dear Sir or Madam:")
    letter.p(
        "{{ petitioner.name }} (the “Petitioner”) respectfully submits this letter in support of its Form I-129 "
        f"petition to classify {NAME} (the “Beneficiary”) as an L-1A intracompany transferee, so that the "
        f"Beneficiary may serve in a {capacity} capacity as the Petitioner's {{{{ job.title }}}} from {PERIOD}."
    )
    letter.p(
        "Section 101(a)(15)(L) of the Immigration and Nationality Act (the “Act”) and 8 C.F.R. § 214.2(l) allow "
        "a qualifying organization to bring to the United States an employee who, within the three years "
        "preceding the filing of the petition, has been employed abroad by a qualifying organization for one "
        "continuous year in a managerial, executive or specialized-knowledge capacity, to render services to "
        "the same employer or its parent, branch, subsidiary or affiliate in a managerial or executive capacity. "
        "As set out below, each requirement is met."
    )
    letter.heading("1. The Qualifying Relationship")
    letter.p(
        L1_RELATIONSHIP + " {{ extra.foreign_entity.ownership }} The two companies are therefore qualifying "
        "organizations within the meaning of 8 C.F.R. § 214.2(l)(1)(ii)(G). Each is doing business, that is, "
        "regularly, systematically and continuously providing goods or services, and each will continue to do "
        "business for the duration of the Beneficiary's stay in the United States."
    )
    letter.heading("2. The Companies")
    company_paragraph(letter)
    letter.p(
        "{{ extra.foreign_entity.name }}, with its principal office at "
        "{{ extra.foreign_entity.address | address_line }}, {{ extra.foreign_entity.business }}"
        "{% if extra.foreign_entity.employees %} and employs {{ extra.foreign_entity.employees | number }} "
        "people{% endif %}."
    )
    letter.heading("3. The Beneficiary's Employment Abroad")
    letter.p(
        "The Beneficiary has been employed full-time by {{ extra.foreign_entity.name }} since "
        "{{ extra.foreign_position.start_date | long_date }}, most recently as {{ extra.foreign_position.title }}. "
        "This is more than one continuous year of full-time employment abroad within the three years "
        "preceding the filing of this petition, as 8 C.F.R. § 214.2(l)(3)(iii) requires. In that position the "
        "Beneficiary's duties, and the share of time each takes, are:",
        keep=True,
    )
    duties_table(letter, "extra.foreign_position.duties")
    letter.optional(
        "extra.foreign_position.reports",
        "The Beneficiary manages the following staff abroad:",
    )
    letter.loop("r in extra.foreign_position.reports", "{{ r.title }} ({{ r.count | number }})")
    abroad = "(extra.foreign_position.capacity or extra.capacity)"
    letter.logic(f"{{%p if {abroad} == 'executive' %}}")
    letter.p(
        "In this role the Beneficiary has acted in an executive capacity within the meaning of section "
        f"101(a)(44)(B) of the Act: the Beneficiary has {EXECUTIVE_PAST}."
    )
    letter.logic("{%p else %}")
    letter.p(
        "In this role the Beneficiary has acted in a managerial capacity within the meaning of section "
        f"101(a)(44)(A) of the Act: the Beneficiary has {MANAGERIAL_PAST}."
    )
    letter.logic("{%p endif %}")

    letter.heading("4. The Position in the United States")
    letter.p(
        "The Beneficiary will serve as the Petitioner's {{ job.title }}. The duties of the position, and the "
        "approximate share of working time each takes, are as follows:",
        keep=True,
    )
    duties_table(letter)
    letter.logic("{%p if extra.capacity == 'executive' %}")
    letter.p(
        "The position is executive within the meaning of section 101(a)(44)(B) of the Act: in it the "
        f"Beneficiary will {EXECUTIVE_FUTURE}."
    )
    letter.logic("{%p else %}")
    letter.p(
        "The position is managerial within the meaning of section 101(a)(44)(A) of the Act: in it the "
        f"Beneficiary will {MANAGERIAL_FUTURE}."
    )
    letter.logic("{%p endif %}")
    letter.optional("extra.us_reports", "The Beneficiary will direct the work of the following staff:")
    letter.loop("r in extra.us_reports", "{{ r.title }} ({{ r.count | number }})")

    letter.heading("5. Terms of Employment")
    letter.p(wage_sentence("L-1A"))
    worksites(letter)

    letter.heading("6. Period Requested")
    letter.logic("{%p if extra.new_office %}")
    letter.p(
        "The Petitioner is a new office within the meaning of 8 C.F.R. § 214.2(l)(1)(ii)(F). As "
        "8 C.F.R. § 214.2(l)(7)(i)(A)(3) provides, it requests approval for an initial period of one year, from "
        + PERIOD
        + ", and encloses evidence that it has secured sufficient physical premises to house the new office "
        "and that, within one year of approval, it will support a managerial or executive position."
    )
    letter.logic("{%p else %}")
    letter.p("The Petitioner requests that the petition be approved for the period from " + PERIOD + ".")
    letter.logic("{%p endif %}")
    amended_paragraph(letter, "L-1A")
    premium_paragraph(letter)
    family_paragraph(letter, "L-2")

    letter.heading("Conclusion")
    letter.p(
        "The Petitioner and {{ extra.foreign_entity.name }} are qualifying organizations, the Beneficiary has "
        "more than one continuous year of qualifying employment abroad, and the position offered is "
        f"{capacity}. The Petitioner respectfully requests that the petition be approved. " + contact_sentence()
    )
    letter.p(
        "I am authorized to sign this letter on behalf of the Petitioner, and the information in it is true and "
        "correct to the best of my knowledge."
    )
    employer_signature(letter)
    return letter


# --- the employment verification letter -------------------------------------------------------


def build_employment_verification() -> Letter:
    letter = Letter("employment_verification", "Employment verification letter", "Calibri", 11)
    employer_letterhead(letter, "Employment verification for " + NAME)
    letter.p("{{ today | long_date }}")
    letter.logic("{%p if extra.addressee %}")
    letter.loop("line in extra.addressee", "{{ line }}", style="Compact")
    letter.p("", "Compact")
    letter.logic("{%p endif %}")
    letter.p("<b>Re: Employment verification for " + NAME + "</b>")
    letter.p("{% if extra.salutation %}{{ extra.salutation }}{% else %}To Whom It May Concern:{% endif %}")
    letter.p(
        "This letter confirms that " + NAME + " {% if extra.end_date %}was employed by {{ petitioner.name }} from "
        "{{ extra.hire_date | long_date }} to {{ extra.end_date | long_date }}{% else %}has been employed by "
        "{{ petitioner.name }} since {{ extra.hire_date | long_date }} and remains employed with us{% endif %}."
    )
    letter.p(
        "{% if extra.end_date %}The employee's last position was{% else %}The employee holds the position of"
        "{% endif %} {{ job.title }}. The position is {% if job.full_time %}full-time{% else %}part-time"
        "{% endif %}, {{ job.hours_per_week | number }} hours per week, {% if extra.end_date %}and the final "
        "salary was{% else %}with a salary of{% endif %} {{ job.wage.amount | money }} "
        "{{ job.wage.unit | pay_period }}{% if job.worksites %}. The employee "
        "{% if extra.end_date %}worked{% else %}works{% endif %} at our office at "
        "{{ job.worksites[0] | address_line }}{% endif %}."
    )
    letter.optional(
        "job.duties", "The employee's principal duties {% if extra.end_date %}were{% else %}are{% endif %}:"
    )
    letter.loop("d in job.duties", "{{ d.duty }}")
    letter.optional("extra.purpose", "This letter is provided at the employee's request {{ extra.purpose }}.")
    letter.p(
        "The information above is taken from our employment records and is accurate as of the date of this "
        "letter. To confirm it, please contact {{ petitioner.signatory | name_line }} at "
        "{{ petitioner.signatory.phone }}{% if petitioner.signatory.email %} or {{ petitioner.signatory.email }}"
        "{% endif %}."
    )
    employer_signature(letter)
    letter.p("{% if petitioner.signatory.phone %}Tel. {{ petitioner.signatory.phone }}{% endif %}", "Signature")
    letter.p("{% if petitioner.signatory.email %}{{ petitioner.signatory.email }}{% endif %}", "Signature")
    return letter


# --- the RFE response cover letter -------------------------------------------------------------


def build_rfe_response() -> Letter:
    letter = Letter("rfe_response", "RFE response cover letter", "Times New Roman", 12)
    letter.letterhead(
        "{{ representative.firm }}",
        "representative.address",
        [
            "{% if representative.phone %}Tel. {{ representative.phone }}{% endif %}"
            "{% if representative.fax %}  ·  Fax {{ representative.fax }}{% endif %}",
            "{% if representative.email %}{{ representative.email }}{% endif %}",
        ],
    )
    letter.running_header("Response to RFE, receipt number {{ extra.receipt_number }}")
    letter.p("{{ today | long_date }}")
    letter.optional("extra.delivery", "<b>Via {{ extra.delivery }}</b>")
    letter.p("U.S. Citizenship and Immigration Services", "Compact")
    letter.p("{{ extra.office.name }}", "Compact")
    letter.optional("extra.office.attention", "Attn: {{ extra.office.attention }}", style="Compact")
    letter.p("{{ extra.office | street_line }}", "Compact")
    letter.p("{{ extra.office | city_line }}", "Compact")
    letter.p("", "Compact")
    letter.re_block(
        [
            ("<b>Re:</b>", "<b>Response to Request for Evidence</b>"),
            ("Receipt number:", "<b>{{ extra.receipt_number }}</b>"),
            ("Form:", "{{ facts.form }}"),
            ("Petitioner:", "{{ petitioner.name }}"),
            ("Beneficiary:", NAME),
            ("Classification:", "{{ facts.classification }}"),
            ("RFE dated:", "{{ extra.notice_date | long_date }}"),
            ("Response due:", "{{ extra.response_due | long_date }}"),
        ]
    )
    letter.p("Dear Officer:")
    letter.p(
        "This firm represents the Petitioner, {{ petitioner.name }}, in the above-referenced Form {{ facts.form }} "
        "petition for {{ facts.classification }} classification of the Beneficiary, " + NAME + ". "
        "{% if representative.g28_attached %}A Form G-28, Notice of Entry of Appearance as Attorney or "
        "Accredited Representative, is enclosed. {% endif %}We respectfully submit this response to the "
        "Request for Evidence (the “RFE”) issued on {{ extra.notice_date | long_date }}. As the RFE instructs, "
        "a copy of the notice is placed on top of this response."
    )
    letter.p(
        "The RFE raises {{ extra.points | count_of('issue') }}. We answer each below, in the order of the "
        "notice, and cite the enclosed exhibits, which are listed at the end of this letter."
    )
    letter.logic("{%p for p in extra.points %}")
    letter.p("Issue {{ loop.index }}: {{ p.title }}", "Letter Heading")
    letter.optional("p.request", "The RFE states: “{{ p.request }}”", style="Letter Quote")
    letter.p("{{ p.response | paragraphs }}")
    letter.optional("p.exhibits", "<b>Evidence submitted:</b> {{ p.exhibits | cite(extra.exhibits) }}.")
    letter.logic("{%p endfor %}")
    letter.heading("Conclusion")
    letter.p(
        "The evidence enclosed answers each point of the RFE. Together with the evidence submitted with the "
        "petition, it establishes by a preponderance of the evidence that the Beneficiary qualifies for "
        "{{ facts.classification }} classification and that the petition should be approved. We respectfully "
        "request that it be approved. Should you need anything further, please contact the undersigned"
        "{% if representative.phone %} at {{ representative.phone }}{% endif %}"
        "{% if representative.email %} or {{ representative.email }}{% endif %}."
    )
    letter.p("Respectfully submitted,", "Signature")
    letter.p("", "Signature")
    letter.p("", "Signature")
    letter.p("______________________________", "Signature")
    letter.p("{{ representative | name_line }}", "Signature")
    letter.p("Attorney for the Petitioner", "Signature")
    letter.optional("representative.firm", "{{ representative.firm }}", style="Signature")
    letter.optional(
        "representative.bar_number",
        "{% if representative.bar_state %}{{ representative.bar_state }} {% endif %}Bar No. "
        "{{ representative.bar_number }}",
        style="Signature",
    )
    letter.p("")
    letter.p("<b>Enclosures</b>", keep=True)
    letter.item_table(
        ("Exhibit", "Document"),
        "e in extra.exhibits",
        (
            "{{ e.id }}",
            "{{ e.title }}{% if e.pages %} ({{ e.pages }} {% if e.pages == 1 %}page{% else %}pages{% endif %})"
            "{% endif %}",
        ),
        (1.0, 5.5),
    )
    letter.p(
        "The Request for Evidence dated {{ extra.notice_date | long_date }} is placed on top of the response, "
        "followed by this letter and the exhibits in the order listed."
    )
    letter.optional(
        "petitioner.contact",
        "cc: {{ petitioner.contact | name_line }}{% if petitioner.contact.title %}, "
        "{{ petitioner.contact.title }}{% endif %}, {{ petitioner.name }}",
    )
    return letter


# --- sample logos (fictional companies) ---------------------------------------------------------


def _font(size: int, bold: bool = True, serif: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    family = "Serif" if serif else "Sans"
    weight = "Bold" if bold else "Regular"
    path = Path(f"/usr/share/fonts/truetype/liberation/Liberation{family}-{weight}.ttf")
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default()


def draw_acme(path: Path) -> None:
    """Acme Analytics: three rising bars and the name."""
    image = Image.new("RGB", (720, 220), "white")
    draw = ImageDraw.Draw(image)
    for index, height in enumerate((70, 115, 160)):
        left = 20 + index * 52
        draw.rounded_rectangle((left, 190 - height, left + 38, 190), radius=6, fill=(0, 128, 128))
    draw.text((190, 52), "ACME", font=_font(74), fill=(31, 42, 68))
    draw.text((192, 132), "ANALYTICS", font=_font(46, bold=False), fill=(0, 128, 128))
    image.save(path, optimize=True)


def draw_hoshino(path: Path) -> None:
    """Hoshino Robotics: a ring with a star and the name."""
    image = Image.new("RGB", (720, 220), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 200, 200), outline=(178, 34, 52), width=16)
    star = [
        (110, 55),
        (124, 95),
        (166, 95),
        (132, 120),
        (145, 160),
        (110, 136),
        (75, 160),
        (88, 120),
        (54, 95),
        (96, 95),
    ]
    draw.polygon(star, fill=(178, 34, 52))
    draw.text((230, 48), "HOSHINO", font=_font(70), fill=(31, 42, 68))
    draw.text((232, 128), "ROBOTICS", font=_font(46, bold=False), fill=(178, 34, 52))
    image.save(path, optimize=True)


def draw_castellanos(path: Path) -> None:
    """Castellanos & Reyes LLP: a serif monogram in a square."""
    image = Image.new("RGB", (720, 220), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 200, 200), fill=(31, 42, 68))
    draw.text((44, 62), "C&R", font=_font(72, serif=True), fill="white")
    draw.text((228, 60), "Castellanos & Reyes", font=_font(52, serif=True), fill=(31, 42, 68))
    draw.text((230, 130), "IMMIGRATION LAW", font=_font(34, bold=False, serif=True), fill=(110, 110, 110))
    image.save(path, optimize=True)


BUILDERS: dict[str, Callable[[], Letter]] = {
    "h1b_support": build_h1b_support,
    "l1a_support": build_l1a_support,
    "employment_verification": build_employment_verification,
    "rfe_response": build_rfe_response,
}


LOGOS = {"acme-analytics": draw_acme, "hoshino-robotics": draw_hoshino, "castellanos-reyes": draw_castellanos}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, required=True, help="a folder for the originals (never overwritten)")
    parser.add_argument("--logos", action="store_true", help="also draw the fictional sample logos there")
    args = parser.parse_args(argv)
    targets: list[tuple[Path, Callable[[Path], None]]] = [
        (args.out_dir / f"{name}.docx", lambda path, build=build: build().save(path))
        for name, build in BUILDERS.items()
    ]
    if args.logos:
        targets += [(args.out_dir / f"{name}.png", draw) for name, draw in LOGOS.items()]
    existing = [str(path) for path, _ in targets if path.exists()]
    if existing:
        print(
            f"build_letter_templates: {', '.join(existing)} already exist(s); nothing written "
            "(this script never overwrites; choose an empty --out-dir)",
            file=sys.stderr,
        )
        return 1
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for path, write in targets:
        write(path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
