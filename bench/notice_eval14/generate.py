"""Write set 14: an academic medical centre's immigration office's USCIS paper, and its truth (issue 14).

``generate(folder, seed, only=None)`` writes the files and ``truth.json`` and returns the truth. Nothing is written
when a check fails: every printed value is found in the text layer of its notice's pages (the producer's document
and the file as put together, before any scanning) and read back as the true value first.
Run: ``python -m bench.notice_eval14.generate FOLDER [--seed N] [--only NAME ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from bench.notice_eval14 import others
from bench.notice_eval14.assemble import (
    Doc,
    FileSpec,
    Payload,
    Sheet,
    TruthError,
    page_texts,
    printed_file,
    produce,
    write_file,
)
from bench.notice_eval14.cases import Clinic
from bench.notice_eval14.compose import compose
from bench.notice_eval14.facts import FIELDS, Notice, Person, fmt_date, read_back
from bench.notice_eval14.families import FAMILY_FONTS, PRODUCER, asc, carbon, memo, portal, ribbon, slate, ticket

GENERATOR_VERSION = "14.4"
SET = 14
NAME_WIDTH = {"slate": 44, "ribbon": 70, "carbon": 56, "ticket": 72, "portal": 200, "asc": 200, "memo": 200}


class Builder:
    """The catalogue: notices and other papers, and the files they arrive in."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.clinic = Clinic(self.rnd)
        self.docs: list[Doc] = []
        self.files: list[FileSpec] = []

    # documents ------------------------------------------------------------------------------

    def notice(self, kind: str, form: str, who: Person, family: str, pages: int = 1, **options: Any) -> Doc:
        n = self.clinic.notice(kind, form, who, family, pages, **options)
        font = self.rnd.choice(FAMILY_FONTS[family])
        sheet = compose(n, self.rnd, font, NAME_WIDTH[family])
        payload: Payload
        if family == "slate":
            payload = partial(slate, sheet)
        elif family == "ribbon":
            payload = partial(ribbon, sheet)
        elif family == "carbon":
            payload = partial(carbon, sheet)
        elif family == "ticket":
            payload = partial(ticket, sheet)
        elif family == "portal":
            downloaded = fmt_date(n.facts["notice_date"], "us") + " 10:42 AM"
            payload = partial(portal, sheet, downloaded)
        elif family == "asc":
            payload = partial(asc, sheet)
        else:
            payload = partial(memo, sheet, n.shown["notice_date"])
        n.extra["font"] = font
        doc = Doc(n.key, PRODUCER[family], payload, n, f"{family} {n.kind} {form}")
        self.docs.append(doc)
        return doc

    def other(self, producer: str, payload: Payload, label: str) -> Doc:
        doc = Doc(f"o{len(self.docs):03d}", producer, payload, None, label)
        self.docs.append(doc)
        return doc

    # files ------------------------------------------------------------------------------------

    def file(self, medium: str, output: str, label: str, effect: str, sheets: list[Sheet], **kw: Any) -> FileSpec:
        ext = {"pdf": "pdf", "tiff": "tif", "jpeg": "jpg", "png": "png"}[output]
        name = f"ipss-{len(self.files) + 1:03d}.{ext}"
        spec = FileSpec(name, medium, output, label, effect, sheets, **kw)
        self.files.append(spec)
        return spec


def pages(doc: Doc, treat: str = "digital", **kw: Any) -> list[Sheet]:
    count = doc.notice.pages if doc.notice else 1
    return [Sheet([(doc, i)], treat, **kw) for i in range(count)]


def catalogue(seed: int) -> Builder:
    """Every file of the set, in order (the same for a seed)."""
    b = Builder(seed)
    c = b.clinic
    rnd = b.rnd
    P = c.person
    dr = [P("physician") for _ in range(14)] + [P("researcher") for _ in range(8)]
    old = [P("physician", short_a=True) for _ in range(3)]
    N = b.notice

    # ---- text PDFs: downloads from online accounts and the e-filing portal, e-mailed PDFs -------------------
    b.file(
        "text-pdf",
        "pdf",
        "H-1B receipt (cap-exempt), grid",
        "none",
        pages(N("receipt", "I-129", dr[0], "slate", klass="H1B")),
    )
    b.file(
        "text-pdf",
        "pdf",
        "I-485 receipt, A-Number over the name",
        "none",
        pages(N("receipt", "I-485", dr[1], "slate", priority=True)),
    )
    b.file(
        "text-pdf",
        "pdf",
        "H-1B extension approval with I-94 part, a viewer's note and highlight added",
        "viewer-annotations",
        pages(N("approval94", "I-129", dr[2], "slate", klass="H1B")),
        annotate="extension: file by 03/2029, 6 mo before",
    )
    b.file("text-pdf", "pdf", "I-824 receipt", "none", pages(N("receipt", "I-824", dr[3], "slate")))
    b.file(
        "text-pdf",
        "pdf",
        "NIW self-petition approval, values over captions",
        "none",
        pages(N("approval", "I-140", dr[4], "ribbon", klass="E21", self_petition=True)),
    )
    b.file(
        "text-pdf", "pdf", "I-765 receipt, values over captions", "none", pages(N("receipt", "I-765", dr[5], "ribbon"))
    )
    b.file(
        "text-pdf",
        "pdf",
        "biometrics appointment, values over captions",
        "none",
        pages(N("biometrics", "I-485", dr[6], "ribbon")),
    )
    b.file(
        "text-pdf",
        "pdf",
        "older O-1 approval, fixed pitch",
        "none",
        pages(N("approval", "I-129", old[0], "carbon", era="old", klass="O1A")),
    )
    b.file(
        "text-pdf",
        "pdf",
        "older EB-1 researcher receipt, fixed pitch",
        "none",
        pages(N("receipt", "I-140", dr[7], "carbon", era="old", klass="E12")),
    )
    b.file(
        "text-pdf",
        "pdf",
        "older I-131 rejection, fixed pitch",
        "none",
        pages(N("rejection", "I-131", old[1], "carbon", era="old")),
    )
    spouse7, child7 = c.family_of(dr[8])
    b.file(
        "text-pdf",
        "pdf",
        "H-4 spouse I-539 receipt, ruled table",
        "none",
        pages(N("receipt", "I-539", spouse7, "ticket", with_a=False)),
    )
    b.file("text-pdf", "pdf", "H-1B RFE, ruled table", "none", pages(N("rfe", "I-129", dr[9], "ticket")))
    b.file("text-pdf", "pdf", "I-485 transfer, ruled table", "none", pages(N("transfer", "I-485", dr[10], "ticket")))
    b.file(
        "text-pdf",
        "pdf",
        "J-1 waiver I-612 receipt, ruled table",
        "none",
        pages(N("receipt", "I-612", dr[11], "ticket")),
    )
    b.file(
        "text-pdf",
        "pdf",
        "I-131 receipt, online account download",
        "none",
        pages(N("receipt", "I-131", dr[12], "portal")),
    )
    b.file(
        "text-pdf",
        "pdf",
        "I-140 RFE, two pages, online account download",
        "none",
        pages(N("rfe", "I-140", dr[13], "portal", pages=2)),
    )
    b.file(
        "text-pdf",
        "pdf",
        "H-4 extension approval with I-94, online account",
        "none",
        pages(N("approval94", "I-539", child7, "portal", klass="H4", with_a=False)),
    )
    b.file("text-pdf", "pdf", "ASC appointment, I-765", "none", pages(N("biometrics", "I-765", dr[14], "asc")))
    b.file("text-pdf", "pdf", "adjustment interview notice", "none", pages(N("interview", "I-485", dr[15], "asc")))
    b.file(
        "text-pdf",
        "pdf",
        "NIW intent to deny letter",
        "none",
        pages(N("noid", "I-140", dr[16], "memo", self_petition=True)),
    )
    b.file(
        "text-pdf",
        "pdf",
        "H-4 extension denial letter",
        "none",
        pages(N("denial", "I-539", spouse7, "memo", with_a=False)),
    )
    b.file("text-pdf", "pdf", "I-485 RFE letter, two pages", "none", pages(N("rfe", "I-485", dr[17], "memo", pages=2)))
    # multi-notice text files
    r = N("receipt", "I-129", dr[18], "slate", klass="H1B")
    f0 = r.notice.facts if r.notice else {}
    emp = f0["petitioner"]
    pp = N(
        "premium", "I-907", dr[18], "ticket", receipt=f0["receipt_number"], received=f0["received_date"], employer=emp
    )
    ap = N(
        "approval",
        "I-129",
        dr[18],
        "slate",
        receipt=f0["receipt_number"],
        received=f0["received_date"],
        employer=emp,
        klass="H1B",
    )
    b.file(
        "text-pdf",
        "pdf",
        "I-129 receipt, its I-907 receipt and the approval, one receipt number",
        "none",
        pages(r) + pages(pp) + pages(ap),
    )
    sp, ch = c.family_of(dr[19])
    fam = [N("receipt", "I-485", who, "portal", priority=True) for who in (dr[19], sp, ch)]
    b.file(
        "text-pdf", "pdf", "a family's three I-485 receipts, online account", "none", [s for d in fam for s in pages(d)]
    )
    two = [N("receipt", "I-765", dr[20], "ribbon"), N("receipt", "I-131", dr[20], "ribbon")]
    b.file("text-pdf", "pdf", "two receipts printed two to a sheet", "two-up", [Sheet([(two[0], 0), (two[1], 0)])])
    orig = N("approval94", "I-129", dr[21], "ticket", klass="H1B")
    fo = orig.notice.facts if orig.notice else {}
    corr = N(
        "corrected",
        "I-129",
        dr[21],
        "ticket",
        klass="H1B",
        receipt=fo["receipt_number"],
        received=fo["received_date"],
        employer=fo["petitioner"],
    )
    b.file("text-pdf", "pdf", "an approval and its corrected re-issue", "none", pages(orig) + pages(corr))
    email_receipt = c.cast.receipt("WAC", 2026)
    mail = b.other(
        "chromium",
        partial(others.cover_email, email_receipt, f"{dr[0].given} {dr[0].family}", "Tuesday, March 10, 2026 4:12 PM"),
        "attorney's e-mail quoting a receipt notice",
    )
    b.file("text-pdf", "pdf", "not a notice: attorney's cover e-mail printed to PDF", "none", pages(mail))
    status_receipt = c.cast.receipt("IOE", 2026)
    status = b.other(
        "chromium",
        partial(others.status_page, status_receipt, "I-765", "February 2, 2026", "3/1/26, 8:05 AM"),
        "case status web page",
    )
    b.file("text-pdf", "pdf", "not a notice: case status page printed to PDF", "none", pages(status))

    # ---- scanned and faxed PDFs -----------------------------------------------------------------------------
    def app(doc: Doc, slip: bool = False) -> list[Sheet]:
        return pages(doc, "app", dpi=200, grey=False, ocr_slip=slip)

    b.file(
        "scan-pdf",
        "pdf",
        "phone-app scan with its own OCR layer (slips in the layer)",
        "app-ocr",
        app(N("receipt", "I-129", P("physician"), "portal", klass="O1A"), slip=True),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "phone-app scan with its own OCR layer",
        "app-ocr",
        app(N("approval", "I-140", P("researcher"), "slate", klass="E11", self_petition=True)),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "phone-app scan of an approval with I-94, OCR layer with slips",
        "app-ocr",
        app(N("approval94", "I-129", P("physician"), "ribbon", klass="H1B"), slip=True),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "phone-app scan of a two-page RFE letter",
        "app-ocr",
        app(N("rfe", "I-129", P("physician"), "memo", pages=2)),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "phone-app scan of an older receipt",
        "app-ocr",
        app(N("receipt", "I-485", old[2], "carbon", era="old"), slip=True),
    )
    fax_hdr = "DEC-01-2026 14:32  FROM: MARGOLIN VESTERGAARD 555-0187   TO: 555-0142   P.{page}"
    b.file(
        "scan-pdf",
        "pdf",
        "fax (standard mode) of an intent to deny",
        "fax-standard",
        pages(N("noid", "I-140", P("researcher"), "memo"), "fax", fine=False),
        fax_header=fax_hdr,
    )
    b.file(
        "scan-pdf",
        "pdf",
        "fax (fine mode) of an RFE",
        "fax-fine",
        pages(N("rfe", "I-129", P("physician"), "ticket"), "fax"),
        fax_header=fax_hdr,
    )
    b.file(
        "scan-pdf",
        "pdf",
        "fax (fine mode) of a receipt",
        "fax-fine",
        pages(N("receipt", "I-129", P("physician"), "slate"), "fax"),
        fax_header=fax_hdr,
    )
    hd = P("physician")
    hsp, _hch = c.family_of(hd)
    bios = [N("biometrics", "I-485", hd, "slate"), N("biometrics", "I-765", hsp, "slate")]
    b.file(
        "scan-pdf",
        "pdf",
        "fax of two biometrics appointments (a couple)",
        "fax-standard",
        [s for d in bios for s in pages(d, "fax", fine=False)],
        fax_header=fax_hdr,
    )
    b.file(
        "scan-pdf",
        "pdf",
        "grey copier scan, skewed",
        "copier-grey",
        pages(N("receipt", "I-140", P("researcher"), "slate", klass="E21", self_petition=True), "copier", skew=1.4),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "colour scan with a sticky note",
        "copier-colour-sticky",
        pages(
            N("approval", "I-129", P("physician"), "ribbon", klass="H1B", abroad=True),
            "copier",
            dpi=300,
            grey=False,
            sticky="Dr. K - copy to GME\n+ dept chair, pls",
        ),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "copier scan fed upside down",
        "copier-180",
        pages(N("transfer", "I-129", P("physician"), "carbon", era="old"), "copier", turn=180),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "copier scan fed sideways",
        "copier-90",
        pages(N("rejection", "I-765", P("physician"), "ticket"), "copier", dpi=250, turn=90),
    )
    tw = P("researcher")
    tr = N("receipt", "I-129", tw, "slate", klass="O1A")
    t0 = tr.notice.facts if tr.notice else {}
    two = [
        tr,
        N(
            "premium",
            "I-907",
            tw,
            "slate",
            receipt=t0["receipt_number"],
            received=t0["received_date"],
            employer=t0["petitioner"],
        ),
    ]
    b.file(
        "scan-pdf",
        "pdf",
        "receipt and premium receipt copied two to a sheet",
        "copier-two-up",
        [Sheet([(two[0], 0), (two[1], 0)], "copier", dpi=300, skew=-0.6)],
    )
    b.file(
        "scan-pdf",
        "pdf",
        "online RFE printed, highlighted and scanned",
        "copier-highlighter",
        [
            Sheet([(d, i)], "copier", grey=False, highlight="The evidence submitted" if i == 0 else "")
            for d in [N("rfe", "I-765", P("physician"), "portal", pages=2)]
            for i in range(2)
        ],
    )
    b.file(
        "scan-pdf",
        "pdf",
        "interview notice with a pen note, scanned",
        "copier-note",
        pages(
            N("interview", "I-485", P("researcher"), "asc", interview_office=1),
            "copier",
            grey=False,
            note="bring I-864 + med exam!",
        ),
    )
    batch_people = [P("physician"), P("researcher"), P("physician")]
    batch = [
        N("receipt", "I-765", batch_people[0], "ribbon"),
        N("approval", "I-140", batch_people[1], "carbon", klass="E21"),
        N("biometrics", "I-131", batch_people[2], "portal"),
    ]
    names = [f"{p.family.upper()}, {p.given.upper()}" for p in batch_people]
    cover = b.other("reportlab", partial(others.imaging_cover, "IMG-2026-118842", names, 4, []), "imaging cover sheet")
    stamp = "HALVERSTROM HIM  DOC 2026-118842  BATCH 1203-07  IDX IPSS/USCIS"
    b.file(
        "scan-pdf",
        "pdf",
        "imaging batch: cover sheet and three people's notices, index stamp",
        "copier-batch",
        [Sheet([(cover, 0)], "copier", stamp=stamp)]
        + [Sheet([(d, 0)], "copier", stamp=f"{stamp}  PG {k + 2}/4", skew=0.5 * (k - 1)) for k, d in enumerate(batch)],
    )
    rows = []
    for d in b.docs[:8]:
        if d.notice is not None:
            who = d.notice.facts.get("beneficiary") or d.notice.facts.get("applicant")
            rows.append(
                (str(who)[:28], d.notice.form, d.notice.facts["receipt_number"], "pending - check status weekly")
            )
    sheet_doc = b.other("fpdf2", partial(others.tracking_sheet, rows), "tracking sheet")
    b.file(
        "scan-pdf",
        "pdf",
        "not a notice: the office's tracking sheet, scanned",
        "copier-grey",
        pages(sheet_doc, "copier"),
    )
    hr_receipt = c.cast.receipt("EAC", 2025)
    hr = b.other(
        "libreoffice",
        partial(
            others.hr_letter, f"Dr. {dr[2].given} {dr[2].family}", hr_receipt, "September 30, 2028", "November 18, 2026"
        ),
        "HR letter",
    )
    b.file(
        "scan-pdf",
        "pdf",
        "not a notice: HR letter quoting an approval, scanned",
        "copier-grey",
        pages(hr, "copier", dpi=300),
    )

    # ---- mixed PDFs: the imaging system's batches, some pages born digital ---------------------------------------
    m1 = [
        N("receipt", "I-129", P("physician"), "slate", klass="H1B"),
        N("rfe", "I-485", P("physician"), "memo", pages=2),
        N("approval", "I-129", P("physician"), "carbon", era="old", klass="H1B"),
    ]
    receipts = [d.notice.facts["receipt_number"] for d in m1 if d.notice]
    cover1 = b.other(
        "reportlab",
        partial(others.imaging_cover, "IMG-2026-119003", ["SEE PAGES"], 5, receipts),
        "imaging cover quoting receipts",
    )
    st1 = "HALVERSTROM HIM  DOC 2026-119003  BATCH 1203-09"
    b.file(
        "mixed-pdf",
        "pdf",
        "imaging batch: cover quoting receipt numbers, a download, a scanned RFE and older approval",
        "mixed-batch",
        [Sheet([(cover1, 0)], stamp=st1), Sheet([(m1[0], 0)], stamp=st1)]
        + [Sheet([(m1[1], i)], "copier", stamp=st1) for i in range(2)]
        + [Sheet([(m1[2], 0)], "copier", grey=False, dpi=300, stamp=st1, skew=-1.1)],
    )
    m2 = [N("receipt", "I-539", P("spouse"), "portal", with_a=False), N("biometrics", "I-539", P("spouse"), "ribbon")]
    b.file(
        "mixed-pdf",
        "pdf",
        "a download and a sideways-scanned appointment",
        "mixed",
        pages(m2[0]) + pages(m2[1], "copier", turn=90),
    )
    m3p = P("physician")
    m3r = N("receipt", "I-129", m3p, "ticket", klass="H1B")
    m3f = m3r.notice.facts if m3r.notice else {}
    m3 = [
        m3r,
        N(
            "premium",
            "I-907",
            m3p,
            "slate",
            receipt=m3f["receipt_number"],
            received=m3f["received_date"],
            employer=m3f["petitioner"],
        ),
        N(
            "approval94",
            "I-129",
            m3p,
            "ribbon",
            receipt=m3f["receipt_number"],
            received=m3f["received_date"],
            employer=m3f["petitioner"],
            klass="H1B",
        ),
    ]
    b.file(
        "mixed-pdf",
        "pdf",
        "receipt, premium receipt (scanned) and approval, one receipt number",
        "mixed",
        pages(m3[0]) + pages(m3[1], "copier", dpi=200) + pages(m3[2]),
    )
    hr2 = b.other(
        "libreoffice",
        partial(
            others.hr_letter,
            f"Dr. {dr[5].given} {dr[5].family}",
            c.cast.receipt("WAC", 2024),
            "June 14, 2027",
            "October 2, 2026",
        ),
        "HR letter",
    )
    b.file(
        "mixed-pdf",
        "pdf",
        "a denial letter and a scanned HR letter",
        "mixed",
        pages(N("denial", "I-140", P("researcher"), "memo")) + pages(hr2, "copier"),
    )
    m5h = P("physician")
    m5s, m5c = c.family_of(m5h)
    m5 = [
        N("biometrics", "I-485", m5s, "asc"),
        N("biometrics", "I-485", m5c, "asc"),
        N("approval94", "I-539", m5s, "slate", klass="H4", with_a=False),
    ]
    b.file(
        "mixed-pdf",
        "pdf",
        "two appointments copied to one sheet, and an approval download",
        "mixed-two-up",
        [Sheet([(m5[0], 0), (m5[1], 0)], "copier", dpi=300, grey=False), *pages(m5[2])],
    )
    m6 = [N("transfer", "I-765", P("physician"), "slate"), N("receipt", "I-131", P("physician"), "ticket")]
    fcover = b.other("fpdf2", partial(others.fax_cover, "Margolin Vestergaard LLP", 3, "12/01/2026"), "fax cover")
    b.file(
        "mixed-pdf",
        "pdf",
        "fax cover sheet (digital) and two faxed notices",
        "mixed-fax",
        pages(fcover) + pages(m6[0], "fax") + pages(m6[1], "fax", fine=False),
        fax_header=fax_hdr,
    )

    # ---- images: photos, screenshots, TIFF faxes and scans ----------------------------------------------------
    b.file(
        "image",
        "jpeg",
        "phone photo, EXIF turned, thumb at the edge",
        "photo-exif",
        pages(N("receipt", "I-129", P("physician"), "slate", klass="O1A"), "plain", dpi=170),
        photo="thumb",
        exif=6,
    )
    b.file(
        "image",
        "jpeg",
        "phone photo with a paper clip",
        "photo",
        pages(N("approval94", "I-129", P("physician"), "ribbon", klass="H1B"), "plain", dpi=170),
        photo="clip",
    )
    b.file(
        "image",
        "jpeg",
        "phone photo of an older notice beside a mug",
        "photo-exif",
        pages(N("receipt", "I-140", P("researcher"), "carbon", era="old"), "plain", dpi=170),
        photo="mug",
        exif=8,
    )
    ph2 = P("physician")
    two_p = [N("receipt", "I-485", ph2, "slate"), N("receipt", "I-765", ph2, "slate")]
    b.file(
        "image",
        "jpeg",
        "phone photo of two receipts on one sheet",
        "photo-two-up",
        [Sheet([(two_p[0], 0), (two_p[1], 0)], "plain", dpi=230)],
        photo="clip",
    )
    b.file(
        "image",
        "png",
        "screenshot of an approval in a PDF viewer",
        "screenshot",
        pages(N("approval", "I-129", P("physician"), "portal", klass="H1B", abroad=True), "plain", dpi=110),
        shot=True,
    )
    b.file(
        "image",
        "png",
        "screenshot of an intent to deny letter",
        "screenshot",
        pages(N("noid", "I-140", P("researcher"), "memo"), "plain", dpi=110),
        shot=True,
    )
    tf = P("physician")
    tfx = [N("biometrics", "I-131", tf, "ticket"), N("receipt", "I-131", tf, "ticket")]
    b.file(
        "image",
        "tiff",
        "fax server TIFF, standard mode, two notices",
        "fax-tiff-standard",
        [s for d in tfx for s in pages(d, "fax", fine=False)],
        tiff_mode="g4",
        fax_header=fax_hdr,
    )
    b.file(
        "image",
        "tiff",
        "fax server TIFF, fine mode",
        "fax-tiff-fine",
        pages(N("transfer", "I-539", P("spouse"), "slate"), "fax"),
        tiff_mode="g4",
        fax_header=fax_hdr,
    )
    b.file(
        "image",
        "tiff",
        "grey TIFF scan of an interview notice",
        "tiff-lzw",
        pages(N("interview", "I-485", P("physician"), "asc"), "copier", dpi=200),
        tiff_mode="lzw",
    )
    b.file(
        "image",
        "png",
        "PNG scan fed sideways",
        "png-90",
        pages(N("receipt", "I-129", P("physician"), "ticket", klass="H1B"), "copier", dpi=200, turn=270),
    )
    b.file(
        "image",
        "jpeg",
        "app JPEG export of an appointment",
        "app-jpeg",
        pages(N("biometrics", "I-485", P("researcher"), "portal"), "app", dpi=200),
        quality=70,
    )
    b.file(
        "image",
        "jpeg",
        "phone photo of an approval with a sticky note",
        "photo-sticky",
        pages(
            N("approval", "I-140", P("researcher"), "ribbon", klass="E12"),
            "plain",
            dpi=170,
            sticky="file w/ PERM binder\n- T.V.",
        ),
        photo="thumb",
    )
    hr3 = b.other(
        "libreoffice",
        partial(
            others.hr_letter,
            f"Dr. {dr[9].given} {dr[9].family}",
            c.cast.receipt("EAC", 2026),
            "January 31, 2029",
            "December 1, 2026",
        ),
        "HR letter",
    )
    b.file("image", "jpeg", "not a notice: photo of an HR letter", "photo", pages(hr3, "plain", dpi=170), photo="clip")
    status2 = b.other(
        "chromium",
        partial(others.status_page, c.cast.receipt("MSC", 2026), "I-485", "April 14, 2026", "5/2/26, 7:41 PM"),
        "case status web page",
    )
    b.file(
        "image",
        "png",
        "not a notice: screenshot of a case status page",
        "screenshot",
        pages(status2, "plain", dpi=110),
        shot=True,
    )
    # ---- added in version 14.2: two more re-issued notices (kept last: the files before keep their names) ----
    h4 = P("spouse")
    first = c.facts("approval94", "I-539", h4, klass="H4", with_a=False)
    b.file(
        "text-pdf",
        "pdf",
        "H-4 approval re-issued as a corrected notice, online account",
        "none",
        pages(
            N(
                "corrected",
                "I-539",
                h4,
                "portal",
                klass="H4",
                with_a=False,
                receipt=first["receipt_number"],
                received=first["received_date"],
            )
        ),
    )
    b.file(
        "scan-pdf",
        "pdf",
        "corrected approval with I-94, grey copy at 300 dpi",
        "copier-grey",
        pages(N("corrected", "I-129", P("physician"), "slate", klass="H1B"), "copier", dpi=300, skew=-0.8),
    )
    _ = rnd
    return b


# ---------------------------------------------------------------------------------------------
# Checks and truth.


def _squash(text: str) -> str:
    return "".join(text.split())


def pieces(name: str, printed: Any) -> list[str]:
    if name == "appointment":
        return [printed["date"], printed["time"], printed["location"]]
    return list(printed) if isinstance(printed, list) else [str(printed)]


def check(n: Notice, texts: list[str], where: str) -> None:
    """Every value ``n`` carries is printed in ``texts`` and reads back as the true value; else TruthError."""
    text = _squash("".join(texts))
    truth = n.truth()
    for name in FIELDS:
        if truth[name] is None:
            continue
        if name not in n.shown:
            raise TruthError(f"{where}: {n.key} {name}: the truth has a value the notice does not print")
        for piece in pieces(name, n.shown[name]):
            if _squash(piece) not in text:
                raise TruthError(f"{where}: {n.key} {name}: {piece!r} is not printed on its pages")
        back = read_back(name, n.shown[name])
        if back != truth[name]:
            raise TruthError(
                f"{where}: {n.key} {name}: printed {n.shown[name]!r} reads {back!r}, truth {truth[name]!r}"
            )


def notice_pages(spec: FileSpec) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for number, sheet in enumerate(spec.sheets, start=1):
        for doc, _index in sheet.docs:
            if doc.notice is not None:
                found.setdefault(doc.notice.key, [])
                if number not in found[doc.notice.key]:
                    found[doc.notice.key].append(number)
    return found


def entry(spec: FileSpec, notices: dict[str, Notice]) -> dict[str, Any]:
    producers = sorted({doc.producer for sheet in spec.sheets for doc, _ in sheet.docs})
    dpis = sorted({sheet.dpi for sheet in spec.sheets if sheet.treat != "digital"})
    out: list[dict[str, Any]] = []
    for key, where in notice_pages(spec).items():
        n = notices[key]
        record: dict[str, Any] = {"pages": where, "_family": n.family, "_kind": n.kind}
        record.update(n.truth())
        record["_printed"] = n.shown
        out.append(record)
    return {
        "medium": spec.medium,
        "format": spec.output,
        "effect": spec.effect,
        "dpi": dpis[0] if len(dpis) == 1 else (dpis or None),
        "pages": len(spec.sheets),
        "label": spec.label,
        "producers": producers,
        "page_modes": [sheet.treat for sheet in spec.sheets],
        "notices": out,
    }


def generate(folder: Path | str, seed: int = 1797, only: list[str] | None = None) -> dict[str, Any]:
    """Write the set (or the files named in ``only``) and ``truth.json`` into ``folder``; return the truth."""
    folder = Path(folder)
    b = catalogue(seed)
    files = [spec for spec in b.files if only is None or spec.name in only]
    names = {spec.name for spec in files}
    if only is not None and len(files) != len(set(only)):
        known = {spec.name for spec in b.files}
        raise ValueError(f"set 14 has no file(s) {sorted(set(only) - known)}")
    wanted = {id(doc) for spec in files for sheet in spec.sheets for doc, _ in sheet.docs}
    produce([doc for doc in b.docs if id(doc) in wanted])
    notices: dict[str, Notice] = {}
    for doc in b.docs:
        if id(doc) not in wanted or doc.notice is None:
            continue
        if doc.page_count != doc.notice.pages:
            raise TruthError(f"{doc.key} ({doc.label}): {doc.page_count} pages, meant {doc.notice.pages}")
        check(doc.notice, page_texts(doc.pdf), f"{doc.label} as produced")
        notices[doc.notice.key] = doc.notice
    blobs: dict[str, bytes] = {}
    truth_files: dict[str, Any] = {}
    for number, spec in enumerate(b.files):
        if spec.name not in names:
            continue
        printed = printed_file(spec)
        texts = page_texts(printed)
        for key, where in notice_pages(spec).items():
            check(notices[key], [texts[p - 1] for p in where], f"{spec.name} as put together")
        rnd = random.Random(seed * 1000 + number)
        rng = np.random.default_rng([seed, number])
        slips = [
            str(doc.notice.shown["receipt_number"])
            for sheet in spec.sheets
            if sheet.ocr_slip
            for doc, _ in sheet.docs
            if doc.notice is not None
        ]
        blobs[spec.name] = write_file(spec, printed, rnd, rng, slips)
        truth_files[spec.name] = entry(spec, notices)
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": SET, "files": truth_files}
    _write(folder, blobs, truth)
    return truth


def _write(folder: Path, blobs: dict[str, bytes], truth: dict[str, Any]) -> None:
    """Stage every file, move them into place, ``truth.json`` last (folder 0700, files 0600)."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    stage = folder / f".staging-{os.getpid()}"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(mode=0o700)
    try:
        for name, data in [
            *blobs.items(),
            ("truth.json", (json.dumps(truth, indent=1, ensure_ascii=False) + "\n").encode()),
        ]:
            path = stage / name
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        for name in [*blobs, "truth.json"]:
            os.replace(stage / name, folder / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1797)
    parser.add_argument("--only", nargs="*", help="write only these files (names as in truth.json)")
    args = parser.parse_args()
    try:
        truth = generate(args.folder, args.seed, args.only)
    except TruthError as exc:
        raise SystemExit(f"set 14 not written: {exc}") from None
    files = truth["files"]
    notices = sum(len(e["notices"]) for e in files.values())
    print(f"set 14, seed {args.seed}: {len(files)} files, {notices} notices -> {args.folder}")


if __name__ == "__main__":
    main()
